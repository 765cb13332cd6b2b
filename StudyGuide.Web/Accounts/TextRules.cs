using System.ComponentModel.DataAnnotations;

namespace StudyGuide.Web.Accounts;

/// <summary>
/// Refuses control characters (NUL among them: PostgreSQL rejects it, so it would otherwise be a 500)
/// in names, usernames and addresses. Passwords are hashed, never stored, and may contain anything.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NoControlCharactersAttribute : ValidationAttribute
{
    public NoControlCharactersAttribute() => ErrorMessage = "Remove the invisible control characters from this field.";

    public override bool IsValid(object? value) => value is not string text || !text.Any(char.IsControl);
}
