using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Groups;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Curriculum;

namespace StudyGuide.Tests.Curriculum;

/// <summary>
/// The pages a teacher prepares a lesson with (lesson at a glance, handouts, glossary, rubric), served by an
/// app of its own from a small curriculum written here, so they are tested whatever the real content says.
/// </summary>
public sealed class LessonPagesTests : IAsyncLifetime
{
    const string ModuleSlug = "group-chats";

    readonly ContentFolder content = new();
    readonly StudyGuideFactory app;

    public LessonPagesTests(TestDatabases databases)
    {
        content.WriteModule("en", 1, ModuleSlug,
            body: """
                ## Context

                Every **read receipt** says who has read a message; a **Read receipt** later is not linked again.

                ::: contested read-receipts-pressure
                Researchers disagree whether read receipts add pressure.
                :::

                ::: counterpoint
                Many people like read receipts.
                :::
                """,
            change: text => text
                .Replace("themes: [persuasive design, attention economy]", "themes: [persuasive design, well-being]", StringComparison.Ordinal)
                .Replace("  - text: Paper and pens for each group\n",
                    "  - text: Paper and pens for each group\n  - text: Two feeds, one copy per pair\n    handout: two-feeds\n  - text: Notes on each post\n    handout: teacher-notes\n",
                    StringComparison.Ordinal));
        content.WriteHandout("en", ModuleSlug, "two-feeds", title: "Two feeds");
        content.WriteHandout("en", ModuleSlug, "teacher-notes", title: "Notes on the six posts", audience: "teachers");
        content.WriteGuide("en", 1, Guide.HelpSlug, change: t => t.Replace("title: Guide where-to-find-help", "title: Where to find help", StringComparison.Ordinal));
        content.WriteGuide("en", 2, "quick-facts", change: t => t.Replace("order: 2\n", """
            order: 2
            sources:
              - author: Jeff Orlowski (director)
                title: The Social Dilemma
                publisher: Exposure Labs
                year: 2020

            """, StringComparison.Ordinal));
        app = new StudyGuideFactory(databases).WithSetting("StudyGuide:ContentDirectory", content.Root);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        content.Dispose();
    }

    async Task<IDocument> GetAsync(string url, HttpClient? browser = null)
    {
        var response = await (browser ?? app.CreateBrowser()).GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_module_page_opens_with_the_lesson_at_a_glance()
    {
        var page = await GetAsync("/modules/" + ModuleSlug);

        var glance = page.QuerySelector("section.at-a-glance")!;
        Assert.Equal("Lesson at a glance", glance.QuerySelector("h2")!.TextContent);
        var facts = glance.QuerySelectorAll(".glance-facts dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        Assert.Equal([("Ages", "13–15"), ("Time", "30 minutes"), ("From the film", "The family dinner where every phone lights up at once.")], facts);
        Assert.Equal(
            ["Starter 0–5 min", "Activity 5–25 min", "Close 25–30 min"],
            glance.QuerySelectorAll(".plan tbody th").Select(th => th.TextContent.Trim()));
        Assert.Contains("Groups write a chat charter.", glance.QuerySelector(".plan")!.TextContent);

        var materials = glance.QuerySelectorAll(".materials li").ToList();
        Assert.Equal(3, materials.Count);
        Assert.Empty(materials[0].QuerySelectorAll("a"));
        var handout = materials[1].QuerySelector("a.handout-link")!;
        Assert.Equal($"/modules/{ModuleSlug}/handouts/two-feeds", handout.GetAttribute("href"));
        Assert.Equal("Print the handout: Two feeds", handout.TextContent.Trim());
        Assert.Contains("For teachers", materials[2].TextContent);

        // The first thing a teacher reads, before the objectives and the lesson itself.
        Assert.Equal(
            ["at-a-glance", "objectives", "discussion-prompts", "reflection", "rubric", "exit-ticket", "actions", "sources"],
            page.QuerySelectorAll("article.module > section").Select(s => s.ClassName));
    }

    [Fact]
    public async Task A_well_being_module_links_to_the_help_guide_at_its_top()
    {
        var page = await GetAsync("/modules/" + ModuleSlug);

        var help = page.QuerySelector(".document-header .help-link a")!;
        Assert.Equal("/guides/" + Guide.HelpSlug, help.GetAttribute("href"));
        Assert.Equal("Where to find help", help.TextContent);
    }

    [Fact]
    public async Task The_module_page_ends_with_the_rubric_the_exit_ticket_and_cited_sources()
    {
        var page = await GetAsync("/modules/" + ModuleSlug);

        Assert.Equal("Reflection rubric", page.QuerySelector("section.rubric h2#rubric")!.TextContent);
        Assert.NotNull(page.QuerySelector("section.rubric table"));
        Assert.Equal(["Name one design feature that creates pressure to reply."], page.QuerySelectorAll("section.exit-ticket li").Select(li => li.TextContent));

        var study = page.QuerySelectorAll(".source-list li")[1];
        Assert.Equal("Soroush Vosoughi, Deb Roy and Sinan Aral.", study.QuerySelector(".source-author")!.TextContent);
        Assert.Equal("The spread of true and false news online", study.QuerySelector("cite")!.TextContent);
        Assert.Contains("Science, 2018.", study.TextContent);
        var doi = study.QuerySelector("a.doi")!;
        Assert.Equal("https://doi.org/10.1126/science.aap9559", doi.GetAttribute("href"));
        Assert.Equal("https://doi.org/10.1126/science.aap9559", doi.TextContent);
        var linkedTitle = page.QuerySelectorAll(".source-list li")[2].QuerySelector("a")!;
        Assert.Equal("https://www.humanetech.com/", linkedTitle.GetAttribute("href"));
        Assert.NotNull(linkedTitle.QuerySelector("cite"));

        var contents = page.QuerySelectorAll(".contents a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("#at-a-glance", contents[0]);
        Assert.Contains("#rubric", contents);
        Assert.Contains("#exit-ticket", contents);
        Assert.All(contents, href => Assert.NotNull(page.GetElementById(href![1..])));
    }

    [Fact]
    public async Task The_contested_box_and_the_first_use_of_a_term_are_marked_in_the_body()
    {
        var page = await GetAsync("/modules/" + ModuleSlug);

        var box = page.QuerySelector(".document-body aside.box-contested")!;
        Assert.Equal("Contested claim", box.GetAttribute("aria-label"));
        var term = Assert.Single(page.QuerySelectorAll(".document-body a.glossary-link"));
        Assert.Equal("/glossary#read-receipt", term.GetAttribute("href"));
        Assert.Equal("read receipt", term.TextContent);
    }

    [Fact]
    public async Task The_glossary_route_is_the_one_module_bodies_link_to()
    {
        var path = app.Services.GetRequiredService<LinkGenerator>().GetPathByPage("/Curriculum/Glossary");

        Assert.Equal(CurriculumMarkdown.GlossaryPath, path);
        var page = await GetAsync(path!);
        Assert.Equal("Glossary", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["read-receipt", "attention-economy"], page.QuerySelectorAll(".glossary-terms dt").Select(dt => dt.Id));
        Assert.Equal("read receipt", page.GetElementById("read-receipt")!.TextContent);
        Assert.Contains("Also: read receipts, seen indicator", page.GetElementById("read-receipt")!.NextElementSibling!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".site-header nav a"), a => a.GetAttribute("href") == "/glossary");
    }

    [Fact]
    public async Task A_handout_is_a_page_of_its_own_made_for_printing()
    {
        var page = await GetAsync($"/modules/{ModuleSlug}/handouts/teacher-notes");

        Assert.Equal("Notes on the six posts", page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("For teachers", page.QuerySelector("main .meta")!.TextContent);
        Assert.NotNull(page.QuerySelector("main .document-body table"));
        Assert.Null(page.QuerySelector(".site-header"));
        var stylesheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Single(stylesheets);
        Assert.StartsWith("/css/handout", stylesheets[0]);
        Assert.Equal("/modules/" + ModuleSlug, page.QuerySelector(".handout-bar nav a")!.GetAttribute("href"));
        Assert.DoesNotContain("<script", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData($"/modules/{ModuleSlug}/handouts/no-such-handout")]
    [InlineData("/modules/no-such-module/handouts/two-feeds")]
    [InlineData($"/modules/{ModuleSlug}/handouts/..%2F..%2Fglossary")]
    public async Task An_unknown_handout_is_404(string url)
    {
        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_handout_stylesheet_prints_on_a4()
    {
        var css = await app.CreateBrowser().GetStringAsync("/css/handout.css");

        Assert.Matches(@"@page\s*\{[^}]*size:\s*A4", css);
    }

    [Fact]
    public async Task A_guide_with_sources_lists_them_like_a_module()
    {
        var page = await GetAsync("/guides/quick-facts");

        Assert.Equal("The Social Dilemma", page.QuerySelector("section.sources .source-list cite")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".contents a"), a => a.GetAttribute("href") == "#sources");
        var plain = await GetAsync("/guides/" + Guide.HelpSlug);
        Assert.Null(plain.QuerySelector("section.sources"));
    }

    [Fact]
    public async Task The_rubric_is_on_the_assignment_page_for_students_and_teachers()
    {
        var teacher = await app.UserAsync("teacher", StudyGuide.Web.Accounts.Roles.Teacher);
        var student = await app.UserAsync("student");
        var group = await app.GroupAsync(teacher);
        await app.AddAsync(group, student);
        var assignment = await app.AssignAsync(group, teacher, dueAt: null, slug: ModuleSlug, title: "Module group-chats");
        var url = $"/groups/{group.Id}/assignments/{assignment.Id}";

        foreach (var user in new[] { teacher, student })
        {
            var page = await GetAsync(url, await app.SignedInAsync(user));
            Assert.Equal("Reflection rubric", page.QuerySelector("section.rubric h2")!.TextContent);
            Assert.Contains("Counter-view", page.QuerySelector("section.rubric table")!.TextContent);
        }

        var outsider = await app.SignedInAsync(await app.UserAsync("outsider"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
    }
}
