using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Discussions;

/// <summary>
/// What a class does in its discussions, one journey a test, each in a class of its own. Every page on
/// the way gets an axe check (which also fails on console errors).
/// </summary>
public partial class DiscussionTests(Classroom classroom, Browser browser) : IClassFixture<Classroom>
{
    [Fact]
    public async Task A_student_starts_a_discussion_with_a_live_preview()
    {
        var groupUrl = await classroom.NewClassAsync();
        var ada = await classroom.SignedInAsync(browser, "ada");

        await ada.GotoAsync(groupUrl);
        await GroupNavigation(ada).GetByRole(AriaRole.Link, new() { Name = "Discussions" }).ClickAsync();
        await Expect(ada.GetByText("Newest first, by time started. Nothing here is ranked.")).ToBeVisibleAsync();
        await ada.CheckAccessibilityAsync();
        await ada.GetByRole(AriaRole.Link, new() { Name = "Start a discussion" }).ClickAsync();
        await ada.CheckAccessibilityAsync();
        await ada.GetByLabel("Title").FillAsync("Phones at dinner");
        await ada.GetByLabel("Your post").FillAsync("Should phones stay **off** the table?");
        await Expect(ada.Locator(".preview-body strong")).ToHaveTextAsync("off");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Start the discussion" }).ClickAsync();

        await Expect(Heading(ada)).ToHaveTextAsync("Phones at dinner");
        await Expect(Post(ada, 1)).ToContainTextAsync("Should phones stay off the table?");
        await Expect(Post(ada, 1).Locator("time")).ToHaveAttributeAsync("datetime", DateTimeAttribute());
        await ada.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_reply_quotes_a_post_and_its_author_edits_then_deletes_it_keeping_its_number()
    {
        var threadUrl = await classroom.ThreadWithPostsAsync(await classroom.NewClassAsync(), posts: 1);
        var bob = await classroom.SignedInAsync(browser, "bob");

        await bob.GotoAsync(threadUrl);
        await Post(bob, 1).GetByRole(AriaRole.Link, new() { Name = "Quote" }).ClickAsync();
        await Expect(bob.GetByLabel("Your post")).ToHaveValueAsync(new Regex(@"^> Ada wrote in post \[#1\]\(/threads/\d+/posts/1\):\n>\n> Post number 1"));
        await bob.CheckAccessibilityAsync();
        await bob.GetByLabel("Your post").PressAsync("ControlOrMeta+End");
        await bob.GetByLabel("Your post").PressSequentiallyAsync("Yes, in a basket.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(Post(bob, 2)).ToContainTextAsync("in reply to #1");
        await Expect(Post(bob, 2).Locator("blockquote")).ToContainTextAsync("Post number 1");
        await bob.CheckAccessibilityAsync();

        await Post(bob, 2).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await bob.CheckAccessibilityAsync();
        await bob.GetByLabel("Your post").FillAsync("Yes, in a basket by the door.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Post(bob, 2)).ToContainTextAsync("edited");
        await Expect(Post(bob, 2)).ToContainTextAsync("in a basket by the door");

        await Post(bob, 2).GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await bob.CheckAccessibilityAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Delete the post" }).ClickAsync();
        await Expect(Post(bob, 2)).ToContainTextAsync("Deleted by the author.");
        await Expect(Post(bob, 1)).ToContainTextAsync("Post number 1");
        await bob.CheckAccessibilityAsync();

        // The teacher still reads every revision of the deleted post.
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        await teacher.GotoAsync(threadUrl + "/posts/2/history");
        await Expect(teacher.Locator(".revision")).ToHaveCountAsync(2);
        await Expect(teacher.Locator(".revision").First).ToContainTextAsync("Yes, in a basket.");
        await teacher.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_hostile_post_runs_nothing_for_its_author_or_its_readers()
    {
        var threadUrl = await classroom.ThreadWithPostsAsync(await classroom.NewClassAsync(), posts: 1);
        var bob = await classroom.SignedInAsync(browser, "bob");
        var ada = await classroom.SignedInAsync(browser, "ada");
        var dialogs = new List<string>();
        foreach (var page in new[] { bob, ada })
        {
            page.Dialog += async (_, dialog) =>
            {
                lock (dialogs) dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
        }

        await bob.GotoAsync(threadUrl + "?page=1");
        await bob.GetByLabel("Your post").FillAsync("<script>alert('script')</script>\n\n[click me](javascript:alert('link'))\n\n<img src=x onerror=alert('img')>\n\n![pixel](https://tracker.example/p.png)");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        await Expect(Post(bob, 2)).ToContainTextAsync("<script>alert('script')</script>");
        await Expect(bob.Locator("main script")).ToHaveCountAsync(0);
        await Expect(Post(bob, 2).Locator("img")).ToHaveCountAsync(0);
        await Post(bob, 2).GetByText("click me").ClickAsync();
        await bob.CheckAccessibilityAsync();
        await ada.GotoAsync(threadUrl + "?page=1");
        await Expect(Post(ada, 2)).ToBeVisibleAsync();
        await ada.CheckAccessibilityAsync();
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task A_post_on_a_full_page_starts_the_next_page_and_its_permalink_lands_there()
    {
        var threadUrl = await classroom.ThreadWithPostsAsync(await classroom.NewClassAsync(), posts: 50);
        var ada = await classroom.SignedInAsync(browser, "ada");

        await ada.GotoAsync(threadUrl + "?page=1");
        await ada.GetByLabel("Your post").FillAsync("Post number 51");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(Post(ada, 51)).ToBeVisibleAsync();
        await Expect(ada.GetByText("Page 2 of 2").First).ToBeVisibleAsync();

        var bob = await classroom.SignedInAsync(browser, "bob");
        await bob.GotoAsync(threadUrl + "/posts/51");
        Assert.EndsWith("?page=2#post-51", bob.Url);
        await Expect(Post(bob, 51)).ToContainTextAsync("Post number 51");
        await Expect(Post(bob, 50)).ToHaveCountAsync(0);
        await Expect(bob.GetByText("Page 2 of 2").First).ToBeVisibleAsync();
        await bob.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task Post_first_reflections_show_classmates_only_after_the_reader_has_posted()
    {
        var groupUrl = await classroom.NewClassAsync();
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        var ada = await classroom.SignedInAsync(browser, "ada");
        var bob = await classroom.SignedInAsync(browser, "bob");
        var assignment = await AssignAsync(teacher, groupUrl, "Designed to hook", "Post first: members see classmates' reflections after posting their own");
        await ReflectAsync(ada, assignment, "Ada's honest reflection");

        await bob.GotoAsync(classroom.App.Url(assignment).ToString());
        await bob.GetByRole(AriaRole.Link, new() { Name = "Reflections: Designed to hook" }).ClickAsync();
        await Expect(bob.GetByText("once you have posted your own")).ToBeVisibleAsync();
        await Expect(bob.GetByText("Ada's honest reflection")).ToHaveCountAsync(0);
        await bob.CheckAccessibilityAsync();
        await bob.GetByLabel("Your post").FillAsync("Bob's reflection");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        await Expect(bob.GetByText("Ada's honest reflection")).ToBeVisibleAsync();
        await bob.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task Private_reflections_are_read_by_their_author_and_the_teacher_only()
    {
        var groupUrl = await classroom.NewClassAsync();
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        var ada = await classroom.SignedInAsync(browser, "ada");
        var bob = await classroom.SignedInAsync(browser, "bob");
        var assignment = await AssignAsync(teacher, groupUrl, "If you are not paying for the product", "Private: each reflection is seen by its author and the facilitators only");
        await ReflectAsync(ada, assignment, "Ada's private thoughts");
        var thread = await ReflectAsync(bob, assignment, "Bob's private thoughts");

        await teacher.GotoAsync(classroom.App.Url(thread).ToString());
        await Expect(teacher.GetByText("Ada's private thoughts")).ToBeVisibleAsync();
        await Expect(teacher.GetByText("Bob's private thoughts")).ToBeVisibleAsync();
        await teacher.CheckAccessibilityAsync();
        await teacher.Locator("article.post").Filter(new() { HasText = "Bob's private thoughts" }).GetByRole(AriaRole.Link, new() { Name = "Reply" }).ClickAsync();
        await teacher.GetByLabel("Your post").FillAsync("Well argued, Bob.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(teacher.GetByText("Well argued, Bob.")).ToBeVisibleAsync();
        await teacher.CheckAccessibilityAsync();

        await bob.GotoAsync(classroom.App.Url(thread).ToString());
        await Expect(bob.GetByText("Well argued, Bob.")).ToBeVisibleAsync();
        await Expect(bob.GetByText("Ada's private thoughts")).ToHaveCountAsync(0);
        await bob.CheckAccessibilityAsync();

        await ada.GotoAsync(classroom.App.Url(thread).ToString());
        await Expect(ada.GetByText("Ada's private thoughts")).ToBeVisibleAsync();
        await Expect(ada.GetByText("Bob's private thoughts")).ToHaveCountAsync(0);
        await Expect(ada.GetByText("Well argued, Bob.")).ToHaveCountAsync(0);
        await ada.CheckAccessibilityAsync();
        var peek = await ada.GotoAsync(classroom.App.Url(thread + "/posts/2").ToString());
        Assert.Equal(404, peek!.Status);
    }

    /// <summary>Assigns a module with a reflection mode; returns the assignment page's path.</summary>
    static async Task<string> AssignAsync(IPage teacher, string groupUrl, string module, string mode)
    {
        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Assign a module" }).ClickAsync();
        await teacher.GetByLabel("Module").SelectOptionAsync(new SelectOptionValue { Label = module });
        await teacher.GetByLabel(mode).CheckAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync(module);
        return new Uri(teacher.Url).PathAndQuery;
    }

    /// <summary>Posts a reflection from the assignment page's thread link; returns the thread's path.</summary>
    async Task<string> ReflectAsync(IPage student, string assignmentPath, string text)
    {
        await student.GotoAsync(classroom.App.Url(assignmentPath).ToString());
        await student.Locator("a[href^='/threads/']").First.ClickAsync();
        await student.GetByLabel("Your post").FillAsync(text);
        await student.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(student.GetByText(text)).ToBeVisibleAsync();
        return new Uri(student.Url).AbsolutePath;
    }

    static ILocator Post(IPage page, int number) => page.Locator($"#post-{number}");

    static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    static ILocator GroupNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Group" });

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex DateTimeAttribute();
}
