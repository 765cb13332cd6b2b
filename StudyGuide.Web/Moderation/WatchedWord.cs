using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyGuide.Web.Data;
using StudyGuide.Web.Groups;

namespace StudyGuide.Web.Moderation;

public enum WatchedWordAction
{
    /// <summary>The post waits for a facilitator's approval.</summary>
    Hold,
    /// <summary>The post is refused with a message; the author keeps their text in the form.</summary>
    Refuse,
}

/// <summary>A word or phrase watched site-wide (no group, kept by admins) or in one group (kept by its facilitators).</summary>
public class WatchedWord
{
    public const int PhraseMaxLength = 100;

    public int Id { get; set; }
    public int? GroupId { get; set; }
    public string Phrase { get; set; } = "";
    public WatchedWordAction Action { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

sealed class WatchedWordConfiguration : IEntityTypeConfiguration<WatchedWord>
{
    public void Configure(EntityTypeBuilder<WatchedWord> word)
    {
        word.ToTable("watched_words");
        word.Property(w => w.Phrase).HasMaxLength(WatchedWord.PhraseMaxLength);
        word.Property(w => w.Action).HasConversion<string>().HasMaxLength(16);
        word.HasIndex(w => w.GroupId);
        word.HasOne<Groups.Group>().WithMany().HasForeignKey(w => w.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The first watched word a text contains: "refuse" words before "hold" words.</summary>
public sealed record WatchedWordMatch(string Phrase, WatchedWordAction Action);

/// <summary>
/// Matching ignores case and accents and looks for whole words: "connard" matches "Connard" and "CONNÂRD",
/// "pute" does not match "computer" or "députée". Both sides are folded the same way (lower case, accents
/// stripped after Unicode decomposition), then the phrase must be bounded by something that is not a letter
/// or a digit; the words of a phrase may be separated by any run of spaces.
/// </summary>
public static class WatchedWords
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A phrase as it is stored: trimmed, inner spaces collapsed.</summary>
    public static string Clean(string phrase) => string.Join(' ', phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static bool Contains(string foldedText, string phrase)
    {
        var words = Fold(Clean(phrase)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return false;
        var pattern = @"(?<![\p{L}\p{N}])" + string.Join(@"\s+", words.Select(Regex.Escape)) + @"(?![\p{L}\p{N}])";
        return Regex.IsMatch(foldedText, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public static WatchedWordMatch? FirstMatch(string text, IEnumerable<WatchedWord> words)
    {
        var folded = Fold(text);
        return words
            .OrderBy(w => w.Action == WatchedWordAction.Refuse ? 0 : 1)
            .Where(w => Contains(folded, w.Phrase))
            .Select(w => new WatchedWordMatch(w.Phrase, w.Action))
            .FirstOrDefault();
    }

    /// <summary>The site's list and the group's.</summary>
    public static Task<List<WatchedWord>> ForGroupAsync(AppDbContext db, int groupId, CancellationToken cancellationToken = default) =>
        db.WatchedWords.AsNoTracking().Where(w => w.GroupId == null || w.GroupId == groupId).ToListAsync(cancellationToken);
}
