using Microsoft.Extensions.Localization;

namespace StudyGuide.Web.Moderation;

/// <summary>Why a member reports a post, and why a facilitator or moderator removes one.</summary>
public enum ModerationReason
{
    Bullying,
    PersonalInformation,
    OffTopic,
    Misinformation,
    SelfHarm,
    Other,
}

public static class ModerationReasons
{
    public const int NoteMaxLength = 300;

    public static readonly IReadOnlyList<ModerationReason> All = Enum.GetValues<ModerationReason>();

    public static string Label(ModerationReason reason, IStringLocalizer l) => reason switch
    {
        ModerationReason.Bullying => l["Bullying or harassment"],
        ModerationReason.PersonalInformation => l["Personal information"],
        ModerationReason.OffTopic => l["Off-topic"],
        ModerationReason.Misinformation => l["Misinformation"],
        ModerationReason.SelfHarm => l["Self-harm concern"],
        _ => l["Other"],
    };

    /// <summary>The reason as a placeholder shows it: the note for "other", the label otherwise.</summary>
    public static string Describe(ModerationReason reason, string? note, IStringLocalizer l) =>
        reason == ModerationReason.Other && !string.IsNullOrWhiteSpace(note) ? note : Label(reason, l);

    /// <summary>As <see cref="Describe"/>, starting lower case to follow a colon: "Removed by a facilitator: personal information".</summary>
    public static string InSentence(ModerationReason reason, string? note, IStringLocalizer l)
    {
        if (reason == ModerationReason.Other && !string.IsNullOrWhiteSpace(note)) return note;
        var label = Label(reason, l);
        return label.Length == 0 ? label : char.ToLower(label[0], System.Globalization.CultureInfo.CurrentCulture) + label[1..];
    }
}
