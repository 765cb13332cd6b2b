using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace StudyGuide.Web.Accounts;

/// <summary>Identity's error messages, through the localiser like every other UI string.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    IdentityError Error(string code, string message) => new() { Code = code, Description = message };

    public IdentityError CommonPassword() =>
        Error(nameof(CommonPassword), l["This password is one of the most common ones and would be guessed quickly. Choose another."]);

    public IdentityError PasswordTooShortForStaff() =>
        Error(nameof(PasswordTooShortForStaff), l["Staff accounts need a password of at least {0} characters.", PasswordRules.StaffMinimumLength]);

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), l["Passwords must be at least {0} characters long.", length]);

    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Something went wrong. Please try again."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Someone else changed this account at the same time. Please try again."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["The current password is not correct."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["This link or code is not valid any more. Ask for a new one."]);
    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), l["Usernames may contain letters, digits and - . _ @ + only."]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["This email address is not valid."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["The username {0} is already taken.", userName]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["An account with this email address already exists."]);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), l["This account already has a password."]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), l["This account already has the role {0}.", role]);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), l["This account does not have the role {0}.", role]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), l["This recovery code is not valid."]);
}
