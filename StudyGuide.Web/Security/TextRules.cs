using System.ComponentModel.DataAnnotations;

namespace StudyGuide.Web.Security;

/// <summary>
/// The one rule for text that others will see (names, usernames, addresses, group names and
/// descriptions, thread titles): no control characters, which would be stored and shown invisibly or
/// garble the page. Multi-line fields may keep their line breaks and tabs. (NUL never gets this far:
/// ASP.NET Core's form reader answers 400.) Passwords are hashed, never shown, and may contain anything.
/// </summary>
public static class TextRules
{
    public static bool HasControlCharacters(string text, bool allowLineBreaks = false) =>
        text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class NoControlCharactersAttribute : ValidationAttribute
{
    public NoControlCharactersAttribute() => ErrorMessage = "Remove the invisible control characters from this field.";

    /// <summary>For multi-line fields: line breaks and tabs are text, not control characters.</summary>
    public bool AllowLineBreaks { get; init; }

    public override bool IsValid(object? value) => value is not string text || !TextRules.HasControlCharacters(text, AllowLineBreaks);
}
