using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Moderation;

namespace StudyGuide.Tests.Admin;

public class SafetyHelpTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    const string Page = "/admin/safety-help";

    static Dictionary<string, string> Texts(string english, string french) => new() { ["Input.English"] = english, ["Input.French"] = french };

    [Fact]
    public async Task The_default_text_is_shown_until_an_admin_saves_one_and_comes_back_when_the_box_is_emptied()
    {
        var (_, admin) = await app.SignedInUserAsync("help-admin", Roles.Admin);
        var before = await admin.GetStringAsync(Page);
        Assert.Contains("116 123", before); // the default English text, in its box and rendered
        Assert.Contains("3114", before);

        var saved = await Forms.PostAsync(admin, Page, Texts("Call **Childline** on 0800 1111, or talk to [the school nurse](https://school.example/nurse).", ""));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await admin.GetStringAsync(Page);
        Assert.Contains("Help texts saved.", html);
        Assert.Contains("Call **Childline** on 0800 1111", html); // in the box
        Assert.Contains("<strong>Childline</strong>", html); // rendered
        Assert.Contains("3114", html); // French untouched: still the default
        var rendered = await app.WithDbAsync(db => SafetyHelp.RenderAsync(db, "en"));
        Assert.Contains("<strong>Childline</strong>", rendered.Value);
        Assert.Contains("rel=\"nofollow ugc noopener noreferrer\"", rendered.Value);
        Assert.Contains("3114", (await app.WithDbAsync(db => SafetyHelp.RenderAsync(db, "fr"))).Value);

        await Forms.PostAsync(admin, Page, Texts("", ""));

        Assert.False(await app.WithDbAsync(db => db.SafetyHelpTexts.AnyAsync()));
        Assert.Contains("116 123", (await app.WithDbAsync(db => SafetyHelp.RenderAsync(db, "en"))).Value);
    }

    [Fact]
    public void The_help_text_is_rendered_the_way_posts_are_sanitised()
    {
        var html = SafetyHelp.Html("<script>alert(1)</script> [link](javascript:alert(1)) ![x](https://tracker.example/p.png)").Value;

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public async Task A_too_long_text_is_refused_and_nothing_is_saved()
    {
        var (_, admin) = await app.SignedInUserAsync("long-help-admin", Roles.Admin);

        var response = await Forms.PostAsync(admin, Page, Texts(new string('a', SafetyHelpText.MaxLength + 1), "Appelez le 3114."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Use at most 4000 characters.", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.SafetyHelpTexts.AnyAsync(h => h.Markdown == "Appelez le 3114.")));
    }
}
