using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Pages.Discussions;

namespace StudyGuide.Tests.Discussions;

/// <summary>
/// A post's article is written from C# strings, so the markup is checked the way a browser reads it: parsed,
/// with every value that comes from people (names, translations) hostile, and nothing but the expected elements.
/// </summary>
public class PostArticlesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    const string Author = "<script>alert(\"a\")</script> Ada & 'Bob' \"Quoted\" &amp; </span>";
    const string Student = "Zoë <img src=x onerror=alert(1)> & \"co\" 'x' </span><b>";

    // A translation can hold anything a translator typed: markup, quotes and ampersands included.
    sealed class HostileLocalizer : IStringLocalizer
    {
        public static string Text(string key) => $"<i>{key}</i> & \"dq\" 'sq' &amp; <script>x</script>";

        public LocalizedString this[string name] => new(name, Text(name));

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, Text(name), arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Fact]
    public void Hostile_names_and_translations_are_text_in_exactly_the_expected_markup()
    {
        var group = new Group { Id = 3, Name = "G", TimeZone = "Europe/Paris", CreatedByUserId = "teacher" };
        var thread = new DiscussionThread { Id = 7, GroupId = 3, Title = "T", CreatedByUserId = "teacher", ActivityAt = default, MemberActivityAt = default };
        // A facilitator reading a private thread, who wrote the post: every part of an article shows.
        var access = new ThreadAccess(thread, new GroupAccess(group, "teacher", MembershipRole.Facilitator, isAdmin: false), ReflectionMode.Private, hasPosted: true);
        var at = new DateTimeOffset(2026, 10, 27, 17, 0, 0, TimeSpan.Zero);
        PostRow[] posts =
        [
            new(1, 12, "teacher", Author, "<p>Body</p>", at, EditedAt: at.AddHours(1), DeletedAt: null, ReplyToNumber: 3, VisibleToUserId: "student"),
            new(2, 13, "teacher", Author, "<p>Gone</p>", at, EditedAt: null, DeletedAt: at.AddHours(2), ReplyToNumber: null, VisibleToUserId: null),
            // A student's post the facilitator removed with a note of their own: the note is text too.
            new(3, 14, "student", Student, "<p>Removed text</p>", at, EditedAt: null, DeletedAt: null, ReplyToNumber: null, VisibleToUserId: null)
            {
                RemovedAt = at.AddHours(3), RemovalReason = StudyGuide.Web.Moderation.ModerationReason.Other, RemovalNote = Author,
            },
        ];
        var articles = new PostArticles(access, pageNumber: 2, mayPost: true, mayReport: true, new Dictionary<string, string> { ["student"] = Student },
            new HostileLocalizer(), app.Services.GetRequiredService<ThreadLinks>(), PathString.Empty, app.Services.GetRequiredService<HtmlEncoder>());

        using var writer = new StringWriter();
        foreach (var post in posts) articles.For(post).WriteTo(writer, HtmlEncoder.Default);
        var body = new HtmlParser().ParseDocument("<!doctype html><title>t</title><body>" + writer).Body!;

        Assert.Equal(
            [
                "article[aria-labelledby class id]",
                "header[class]", "a[aria-label class href]", "span[class id]", "time[datetime]", "span[class]", "span[class]", "a[href]", "span[class]",
                "div[class]", "p[]",
                "ul[class]", "li[]", "a[href]", "li[]", "a[href]", "li[]", "a[href]", "li[]", "a[href]", "li[]", "a[href]", "li[]", "a[href]",
                "article[aria-labelledby class id]",
                "header[class]", "a[aria-label class href]", "span[class id]", "time[datetime]",
                "p[class]",
                "ul[class]", "li[]", "a[href]",
                "article[aria-labelledby class id]",
                "header[class]", "a[aria-label class href]", "span[class id]", "time[datetime]",
                "p[class]", "p[class]", "div[class]", "p[]",
                "ul[class]", "li[]", "a[href]",
            ],
            body.Descendants<IElement>().Select(e => $"{e.LocalName}[{string.Join(" ", e.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal))}]"));

        var live = body.Children[0];
        Assert.Equal("post-12", live.Id);
        Assert.Equal("post-12-author", live.GetAttribute("aria-labelledby"));
        var number = live.QuerySelector("a.post-number")!;
        Assert.Equal("/threads/7/posts/12", number.GetAttribute("href"));
        Assert.Equal(HostileLocalizer.Text("Post {0}").Replace("{0}", "12", StringComparison.Ordinal), number.GetAttribute("aria-label"));
        Assert.Equal("#12", number.TextContent);
        Assert.Equal(Author, live.QuerySelector("#post-12-author")!.TextContent);
        Assert.Equal("· " + HostileLocalizer.Text("edited"), live.QuerySelector(".post-edited")!.TextContent);
        var replyTo = live.QuerySelector(".post-reply-to a")!;
        Assert.Equal("/threads/7/posts/3", replyTo.GetAttribute("href"));
        Assert.Equal(HostileLocalizer.Text("in reply to #{0}").Replace("{0}", "3", StringComparison.Ordinal), replyTo.TextContent);
        var privateTo = HostileLocalizer.Text("private reply to {0}").Replace("{0}", Student, StringComparison.Ordinal);
        Assert.Equal("· " + privateTo, live.QuerySelector(".hint")!.TextContent);
        Assert.Equal(
            [
                ("/threads/7?page=2&reply=12#reply", HostileLocalizer.Text("Reply")),
                ("/threads/7?page=2&quote=12#reply", HostileLocalizer.Text("Quote")),
                ("/threads/7/posts/12/edit", HostileLocalizer.Text("Edit")),
                ("/threads/7/posts/12/delete", HostileLocalizer.Text("Delete")),
                ("/threads/7/posts/12/history", HostileLocalizer.Text("History")),
                ("/threads/7/posts/12/moderation", HostileLocalizer.Text("Moderate")),
            ],
            live.QuerySelectorAll(".post-actions a").Select(a => (a.GetAttribute("href"), a.TextContent)));

        var deleted = body.Children[1];
        Assert.Equal("post post-deleted", deleted.ClassName);
        Assert.Equal(Author, deleted.QuerySelector("#post-13-author")!.TextContent);
        Assert.Equal(HostileLocalizer.Text("Deleted by the author."), deleted.QuerySelector("p.placeholder")!.TextContent);
        Assert.Equal("/threads/7/posts/13/history", deleted.QuerySelector(".post-actions a")!.GetAttribute("href"));

        // The facilitator sees who removed it and why, then the text, marked as seen by the author and moderators only.
        var removed = body.Children[2];
        Assert.Equal("post post-removed", removed.ClassName);
        Assert.Equal(HostileLocalizer.Text("Removed by a facilitator: {0}").Replace("{0}", Author, StringComparison.Ordinal), removed.QuerySelector("p.placeholder")!.TextContent);
        Assert.Equal(HostileLocalizer.Text("Only its author and the group's moderators see the text below."), removed.QuerySelector("p.hint")!.TextContent);
        Assert.Equal("Removed text", removed.QuerySelector("div.post-body")!.TextContent);
        Assert.Equal(["/threads/7/posts/14/moderation"], removed.QuerySelectorAll(".post-actions a").Select(a => a.GetAttribute("href")));
        Assert.Equal(3, body.Children.Length);
    }
}
