using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Groups;

/// <summary>One slip of the sheet; the password is null when the sheet is shown again (it is shown once).</summary>
public sealed record StudentSignIn(string DisplayName, string UserName, string? Password);

/// <summary>The sheet of a batch; <see cref="AlreadyCreated"/> when the same form had been submitted before.</summary>
public sealed record StudentSheet(IReadOnlyList<StudentSignIn> Slips, bool AlreadyCreated);

/// <summary>
/// Accounts a facilitator makes for a class of students who have no email address: readable
/// usernames, generated passwords shown once on a printable sheet, a new password at first sign-in.
/// </summary>
public static class StudentAccounts
{
    public const int MaxNamesPerBatch = 100;
    public const int MinimumPasswordLength = 14;
    const int UserNameBaseMaxLength = 24;

    static readonly Lazy<string[]> Words = new(LoadWords);

    /// <summary>Three short words and two digits ("maple-river-stone-42"): about 32 bits, read off paper easily.</summary>
    public static string GeneratePassword()
    {
        while (true)
        {
            var words = Words.Value;
            var password = string.Join('-', Enumerable.Range(0, 3).Select(_ => words[RandomNumberGenerator.GetInt32(words.Length)]))
                + "-" + RandomNumberGenerator.GetInt32(10, 100).ToString(CultureInfo.InvariantCulture);
            if (password.Length >= MinimumPasswordLength) return password;
        }
    }

    /// <summary>The names of a pasted list: one per line, trimmed, blank lines skipped.</summary>
    public static IReadOnlyList<string> ParseNames(string? text) =>
        (text ?? "").Split('\n')
            .Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0)
            .ToList();

    /// <summary>"Zoë Martin-Dupont" → "zoe.m": first name and the initial of the last, ASCII only.</summary>
    public static string UserNameBase(string displayName)
    {
        var words = displayName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Ascii)
            .Where(w => w.Length > 0)
            .ToList();
        if (words.Count == 0) return "student";
        var first = words[0].Length > UserNameBaseMaxLength ? words[0][..UserNameBaseMaxLength] : words[0];
        return words.Count == 1 ? first : first + "." + words[^1][0];
    }

    static string Ascii(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var kept = decomposed.Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9');
        return new string(kept.ToArray()).ToLowerInvariant();
    }

    /// <summary>
    /// Creates the accounts and their memberships in <paramref name="group"/> in one transaction:
    /// either the whole list gets accounts or none does. A key already used for this group (a double
    /// click, a browser retry, a retry after a lost commit acknowledgement) creates nothing and
    /// returns the accounts the first submission made, without their passwords.
    /// </summary>
    public static async Task<StudentSheet> CreateAsync(
        AppDbContext db, UserManager<User> users, Group group, string facilitatorId, IReadOnlyList<string> names, Guid idempotencyKey, DateTimeOffset now)
    {
        // A form sent without its key (shown before keys existed, or hand-made) cannot be deduplicated;
        // it must not match another keyless batch either, so it gets a key of its own.
        if (idempotencyKey == Guid.Empty) idempotencyKey = Guid.NewGuid();
        if (await SheetAgainAsync(db, group.Id, idempotencyKey) is { } earlier) return earlier.Sheet;
        var strategy = db.Database.CreateExecutionStrategy();
        // What this request's last attempt made, should its commit succeed but the acknowledgement be lost.
        (int BatchId, List<StudentSignIn> Slips)? attempted = null;
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                if (await SheetAgainAsync(db, group.Id, idempotencyKey) is { } made)
                {
                    // Our own commit went through after all: this request still has the passwords to show.
                    // (Ids are never reused, so a batch a concurrent request made cannot match.)
                    return attempted is { } mine && mine.BatchId == made.BatchId ? new StudentSheet(mine.Slips, AlreadyCreated: false) : made.Sheet;
                }

                await using var transaction = await db.Database.BeginTransactionAsync();
                // The batch row first: a concurrent submission with the same key waits on its unique
                // index here, before it makes any account.
                var batch = new StudentAccountBatch { GroupId = group.Id, IdempotencyKey = idempotencyKey, CreatedByUserId = facilitatorId, CreatedAt = now };
                db.StudentAccountBatches.Add(batch);
                await db.SaveChangesAsync();

                var taken = new HashSet<string>(StringComparer.Ordinal);
                var created = new List<StudentSignIn>();
                foreach (var name in names)
                {
                    var userName = await UnusedUserNameAsync(db, UserNameBase(name), taken);
                    taken.Add(userName);
                    var password = GeneratePassword();
                    var user = new User
                    {
                        UserName = userName,
                        DisplayName = name,
                        CreatedAt = now,
                        CreatedByUserId = facilitatorId,
                        MustChangePassword = true,
                    };
                    var result = await users.CreateAsync(user, password);
                    if (!result.Succeeded)
                        throw new InvalidOperationException("Could not create a student account: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                    db.Memberships.Add(new Membership { GroupId = group.Id, UserId = user.Id, Role = MembershipRole.Member, JoinedAt = now });
                    batch.UserIds.Add(user.Id);
                    created.Add(new StudentSignIn(name, userName, password));
                }
                await db.SaveChangesAsync();
                attempted = (batch.Id, created);
                await transaction.CommitAsync();
                return new StudentSheet(created, AlreadyCreated: false);
            });
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same form raced in twice (a double click): show what the first submission made.
            db.ChangeTracker.Clear();
            if (await SheetAgainAsync(db, group.Id, idempotencyKey) is { } raced) return raced.Sheet;
            throw;
        }
    }

    /// <summary>The accounts of an earlier batch with this key, in sheet order, without passwords; null when there is none.</summary>
    static async Task<(int BatchId, StudentSheet Sheet)?> SheetAgainAsync(AppDbContext db, int groupId, Guid idempotencyKey)
    {
        var batch = await db.StudentAccountBatches.AsNoTracking()
            .Where(b => b.GroupId == groupId && b.IdempotencyKey == idempotencyKey)
            .Select(b => new { b.Id, b.UserIds })
            .FirstOrDefaultAsync();
        if (batch is null) return null;
        var userIds = batch.UserIds;
        var accounts = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, UserName = u.UserName! })
            .ToDictionaryAsync(u => u.Id);
        // An account deleted since then is left off.
        var slips = userIds.Where(accounts.ContainsKey)
            .Select(id => new StudentSignIn(accounts[id].DisplayName, accounts[id].UserName, null))
            .ToList();
        return (batch.Id, new StudentSheet(slips, AlreadyCreated: true));
    }

    /// <summary>
    /// A new generated password: the student must choose their own at next sign-in, and every
    /// session they have open ends (the security stamp changes).
    /// </summary>
    public static async Task<string> ResetPasswordAsync(UserManager<User> users, User student)
    {
        var password = GeneratePassword();
        student.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(student);
        var result = await users.ResetPasswordAsync(student, token, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Could not reset the password: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        // A reset usually means the student was locked out.
        await users.SetLockoutEndDateAsync(student, null);
        await users.ResetAccessFailedCountAsync(student);
        return password;
    }

    static async Task<string> UnusedUserNameAsync(AppDbContext db, string baseName, HashSet<string> alsoTaken)
    {
        var prefix = baseName.ToUpperInvariant();
        var existing = (await db.Users.Where(u => u.NormalizedUserName!.StartsWith(prefix)).Select(u => u.NormalizedUserName!).ToListAsync())
            .Select(n => n.ToLowerInvariant())
            .Concat(alsoTaken)
            .ToHashSet(StringComparer.Ordinal);
        if (!existing.Contains(baseName)) return baseName;
        for (var n = 2; ; n++)
        {
            var candidate = baseName + n.ToString(CultureInfo.InvariantCulture);
            if (!existing.Contains(candidate)) return candidate;
        }
    }

    static string[] LoadWords()
    {
        using var stream = typeof(StudentAccounts).Assembly.GetManifestResourceStream("StudyGuide.Web.Groups.password-words.txt")!;
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim());
        }
        return words.ToArray();
    }
}
