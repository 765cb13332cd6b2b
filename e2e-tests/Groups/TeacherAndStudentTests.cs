using System.Globalization;
using Microsoft.Playwright;
using StudyGuide.E2E.Accounts;
using StudyGuide.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Groups;

/// <summary>
/// What a teacher and their students do with a class, one journey a test, each in a class of its own.
/// Every page on the way gets an axe check.
/// </summary>
public class TeacherAndStudentTests(Classroom classroom, Browser browser) : IClassFixture<Classroom>
{
    [Fact]
    public async Task A_teacher_creates_a_class_from_the_groups_page()
    {
        var teacher = await classroom.SignedInAsync(browser, "teacher");

        await SignInFlow.SiteNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "My groups" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("My groups");
        await teacher.CheckAccessibilityAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Create a class" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Create a group");
        await teacher.CheckAccessibilityAsync();
        await teacher.GetByLabel("Name", new() { Exact = true }).FillAsync("Class 9B");
        await teacher.GetByLabel("Time zone").SelectOptionAsync("Europe/Paris");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();

        await Expect(Heading(teacher)).ToHaveTextAsync("Class 9B");
        await Expect(GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Group home" })).ToHaveAttributeAsync("aria-current", "page");
        await teacher.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_teacher_makes_student_accounts_and_prints_a_sheet_of_slips()
    {
        var groupUrl = await classroom.NewClassAsync(withStudents: false);
        var teacher = await classroom.SignedInAsync(browser, "teacher");

        var (userName, _) = await CreateStudentAccountsAsync(teacher, groupUrl);

        // Usernames are made from the names; another class's Ada Lovelace would have taken "ada.l" first.
        Assert.Matches(@"^ada\.l\d*$", userName);
        // Printed, the sheet is the slips alone: no site navigation, no notice.
        await teacher.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(SignInFlow.SiteNavigation(teacher)).ToBeHiddenAsync();
        await Expect(teacher.Locator(".sign-in-slip").First).ToBeVisibleAsync();
        await Expect(teacher.GetByText("they are shown only once")).ToBeHiddenAsync();
        var pdf = await teacher.PdfAsync(new() { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        await teacher.EmulateMediaAsync(new() { Media = Media.Screen });
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Go to the member list" }).ClickAsync();
        await Expect(teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "Grace Hopper" })).ToBeVisibleAsync();
        await teacher.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_teacher_assigns_a_module_with_a_due_date_and_instructions()
    {
        var groupUrl = await classroom.NewClassAsync();
        var teacher = await classroom.SignedInAsync(browser, "teacher");

        await AssignWithDueDateAsync(teacher, groupUrl);

        await Expect(teacher.Locator(".instructions em")).ToHaveTextAsync("one");
        await Expect(teacher.GetByRole(AriaRole.Link, new() { Name = "Add to my calendar (.ics)" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/groups/\d+/assignments/\d+\.ics$"));
        await teacher.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_student_signs_in_with_the_sheet_password_chooses_their_own_and_finds_their_work()
    {
        var groupUrl = await classroom.NewClassAsync(withStudents: false);
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        var (userName, sheetPassword) = await CreateStudentAccountsAsync(teacher, groupUrl);
        var groupName = await AssignWithDueDateAsync(teacher, groupUrl);

        var student = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(student, classroom.App.BaseAddress, userName, sheetPassword);
        await Expect(Heading(student)).ToHaveTextAsync("Change your password");
        await student.CheckAccessibilityAsync();
        await SignInFlow.SiteNavigation(student).GetByRole(AriaRole.Link, new() { Name = "My work" }).ClickAsync();
        await Expect(Heading(student)).ToHaveTextAsync("Change your password");
        await student.GetByLabel("Current password").FillAsync(sheetPassword);
        await student.GetByLabel("New password").FillAsync("my own secret sentence");
        await student.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        // The change done, the student lands where they were going: My work.
        await Expect(Heading(student)).ToHaveTextAsync("My work");
        var row = student.GetByRole(AriaRole.Row).Filter(new() { HasText = "Designed to hook" });
        await Expect(row).ToContainTextAsync(groupName);
        await Expect(row).ToContainTextAsync("To do");
        await student.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_teacher_reads_the_progress_table_and_downloads_it_as_csv()
    {
        var groupUrl = await classroom.NewClassAsync(withStudents: false);
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        var (adaUserName, _) = await CreateStudentAccountsAsync(teacher, groupUrl);
        var groupName = await AssignWithDueDateAsync(teacher, groupUrl);

        await teacher.GotoAsync(groupUrl);
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Progress" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync($"Progress in {groupName}");
        await Expect(teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" })).ToContainTextAsync("To do");
        await Expect(teacher.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await teacher.CheckAccessibilityAsync();
        var download = await teacher.RunAndWaitForDownloadAsync(() => teacher.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Name,Username,Designed to hook (due ", csv);
        Assert.Contains($"Ada Lovelace,{adaUserName},To do", csv);
        Assert.Matches(@"(?m)^Grace Hopper,grace\.h\d*,To do", csv);
    }

    [Fact]
    public async Task A_student_with_an_account_joins_a_class_with_its_code()
    {
        var groupUrl = await classroom.NewClassAsync(withStudents: false);
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        await teacher.GotoAsync(groupUrl);
        var groupName = (await Heading(teacher).TextContentAsync())!.Trim();
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Join code" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        var code = (await teacher.Locator(".join-code").TextContentAsync())!.Trim();

        var ada = await classroom.SignedInAsync(browser, "ada");
        await ada.GotoAsync(classroom.App.Url($"/join/{code}").ToString());
        await ada.CheckAccessibilityAsync();
        await ada.GetByRole(AriaRole.Button, new() { Name = $"Join {groupName}" }).ClickAsync();

        await Expect(Heading(ada)).ToHaveTextAsync(groupName);
        await ada.CheckAccessibilityAsync();
    }

    [Fact]
    public async Task A_visitor_with_the_join_link_creates_an_account_and_joins()
    {
        var teacher = await classroom.SignedInAsync(browser, "teacher");
        await teacher.GotoAsync(classroom.App.Url("/groups/new?kind=Club").ToString());
        await teacher.GetByLabel("Name", new() { Exact = true }).FillAsync("Film club");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Join code" }).ClickAsync();
        var code = (await teacher.Locator(".join-code").TextContentAsync())!.Trim();

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(classroom.App.Url("/join").ToString());
        await visitor.CheckAccessibilityAsync();
        await visitor.GetByLabel("Join code").FillAsync(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Heading(visitor)).ToHaveTextAsync("Join Film club");
        await visitor.CheckAccessibilityAsync();
        await visitor.GetByLabel("Your name, as others in the group will see it").FillAsync("Sam Visitor");
        await visitor.GetByLabel("Username").FillAsync("sam.visitor");
        await visitor.GetByLabel("Password", new() { Exact = true }).FillAsync("sam's long password");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Create my account and join" }).ClickAsync();

        await Expect(Heading(visitor)).ToHaveTextAsync("Film club");
        await visitor.CheckAccessibilityAsync();
    }

    /// <summary>Makes accounts for Ada Lovelace, Alan Turing and Grace Hopper; returns Ada's username and sheet password.</summary>
    static async Task<(string UserName, string Password)> CreateStudentAccountsAsync(IPage teacher, string groupUrl)
    {
        await teacher.GotoAsync(groupUrl);
        var groupName = (await Heading(teacher).TextContentAsync())!.Trim();
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Create student accounts" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        await teacher.GetByLabel("Students' names, one per line").FillAsync("Ada Lovelace\nAlan Turing\nGrace Hopper");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create accounts" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync($"Sign-in sheet for {groupName}");
        await teacher.CheckAccessibilityAsync();
        var slips = teacher.Locator(".sign-in-slip");
        await Expect(slips).ToHaveCountAsync(3);
        var ada = slips.Filter(new() { HasText = "Ada Lovelace" });
        return ((await ada.Locator("dd").Nth(1).TextContentAsync())!.Trim(), (await ada.Locator("dd").Nth(2).TextContentAsync())!.Trim());
    }

    /// <summary>Assigns "Designed to hook", due a week from now at 18:00 in Paris; returns the group's name.</summary>
    static async Task<string> AssignWithDueDateAsync(IPage teacher, string groupUrl)
    {
        await teacher.GotoAsync(groupUrl);
        var groupName = (await Heading(teacher).TextContentAsync())!.Trim();
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Assign a module" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).Date.AddDays(7).AddHours(18);
        await teacher.GetByLabel("Module").SelectOptionAsync(new SelectOptionValue { Label = "Designed to hook" });
        await teacher.GetByLabel("Due date and time (optional)").FillAsync(due.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await teacher.GetByLabel("Instructions (optional)").FillAsync("Read the module, then post *one* honest reflection.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Designed to hook");
        return groupName;
    }

    static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    static ILocator GroupNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Group" });
}
