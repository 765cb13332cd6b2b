using System.Globalization;

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
        ToWallClock(instant, zone).ToString("f", CultureInfo.CurrentCulture);

    /// <summary>Machine-readable local time with offset, for &lt;time datetime&gt;.</summary>
    public static string Iso(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
}
