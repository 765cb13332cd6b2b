using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using StudyGuide.Web.Groups;

namespace StudyGuide.Tests.Groups;

public class GroupTimeTests
{
    static readonly TimeZoneInfo Paris = GroupTime.FindZone("Europe/Paris");

    static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    static string InCulture(CultureInfo culture, Func<string> render)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try { return render(); }
        finally { CultureInfo.CurrentCulture = before; }
    }

    [Fact]
    public void A_time_element_shows_the_group_zone_in_the_readers_language_with_the_local_offset()
    {
        var instant = new DateTimeOffset(2026, 10, 27, 17, 0, 0, TimeSpan.Zero);

        var html = InCulture(CultureInfo.GetCultureInfo("fr"), () => Html(GroupTime.Element(instant, Paris)));

        Assert.Equal("<time datetime=\"2026-10-27T18:00+01:00\">mardi 27 octobre 2026 18:00</time>", html);
    }

    [Fact]
    public void A_time_element_keeps_summer_time_apart()
    {
        var instant = new DateTimeOffset(2026, 7, 1, 8, 30, 0, TimeSpan.Zero);

        var html = InCulture(CultureInfo.GetCultureInfo("fr"), () => Html(GroupTime.Element(instant, Paris)));

        Assert.StartsWith("<time datetime=\"2026-07-01T10:30+02:00\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_a_date_pattern_is_encoded()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("en-GB").Clone();
        culture.DateTimeFormat.LongDatePattern = "'<b>'d MMMM yyyy";

        var html = InCulture(culture, () => Html(GroupTime.Element(new DateTimeOffset(2026, 10, 27, 17, 0, 0, TimeSpan.Zero), Paris)));

        Assert.Equal("<time datetime=\"2026-10-27T18:00+01:00\">&lt;b&gt;27 October 2026 18:00</time>", html);
    }
}
