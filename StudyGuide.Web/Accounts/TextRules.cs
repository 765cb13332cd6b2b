using System.ComponentModel.DataAnnotations;

namespace StudyGuide.Web.Accounts;

/// <summary>
/// Refuses control characters in names, usernames and addresses: they would be stored and shown to
/// others. (NUL never gets this far: ASP.NET Core's form reader answers 400.) Passwords are hashed,
/// never shown, and may contain anything.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NoControlCharactersAttribute : ValidationAttribute
{
    public NoControlCharactersAttribute() => ErrorMessage = "Remove the invisible control characters from this field.";

    public override bool IsValid(object? value) => value is not string text || !text.Any(char.IsControl);
}
