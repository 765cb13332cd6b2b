using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Web.Discussions;
using StudyGuide.Web.Groups;
using StudyGuide.Web.Moderation;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Moderation;

/// <summary>
/// Moderation as the class and its teacher meet it, one journey a test, each in a class of its own: reports that hide a
/// post, pre-moderation, a locked discussion, a muted student; and every moderation page through axe, with script and without.
/// </summary>
public class ModerationTests(Classroom classroom, Browser browser) : IClassFixture<Classroom>
{
    const string HiddenPlaceholder = "This post is hidden while a facilitator reviews it.";

    [Fact]
    public async Task Three_reports_hide_a_post_until_the_teacher_restores_it_from_the_queue()
    {
        var groupUrl = await classroom.NewClassAsync();
        var threadUrl = await classroom.ThreadWithPostsAsync(groupUrl, posts: 1);
        var reporters = new List<IPage>();

        foreach (var student in new[] { "bob", "cy", "dee" })
        {
            var page = await classroom.SignedInAsync(browser, student);
            reporters.Add(page);
            await page.GotoAsync(threadUrl);
            await Expect(Post(page, 1)).ToContainTextAsync("Post number 1");
            await Post(page, 1).GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();
            await Expect(Heading(page)).ToHaveTextAsync("Report post 1");
            await page.CheckAccessibilityAsync();
            await page.GetByLabel("Off-topic").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).SubmitAndWaitForNextPageAsync();
            await Expect(page.GetByText("Thank you: your report was received.")).ToBeVisibleAsync();
            await page.CheckAccessibilityAsync();
        }

        // The third report reached the threshold: the post is hidden for every member at once.
        var dee = reporters[^1];
        await dee.GetByRole(AriaRole.Link, new() { Name = "Back to the discussion" }).ClickAsync();
        await Expect(Post(dee, 1)).ToContainTextAsync(HiddenPlaceholder);
        await Expect(Post(dee, 1)).Not.ToContainTextAsync("Post number 1");
        await dee.CheckAccessibilityAsync();
        var bob = reporters[0];
        await bob.GotoAsync(threadUrl);
        await Expect(Post(bob, 1)).ToContainTextAsync(HiddenPlaceholder);
        await Expect(Post(bob, 1)).Not.ToContainTextAsync("Post number 1");

        var teacher = await classroom.SignedInAsync(browser, "teacher");
        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Review queue");
        var item = QueueItem(teacher, "Post number 1");
        await Expect(item).ToContainTextAsync("Hidden by reports, pending review");
        await Expect(item.Locator(".review-reports li")).ToHaveCountAsync(3);
        await teacher.CheckAccessibilityAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).SubmitAndWaitForNextPageAsync();
        await Expect(teacher.GetByRole(AriaRole.Status)).ToHaveTextAsync("The post was restored.");
        await Expect(QueueItem(teacher, "Post number 1")).ToHaveCountAsync(0);
        await teacher.CheckAccessibilityAsync();

        foreach (var page in reporters)
        {
            await page.GotoAsync(threadUrl);
            await Expect(Post(page, 1)).ToContainTextAsync("Post number 1");
            await Expect(Post(page, 1)).Not.ToContainTextAsync(HiddenPlaceholder);
        }
        await bob.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task In_a_pre_moderated_class_a_post_waits_for_the_teacher_then_takes_the_next_number()
    {
        var groupUrl = await classroom.NewClassAsync();
        var threadUrl = await classroom.ThreadWithPostsAsync(groupUrl, posts: 1);
        var teacher = await classroom.SignedInAsync(browser, "teacher");

        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await teacher.GetByLabel("Pre-moderation: members' new posts and edits wait for a facilitator's approval").CheckAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).SubmitAndWaitForNextPageAsync();
        await Expect(teacher.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved.");
        await Expect(teacher.GetByLabel("Pre-moderation: members' new posts and edits wait for a facilitator's approval")).ToBeCheckedAsync();
        await teacher.CheckAccessibilityAsync();

        var ada = await classroom.SignedInAsync(browser, "ada");
        await ada.GotoAsync(threadUrl);
        await Expect(ada.GetByText("In this group a facilitator approves members' posts before the others see them.")).ToBeVisibleAsync();
        await ada.GetByLabel("Your post").FillAsync("Ada's second thought");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).SubmitAndWaitForNextPageAsync();
        var held = ada.GetByRole(AriaRole.Region, new() { Name = "Your posts waiting for a facilitator" });
        await Expect(held).ToContainTextAsync("Awaiting approval");
        await Expect(held).ToContainTextAsync("Ada's second thought");
        await Expect(Post(ada, 2)).ToHaveCountAsync(0);
        await ada.CheckAccessibilityAsync();

        var bob = await classroom.SignedInAsync(browser, "bob");
        await bob.GotoAsync(threadUrl);
        await Expect(Post(bob, 1)).ToBeVisibleAsync();
        await Expect(bob.GetByText("Ada's second thought")).ToHaveCountAsync(0);
        await Expect(Post(bob, 2)).ToHaveCountAsync(0);

        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        var item = QueueItem(teacher, "Ada's second thought");
        await Expect(item).ToContainTextAsync("Held new post by Ada");
        await Expect(item).ToContainTextAsync("The group approves every post first");
        await teacher.CheckAccessibilityAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).SubmitAndWaitForNextPageAsync();
        await Expect(teacher.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved: the post is in the thread.");
        await Expect(QueueItem(teacher, "Ada's second thought")).ToHaveCountAsync(0);

        await bob.GotoAsync(threadUrl);
        await Expect(Post(bob, 2)).ToContainTextAsync("Ada's second thought");
        await Expect(Post(bob, 2).Locator(".post-author")).ToHaveTextAsync("Ada");
        await bob.CheckAccessibilityAsync();
        await ada.GotoAsync(threadUrl);
        await Expect(Post(ada, 2)).ToContainTextAsync("Ada's second thought");
        await Expect(ada.GetByRole(AriaRole.Region, new() { Name = "Your posts waiting for a facilitator" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_locked_discussion_shows_students_the_reason_and_no_reply_form()
    {
        var threadUrl = await classroom.ThreadWithPostsAsync(await classroom.NewClassAsync(), posts: 1);
        var teacher = await classroom.SignedInAsync(browser, "teacher");

        await teacher.GotoAsync(threadUrl);
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Moderate this discussion" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Moderate “A long discussion”");
        await teacher.CheckAccessibilityAsync();
        await teacher.GetByLabel("Reason, shown in place of the reply form").FillAsync("We pick this up on Monday");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Lock the discussion" }).SubmitAndWaitForNextPageAsync();
        await Expect(teacher.GetByRole(AriaRole.Status)).ToHaveTextAsync("The discussion is locked.");
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Unlock" })).ToBeVisibleAsync();
        await teacher.CheckAccessibilityAsync();

        var ada = await classroom.SignedInAsync(browser, "ada");
        await ada.GotoAsync(threadUrl);
        await Expect(ada.GetByText("This discussion is locked: We pick this up on Monday")).ToBeVisibleAsync();
        await Expect(Post(ada, 1)).ToContainTextAsync("Post number 1");
        await Expect(ada.GetByLabel("Your post")).ToHaveCountAsync(0);
        await Expect(ada.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true })).ToHaveCountAsync(0);
        await ada.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_muted_student_reads_why_and_until_when_and_has_no_reply_form()
    {
        var groupUrl = await classroom.NewClassAsync();
        var threadUrl = await classroom.ThreadWithPostsAsync(groupUrl, posts: 1);
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        // A wall-clock time in the class's zone, typed as a teacher types it: three days from now at 16:45.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var until = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).Date.AddDays(3).AddHours(16).AddMinutes(45);
        // GroupTime.Format: the reader's culture's long date and short time; an en-GB browser gets the app's "en".
        var shown = until.ToString("f", CultureInfo.GetCultureInfo("en"));

        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Mute members" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Mute members");
        await teacher.CheckAccessibilityAsync();
        var bobRow = teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "(bob)" });
        await bobRow.GetByLabel("Muted until").FillAsync(until.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await bobRow.GetByLabel("Reason (the member sees it)").FillAsync("Cooling down after an argument");
        await bobRow.GetByRole(AriaRole.Button, new() { Name = "Mute Bob" }).SubmitAndWaitForNextPageAsync();
        await Expect(teacher.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Bob is muted in this group until {shown}.");
        await Expect(teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "(bob)" })).ToContainTextAsync("Cooling down after an argument");
        await teacher.CheckAccessibilityAsync();

        var bob = await classroom.SignedInAsync(browser, "bob");
        await bob.GotoAsync(threadUrl);
        await Expect(bob.Locator(".posting-closed")).ToHaveTextAsync(
            $"You are muted in this group until {shown}: Cooling down after an argument. You can read the discussions but not post or report.");
        await Expect(Post(bob, 1)).ToContainTextAsync("Post number 1");
        await Expect(bob.GetByLabel("Your post")).ToHaveCountAsync(0);
        await Expect(bob.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true })).ToHaveCountAsync(0);
        await Expect(Post(bob, 1).GetByRole(AriaRole.Link, new() { Name = "Report" })).ToHaveCountAsync(0);
        await bob.CheckAccessibilityAsync();

        // A classmate who is not muted still has the form.
        var cy = await classroom.SignedInAsync(browser, "cy");
        await cy.GotoAsync(threadUrl);
        await Expect(cy.GetByLabel("Your post")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_group_moderation_page_passes_the_accessibility_check(bool javaScript)
    {
        var groupUrl = await classroom.NewClassAsync();
        var threadUrl = await classroom.ThreadWithPostsAsync(groupUrl, posts: 2);
        await SomethingToModerateAsync(threadUrl);
        var cy = await SignedInAsync("cy", javaScript);
        var teacher = await SignedInAsync("teacher", javaScript);

        await cy.GotoAsync(threadUrl);
        await Post(cy, 2).GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();
        await Expect(Heading(cy)).ToHaveTextAsync("Report post 2");
        await CheckAsync(cy, javaScript);
        await cy.GetByRole(AriaRole.Radio, new() { Name = "Other", Exact = true }).CheckAsync();
        await cy.GetByLabel("Tell us more").FillAsync("It gives out a phone number");
        await cy.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).SubmitAndWaitForNextPageAsync();
        await Expect(cy.GetByText("Thank you: your report was received.")).ToBeVisibleAsync();
        await CheckAsync(cy, javaScript);

        await teacher.GotoAsync(threadUrl);
        await Post(teacher, 1).GetByRole(AriaRole.Link, new() { Name = "Moderate" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Moderate post 1");
        await Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Dismiss the reports" })).ToBeVisibleAsync();
        await CheckAsync(teacher, javaScript);

        await teacher.GotoAsync(threadUrl);
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Moderate this discussion" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Moderate “A long discussion”");
        await CheckAsync(teacher, javaScript);

        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Review queue");
        await Expect(teacher.Locator("article.review-item")).ToHaveCountAsync(3); // two reported posts and a held one
        await CheckAsync(teacher, javaScript);

        await teacher.GetByRole(AriaRole.Link, new() { Name = "Moderation log" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Moderation log");
        await Expect(teacher.GetByRole(AriaRole.Table)).ToContainTextAsync("Dee");
        await CheckAsync(teacher, javaScript);

        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Watched words" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Rowheader, new() { Name = "casino" })).ToBeVisibleAsync();
        await CheckAsync(teacher, javaScript);

        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Mute members" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "(dee)" })).ToContainTextAsync("Muted until");
        await CheckAsync(teacher, javaScript);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_site_moderation_page_passes_the_accessibility_check(bool javaScript)
    {
        await classroom.EnsureSiteStaffAsync();
        var threadUrl = await classroom.ThreadWithPostsAsync(await classroom.NewClassAsync(), posts: 2);
        await SomethingToModerateAsync(threadUrl);
        var moderator = await SignedInAsync("moderator", javaScript);
        var admin = await SignedInAsync("admin", javaScript);

        await moderator.GotoAsync(classroom.App.BaseAddress.ToString());
        await SiteNavigation(moderator).GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        await Expect(Heading(moderator)).ToHaveTextAsync("Review queue");
        await Expect(moderator.Locator("article.review-item").First).ToBeVisibleAsync();
        await CheckAsync(moderator, javaScript);

        await moderator.GetByRole(AriaRole.Link, new() { Name = "Moderation log" }).ClickAsync();
        await Expect(Heading(moderator)).ToHaveTextAsync("Moderation log");
        await Expect(moderator.GetByRole(AriaRole.Table)).ToContainTextAsync("Dee");
        await CheckAsync(moderator, javaScript);

        await moderator.GotoAsync(classroom.App.Url("/moderation/users").ToString());
        await Expect(Heading(moderator)).ToHaveTextAsync("Suspend accounts");
        await CheckAsync(moderator, javaScript);
        await moderator.GetByLabel("Find an account by username or display name").FillAsync("ada");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Search" }).SubmitAndWaitForNextPageAsync();
        await moderator.GetByRole(AriaRole.Link, new() { Name = "Ada (ada)" }).ClickAsync();
        await Expect(moderator.GetByRole(AriaRole.Button, new() { Name = "Suspend Ada" })).ToBeVisibleAsync();
        await CheckAsync(moderator, javaScript);

        var refused = await moderator.GotoAsync(classroom.App.Url("/moderation/words").ToString());
        Assert.Equal(403, refused!.Status); // the site's list is the admins'

        await admin.GotoAsync(classroom.App.Url("/moderation/words").ToString());
        await Expect(Heading(admin)).ToHaveTextAsync("Watched words for the whole site");
        await CheckAsync(admin, javaScript);

        await admin.GotoAsync(classroom.App.Url("/admin/safety-help").ToString());
        await Expect(Heading(admin)).ToHaveTextAsync("Safety help text");
        await CheckAsync(admin, javaScript);
    }

    /// <summary>
    /// Through EF and the moderation actions, as a class would have left it: Bob and Cy reported Ada's post 1, Dee is
    /// muted, Cy's reply waits for approval, and the class watches the word "casino". Cy has not reported post 2.
    /// </summary>
    async Task SomethingToModerateAsync(string threadUrl)
    {
        var threadId = int.Parse(new Uri(threadUrl).Segments[^1], CultureInfo.InvariantCulture);
        await using var db = classroom.NewDbContext();
        var thread = await db.Threads.SingleAsync(t => t.Id == threadId);
        var group = await db.Groups.SingleAsync(g => g.Id == thread.GroupId);
        var users = await db.Users.Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var post1 = await db.Posts.SingleAsync(p => p.ThreadId == threadId && p.Number == 1);
        var now = DateTimeOffset.UtcNow;

        foreach (var reporter in new[] { "bob", "cy" })
            Assert.Equal(ReportOutcome.Received, await ModerationActions.ReportAsync(db, group.Id, group.ReportThreshold, post1.Id, users[reporter], ModerationReason.Bullying, null, now));
        var teacher = new GroupAccess(group, users["teacher"], MembershipRole.Facilitator, isAdmin: false);
        await ModerationActions.MuteAsync(db, teacher, new ModerationActor(users["teacher"], "Ms Rivera"), users["dee"], now.AddDays(2), "Take a break", now);
        await ModerationActions.HoldAsync(db, threadId, users["cy"], "Cy's reply, **held**", "<p>Cy's reply, <strong>held</strong></p>", Guid.NewGuid(),
            null, null, null, HoldReason.PreModeration, null, now);
        db.WatchedWords.Add(new WatchedWord { GroupId = group.Id, Phrase = "casino", Action = WatchedWordAction.Hold, CreatedAt = now });
        await db.SaveChangesAsync();
    }

    Task<IPage> SignedInAsync(string user, bool javaScript) =>
        javaScript ? classroom.SignedInAsync(browser, user) : classroom.SignedInWithoutScriptAsync(browser, user);

    Task CheckAsync(IPage page, bool javaScript) =>
        javaScript ? page.CheckAccessibilityAsync() : page.CheckAccessibilityWithoutScriptAsync(browser);

    static ILocator Post(IPage page, int number) => page.Locator($"#post-{number}");

    static ILocator QueueItem(IPage page, string text) => page.Locator("article.review-item").Filter(new() { HasText = text });

    static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    static ILocator GroupNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Group" });

    static ILocator SiteNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Site" });
}
