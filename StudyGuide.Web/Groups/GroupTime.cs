using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace StudyGuide.Web.Groups;

/// <summary>Due dates are typed and shown in the group's time zone and stored in UTC.</summary>
public static class GroupTime
{
    static readonly Lazy<IReadOnlyList<string>> Zones = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId && z.Id.Contains('/', StringComparison.Ordinal) && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
        .Select(z => z.Id)
        .Order(StringComparer.Ordinal)
        .ToList());

    /// <summary>IANA ids (Europe/Paris…) for the time zone picker.</summary>
    public static IReadOnlyList<string> ZoneIds => Zones.Value;

    public static bool IsKnownZone(string? id) =>
        !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;

    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// The instant of a wall-clock time in <paramref name="zone"/>; null for a time the clocks skip
    /// (spring forward). A time that happens twice (fall back) means the first one.
    /// </summary>
    public static DateTimeOffset? ToUtc(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTime ToWallClock(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>"Tuesday 27 October 2026 18:00" in the reader's language, in the group's zone.</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        ToWallClock(instant, zone).ToString(DisplayFormat, CultureInfo.CurrentCulture);

    // The reader's culture's long date and short time.
    const string DisplayFormat = "f";

    /// <summary>
    /// <c>&lt;time datetime="2026-10-27T18:00+01:00"&gt;Tuesday 27 October 2026 18:00&lt;/time&gt;</c>: the
    /// formatted time with its machine-readable local time and offset.
    /// </summary>
    public static IHtmlContent Element(DateTimeOffset instant, TimeZoneInfo zone) => new TimeElement(TimeZoneInfo.ConvertTime(instant, zone));

    /// <summary>Formats straight into the page as it is written: a thread page shows fifty (bench/RESULTS.md).</summary>
    sealed class TimeElement(DateTimeOffset local) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            Span<char> text = stackalloc char[128];
            Span<char> html = stackalloc char[1024];
            writer.Write("<time datetime=\"");
            // Digits, dashes, colons and a sign: nothing to encode.
            local.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
            writer.Write(text[..length]);
            writer.Write("\">");
            if (local.DateTime.TryFormat(text, out length, DisplayFormat, CultureInfo.CurrentCulture)
                && encoder.Encode(text[..length], html, out _, out var htmlLength) == OperationStatus.Done)
                writer.Write(html[..htmlLength]);
            else
                encoder.Encode(writer, local.DateTime.ToString(DisplayFormat, CultureInfo.CurrentCulture));
            writer.Write("</time>");
        }
    }
}
