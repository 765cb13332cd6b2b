using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Web.Data;

namespace StudyGuide.Web.Groups;

/// <summary>
/// Join codes are read aloud and copied from a board: 8 characters from an alphabet without
/// 0/O, 1/I/L, shown as XXXX-XXXX, matched ignoring case, spaces and hyphens.
/// 31^8 ≈ 8.5×10^11 codes, and guessing is rate-limited (RateLimits.JoinCodes).
/// </summary>
public static class JoinCodes
{
    public const int Length = 8;
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static string Display(string code) => code.Length == Length ? code[..4] + "-" + code[4..] : code;

    /// <summary>The stored form of what someone typed, or null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        var code = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static async Task<string> NewUnusedAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var code = Generate();
            if (!await db.Groups.AnyAsync(g => g.JoinCode == code, cancellationToken)) return code;
        }
    }
}
