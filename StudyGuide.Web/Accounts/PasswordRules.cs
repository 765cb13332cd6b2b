using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace StudyGuide.Web.Accounts;

public static class PasswordRules
{
    public const int MinimumLength = 8;
    public const int StaffMinimumLength = 10;

    /// <summary>Long passphrases are welcome; the cap only keeps hashing cheap.</summary>
    public const int MaximumLength = 256;
}

/// <summary>Refuses the passwords attackers try first (Accounts/common-passwords.txt).</summary>
public sealed class CommonPasswordValidator(LocalizedIdentityErrorDescriber describer) : IPasswordValidator<User>
{
    static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadList);

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(describer.CommonPassword())
            : IdentityResult.Success);

    static FrozenSet<string> LoadList()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly
            .GetManifestResourceStream("StudyGuide.Web.Accounts.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim().ToLowerInvariant());
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Staff (admins, moderators, teachers) need 10+ characters: their accounts reach other people's data.</summary>
public sealed class StaffPasswordValidator(LocalizedIdentityErrorDescriber describer) : IPasswordValidator<User>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (password is null || password.Length >= PasswordRules.StaffMinimumLength) return IdentityResult.Success;
        // A new user has no roles yet; staff accounts are created first, given their role, then their password.
        if (await manager.FindByIdAsync(user.Id) is null) return IdentityResult.Success;
        var roles = await manager.GetRolesAsync(user);
        return roles.Any(Roles.Staff.Contains)
            ? IdentityResult.Failed(describer.PasswordTooShortForStaff())
            : IdentityResult.Success;
    }
}
