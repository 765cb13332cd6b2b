using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace StudyGuide.Web.Accounts;

/// <summary>Authenticator-app setup: the shared key as people type it, and as a QR code their phone scans.</summary>
public static class TwoFactor
{
    public const string Issuer = "StudyGuide";
    public const int RecoveryCodeCount = 10;

    /// <summary>"abcd efgh ijkl …": easier to copy by hand than one long run of letters.</summary>
    public static string FormatKey(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) grouped.Append(' ');
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return grouped.ToString().ToLowerInvariant();
    }

    /// <summary>The key-uri format authenticator apps understand (github.com/google/google-authenticator/wiki/Key-Uri-Format).</summary>
    public static string AuthenticatorUri(string accountName, string key) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString(Issuer),
            Uri.EscapeDataString(accountName),
            key);

    /// <summary>
    /// Inline SVG drawn here, so no image is fetched from anywhere. QRCoder writes presentation
    /// attributes (fill=), not style="", which the CSP would block; a test keeps it that way.
    /// </summary>
    public static HtmlString QrCodeSvg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return new HtmlString(svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute));
    }

    /// <summary>People type codes with spaces or dashes copied from the app; the authenticator check wants digits only.</summary>
    public static string NormalizeAuthenticatorCode(string code) =>
        code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Recovery codes keep their dash ("abcde-fghij"); only stray spaces are removed.</summary>
    public static string NormalizeRecoveryCode(string code) => code.Replace(" ", "", StringComparison.Ordinal);
}
