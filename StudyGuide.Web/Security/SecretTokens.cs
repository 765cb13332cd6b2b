using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace StudyGuide.Web.Security;

/// <summary>
/// Tokens that are secrets in a link (the first-admin setup link, calendar feeds): 256 random bits,
/// URL-safe, and stored only as a SHA-256 hash, so a copy of the database does not open the links.
/// </summary>
public static class SecretTokens
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
