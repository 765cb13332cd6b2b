using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Data;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Security;

namespace StudyGuide.Web.Moderation;

/// <summary>
/// Where to find help, shown to a member who reports a self-harm concern. One Markdown text per language, set by
/// an admin; until then a default that names real services and says it should be adapted to the country.
/// </summary>
public class SafetyHelpText
{
    public const int MaxLength = 4000;

    /// <summary>Two-letter language code: "en", "fr".</summary>
    public string Language { get; set; } = "";
    public string Markdown { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

sealed class SafetyHelpTextConfiguration : IEntityTypeConfiguration<SafetyHelpText>
{
    public void Configure(EntityTypeBuilder<SafetyHelpText> help)
    {
        help.ToTable("safety_help_texts");
        help.HasKey(h => h.Language);
        help.Property(h => h.Language).HasMaxLength(8);
        help.Property(h => h.Markdown).HasMaxLength(SafetyHelpText.MaxLength);
    }
}

public static class SafetyHelp
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    // Numbers checked against each service's own site: Samaritans (UK and Ireland), 988 Lifeline (US),
    // 9-8-8 (Canada), Lifeline (Australia), 3114 (France), Fil Santé Jeunes (France), Centre de Prévention
    // du Suicide (Belgium), La Main Tendue (Switzerland), Suicide Action Montréal / 9-8-8 (Québec).
    public const string DefaultEnglish = """
        **If someone is in danger right now, call the emergency number where you are** (112 in Europe, 999 in the UK, 911 in North America, 000 in Australia).

        You can talk to someone, free and in confidence, at any hour:

        - UK and Ireland: Samaritans, call **116 123**.
        - United States: the 988 Suicide & Crisis Lifeline, call or text **988**.
        - Canada: call or text **988**.
        - Australia: Lifeline, call **13 11 14**.

        Telling a teacher or another adult you trust is always a good step, for yourself or for a friend.

        *This is the default text. Your administrator should adapt it to your country and your school.*
        """;

    public const string DefaultFrench = """
        **Si quelqu'un est en danger en ce moment, appelez le numéro d'urgence de votre pays** (112 en Europe, 15 ou 112 en France, 911 au Canada).

        Vous pouvez parler à quelqu'un, gratuitement et en toute confidentialité :

        - France : numéro national de prévention du suicide, **3114**, jour et nuit ; Fil Santé Jeunes, **0 800 235 236**, pour les 12–25 ans.
        - Belgique : Centre de Prévention du Suicide, **0800 32 123**.
        - Suisse : La Main Tendue, **143** ; pour les jeunes, Pro Juventute, **147**.
        - Canada et Québec : composez ou textez le **988**.

        En parler à un enseignant ou à un adulte de confiance est toujours une bonne idée, pour vous ou pour un ami.

        *Ceci est le texte par défaut. L'administrateur du site devrait l'adapter à votre pays et à votre établissement.*
        """;

    public static string Default(string language) => language == "fr" ? DefaultFrench : DefaultEnglish;

    /// <summary>The admin's text for this language, or the default.</summary>
    public static async Task<string> MarkdownForAsync(AppDbContext db, string language, CancellationToken cancellationToken = default)
    {
        var language2 = Languages.Contains(language) ? language : "en";
        var stored = await db.SafetyHelpTexts.AsNoTracking().Where(h => h.Language == language2).Select(h => h.Markdown).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(stored) ? Default(language2) : stored;
    }

    /// <summary>
    /// The text as HTML, through the same pipeline and allow-list as members' posts (raw HTML shown as text, images as
    /// links, only http, https and mailto links). Rendered on each use: it is short, and shown only on the report page.
    /// </summary>
    public static SanitizedHtml Html(string markdown) => PostMarkdown.FromStored(PostMarkdown.RenderStored(markdown));

    public static async Task<SanitizedHtml> RenderAsync(AppDbContext db, string language, CancellationToken cancellationToken = default) =>
        Html(await MarkdownForAsync(db, language, cancellationToken));
}
