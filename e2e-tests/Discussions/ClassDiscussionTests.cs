using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyGuide.E2E.Accounts;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Discussions;

/// <summary>
/// A class discussion in the browser: two students and a teacher in one class. Post, quote, edit, delete;
/// a permalink lands on the right page; a hostile post runs nothing; post-first hides then shows;
/// private stays private. Every page on the way gets an axe check (which also fails on console errors).
/// </summary>
public partial class ClassDiscussionTests(TestDatabases databases, Browser browser)
{
    const string Password = "a long enough passphrase";

    [Fact]
    public async Task Two_students_and_a_teacher_discuss_and_reflect()
    {
        await using var app = await StartAsync();
        var teacher = await SignedInAsync(app, "teacher");
        var ada = await SignedInAsync(app, "ada");
        var bob = await SignedInAsync(app, "bob");
        var dialogs = new List<string>();
        foreach (var page in new[] { teacher, ada, bob })
        {
            page.Dialog += async (_, dialog) =>
            {
                lock (dialogs) dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
        }

        // The class, joined by code.
        await teacher.GotoAsync(app.Url("/groups/new?kind=Class").ToString());
        await teacher.GetByLabel("Name", new() { Exact = true }).FillAsync("Class 9C");
        await teacher.GetByLabel("Time zone").SelectOptionAsync("Europe/Paris");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Class 9C");
        var groupUrl = teacher.Url;
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Join code" }).ClickAsync();
        var code = (await teacher.Locator(".join-code").TextContentAsync())!.Trim();
        foreach (var student in new[] { ada, bob })
        {
            await student.GotoAsync(app.Url($"/join/{code}").ToString());
            await student.GetByRole(AriaRole.Button, new() { Name = "Join Class 9C" }).ClickAsync();
            await Expect(Heading(student)).ToHaveTextAsync("Class 9C");
        }

        // Ada starts a discussion, with the live preview on the way.
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
        var threadPath = new Uri(ada.Url).AbsolutePath;

        // Bob quotes it, edits his reply, then deletes it: the number stays.
        await bob.GotoAsync(app.Url(threadPath).ToString());
        await Post(bob, 1).GetByRole(AriaRole.Link, new() { Name = "Quote" }).ClickAsync();
        await Expect(bob.GetByLabel("Your post")).ToHaveValueAsync(new Regex(@"^> Ada wrote in post \[#1\]\(/threads/\d+/posts/1\):\n>\n> Should phones stay \*\*off\*\* the table\?"));
        await bob.CheckAccessibilityAsync();
        await bob.GetByLabel("Your post").PressAsync("ControlOrMeta+End");
        await bob.GetByLabel("Your post").PressSequentiallyAsync("Yes, in a basket.");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(Post(bob, 2)).ToContainTextAsync("in reply to #1");
        await Expect(Post(bob, 2).Locator("blockquote")).ToContainTextAsync("Should phones stay off the table?");
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
        await bob.CheckAccessibilityAsync();

        // The teacher reads the history of the deleted post.
        await teacher.GotoAsync(app.Url(threadPath + "/posts/2/history").ToString());
        await Expect(teacher.Locator(".revision")).ToHaveCountAsync(2);
        await Expect(teacher.Locator(".revision").First).ToContainTextAsync("Yes, in a basket.");
        await teacher.CheckAccessibilityAsync();

        // A hostile post runs nothing: no dialog, no console error, no script, no image.
        await bob.GotoAsync(app.Url(threadPath + "?page=1").ToString());
        await bob.GetByLabel("Your post").FillAsync("<script>alert('script')</script>\n\n[click me](javascript:alert('link'))\n\n<img src=x onerror=alert('img')>\n\n![pixel](https://tracker.example/p.png)");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(Post(bob, 3)).ToContainTextAsync("<script>alert('script')</script>");
        await Expect(bob.Locator("main script")).ToHaveCountAsync(0);
        await Expect(Post(bob, 3).Locator("img")).ToHaveCountAsync(0);
        await Post(bob, 3).GetByText("click me").ClickAsync();
        await bob.CheckAccessibilityAsync();
        await ada.GotoAsync(app.Url(threadPath + "?page=1").ToString());
        await Expect(Post(ada, 3)).ToBeVisibleAsync();
        await ada.CheckAccessibilityAsync();
        Assert.Empty(dialogs);

        // Fill page 1 and start page 2 (without JavaScript's help: plain form posts), then follow a permalink.
        for (var n = 4; n <= 51; n++)
        {
            await ada.GetByLabel("Your post").FillAsync($"Post number {n}");
            await ada.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
            await Expect(Post(ada, n)).ToBeVisibleAsync();
        }
        await bob.GotoAsync(app.Url(threadPath + "/posts/51").ToString());
        Assert.EndsWith("?page=2#post-51", bob.Url);
        await Expect(Post(bob, 51)).ToContainTextAsync("Post number 51");
        await Expect(Post(bob, 50)).ToHaveCountAsync(0);
        await Expect(bob.GetByText("Page 2 of 2").First).ToBeVisibleAsync();
        await bob.CheckAccessibilityAsync();

        // Post-first reflections: Bob sees Ada's only after posting his own.
        var postFirst = await AssignAsync(teacher, groupUrl, "Designed to hook", "Post first: members see classmates' reflections after posting their own");
        await ReflectAsync(ada, app, postFirst, "Ada's honest reflection");
        await bob.GotoAsync(app.Url(postFirst).ToString());
        await bob.GetByRole(AriaRole.Link, new() { Name = "Reflections: Designed to hook" }).ClickAsync();
        await Expect(bob.GetByText("once you have posted your own")).ToBeVisibleAsync();
        await Expect(bob.GetByText("Ada's honest reflection")).ToHaveCountAsync(0);
        await bob.CheckAccessibilityAsync();
        await bob.GetByLabel("Your post").FillAsync("Bob's reflection");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(bob.GetByText("Ada's honest reflection")).ToBeVisibleAsync();
        await bob.CheckAccessibilityAsync();

        // Private reflections: the teacher answers Bob; Ada never sees Bob's reflection or the answer.
        var privateAssignment = await AssignAsync(teacher, groupUrl, "If you are not paying for the product", "Private: each reflection is seen by its author and the facilitators only");
        await ReflectAsync(ada, app, privateAssignment, "Ada's private thoughts");
        var privateThread = await ReflectAsync(bob, app, privateAssignment, "Bob's private thoughts");
        await teacher.GotoAsync(app.Url(privateThread).ToString());
        await Expect(teacher.GetByText("Ada's private thoughts")).ToBeVisibleAsync();
        await Expect(teacher.GetByText("Bob's private thoughts")).ToBeVisibleAsync();
        await teacher.CheckAccessibilityAsync();
        await teacher.Locator("article.post").Filter(new() { HasText = "Bob's private thoughts" }).GetByRole(AriaRole.Link, new() { Name = "Reply" }).ClickAsync();
        await teacher.GetByLabel("Your post").FillAsync("Well argued, Bob.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(teacher.GetByText("Well argued, Bob.")).ToBeVisibleAsync();
        await teacher.CheckAccessibilityAsync();
        await bob.GotoAsync(app.Url(privateThread).ToString());
        await Expect(bob.GetByText("Well argued, Bob.")).ToBeVisibleAsync();
        await Expect(bob.GetByText("Ada's private thoughts")).ToHaveCountAsync(0);
        await bob.CheckAccessibilityAsync();
        await ada.GotoAsync(app.Url(privateThread).ToString());
        await Expect(ada.GetByText("Ada's private thoughts")).ToBeVisibleAsync();
        await Expect(ada.GetByText("Bob's private thoughts")).ToHaveCountAsync(0);
        await Expect(ada.GetByText("Well argued, Bob.")).ToHaveCountAsync(0);
        await ada.CheckAccessibilityAsync();
        var peek = await ada.GotoAsync(app.Url(privateThread.Split('?')[0] + "/posts/2").ToString());
        Assert.Equal(404, peek!.Status);
        Assert.Empty(dialogs);
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
    static async Task<string> ReflectAsync(IPage student, AppProcess app, string assignmentPath, string text)
    {
        await student.GotoAsync(app.Url(assignmentPath).ToString());
        await student.Locator("a[href^='/threads/']").First.ClickAsync();
        await student.GetByLabel("Your post").FillAsync(text);
        await student.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(student.GetByText(text)).ToBeVisibleAsync();
        return new Uri(student.Url).AbsolutePath;
    }

    async Task<AppProcess> StartAsync()
    {
        var settings = AppSettings.WithDatabase(await databases.CreateDatabaseAsync());
        foreach (var (user, name, role) in new[] { ("teacher", "Ms Rivera", "Teacher"), ("ada", "Ada", (string?)null), ("bob", "Bob", null) })
        {
            string[] arguments = ["users", "create", "--username", user, "--email", $"{user}@school.example", "--password", Password, "--name", name];
            if (role is not null) arguments = [.. arguments, "--role", role];
            var (exitCode, output) = await AppProcess.RunCommandAsync(settings, arguments);
            Assert.True(exitCode == 0, output);
        }
        return await AppProcess.StartAsync(settings);
    }

    async Task<IPage> SignedInAsync(AppProcess app, string user)
    {
        var page = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(page, app.BaseAddress, user, Password);
        return page;
    }

    static ILocator Post(IPage page, int number) => page.Locator($"#post-{number}");

    static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    static ILocator GroupNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Group" });

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex DateTimeAttribute();
}
