using System.Globalization;
using Microsoft.Playwright;
using StudyGuide.E2E.Accounts;
using StudyGuide.E2E.Infrastructure;
using StudyGuide.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StudyGuide.E2E.Groups;

/// <summary>
/// A class from start to finish in the browser: a teacher creates a class, makes three student accounts and prints
/// the sheet, assigns a module with a due date; a student signs in with the sheet's password, must
/// change it, and finds the assignment in My work; the teacher reads the progress table and
/// downloads it as CSV. Every page on the way gets an axe check.
/// </summary>
public class TeacherAndStudentTests(TestDatabases databases, Browser browser)
{
    const string TeacherPassword = "a teacher's long passphrase";

    [Fact]
    public async Task A_class_from_creation_to_the_progress_table()
    {
        await using var app = await StartWithTeacherAsync();
        var teacher = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(teacher, app.BaseAddress, "teacher", TeacherPassword);

        // The class.
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
        await teacher.CheckAccessibilityAsync();

        // Three student accounts and their printable sheet.
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Create student accounts" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        await teacher.GetByLabel("Students' names, one per line").FillAsync("Ada Lovelace\nAlan Turing\nGrace Hopper");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create accounts" }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Sign-in sheet for Class 9B");
        await teacher.CheckAccessibilityAsync();
        var slips = teacher.Locator(".sign-in-slip");
        await Expect(slips).ToHaveCountAsync(3);
        var ada = slips.Filter(new() { HasText = "Ada Lovelace" });
        var userName = (await ada.Locator("dd").Nth(1).TextContentAsync())!.Trim();
        var sheetPassword = (await ada.Locator("dd").Nth(2).TextContentAsync())!.Trim();
        Assert.Equal("ada.l", userName);

        // Printed, the sheet is the slips alone: no site navigation, no notice.
        await teacher.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(SignInFlow.SiteNavigation(teacher)).ToBeHiddenAsync();
        await Expect(slips.First).ToBeVisibleAsync();
        await Expect(teacher.GetByText("they are shown only once")).ToBeHiddenAsync();
        var pdf = await teacher.PdfAsync(new() { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        await teacher.EmulateMediaAsync(new() { Media = Media.Screen });

        // A module assigned with a due date a week from now, 18:00 in Paris.
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Go to the member list" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Assign a module" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).Date.AddDays(7).AddHours(18);
        await teacher.GetByLabel("Module").SelectOptionAsync(new SelectOptionValue { Label = "Designed to hook" });
        await teacher.GetByLabel("Due date and time (optional)").FillAsync(due.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await teacher.GetByLabel("Instructions (optional)").FillAsync("Read the module, then post *one* honest reflection.");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(Heading(teacher)).ToHaveTextAsync("Designed to hook");
        await Expect(teacher.Locator(".instructions em")).ToHaveTextAsync("one");
        await teacher.CheckAccessibilityAsync();

        // The student: sheet password, then a password of their own, then their work.
        var student = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(student, app.BaseAddress, userName, sheetPassword);
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
        await Expect(row).ToContainTextAsync("Class 9B");
        await Expect(row).ToContainTextAsync("To do");
        await student.CheckAccessibilityAsync();

        // The teacher's progress table and its CSV.
        await GroupNavigationFromHome(teacher, "Progress");
        await Expect(Heading(teacher)).ToHaveTextAsync("Progress in Class 9B");
        await Expect(teacher.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" })).ToContainTextAsync("To do");
        await Expect(teacher.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
        await teacher.CheckAccessibilityAsync();
        var download = await teacher.RunAndWaitForDownloadAsync(() => teacher.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Name,Username,Designed to hook (due ", csv);
        Assert.Contains("Ada Lovelace,ada.l,To do", csv);
        Assert.Contains("Grace Hopper,grace.h,To do", csv);
    }

    [Fact]
    public async Task A_visitor_with_the_join_link_creates_an_account_and_joins()
    {
        await using var app = await StartWithTeacherAsync();
        var teacher = await browser.NewPageAsync();
        await SignInFlow.SignInAsync(teacher, app.BaseAddress, "teacher", TeacherPassword);
        await teacher.GotoAsync(app.Url("/groups/new?kind=Club").ToString());
        await teacher.GetByLabel("Name", new() { Exact = true }).FillAsync("Film club");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
        await GroupNavigation(teacher).GetByRole(AriaRole.Link, new() { Name = "Join code" }).ClickAsync();
        await teacher.CheckAccessibilityAsync();
        var code = (await teacher.Locator(".join-code").TextContentAsync())!.Trim();

        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync(app.Url("/join").ToString());
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

    async Task<AppProcess> StartWithTeacherAsync()
    {
        var settings = AppSettings.WithDatabase(await databases.CreateDatabaseAsync());
        var (exitCode, output) = await AppProcess.RunCommandAsync(settings,
            "users", "create", "--username", "teacher", "--email", "teacher@school.example", "--password", TeacherPassword, "--role", "Teacher", "--name", "Ms Rivera");
        Assert.True(exitCode == 0, output);
        return await AppProcess.StartAsync(settings);
    }

    static async Task GroupNavigationFromHome(IPage page, string link)
    {
        await SignInFlow.SiteNavigation(page).GetByRole(AriaRole.Link, new() { Name = "My groups" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Class 9B" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Class 9B");
        await GroupNavigation(page).GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
    }

    static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    static ILocator GroupNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Group" });
}
