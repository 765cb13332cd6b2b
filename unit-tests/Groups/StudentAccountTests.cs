using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Groups;
using Group = StudyGuide.Web.Groups.Group;

namespace StudyGuide.Tests.Groups;

public partial class StudentAccountTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [GeneratedRegex("""<dt>Username</dt>\s*<dd class="secret">([^<]+)</dd>\s*<dt>Password</dt>\s*<dd class="secret">([^<]+)</dd>""")]
    private static partial Regex SlipPattern();

    static List<(string UserName, string Password)> Slips(string html) =>
        SlipPattern().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    async Task<(Group Group, User Teacher, HttpClient Browser)> ClassAsync()
    {
        var teacher = await app.UserAsync("teacher", Roles.Teacher);
        var group = await app.GroupAsync(teacher);
        return (group, teacher, await app.SignedInAsync(teacher));
    }

    static Task<HttpResponseMessage> CreateStudentsAsync(HttpClient browser, Group group, string names) =>
        Forms.PostAsync(browser, $"/groups/{group.Id}/students/new", new Dictionary<string, string> { ["Input.Names"] = names });

    [Theory]
    [InlineData("Ada Lovelace", "ada.l")]
    [InlineData("  Zoë   Martin-Dupont ", "zoe.m")]
    [InlineData("Plato", "plato")]
    [InlineData("José María de la Cruz", "jose.c")]
    [InlineData("李雷", "student")]
    public void Usernames_are_the_first_name_and_the_last_initial_in_plain_letters(string name, string expected) =>
        Assert.Equal(expected, StudentAccounts.UserNameBase(name));

    [Fact]
    public void Generated_passwords_are_three_words_and_two_digits_of_fourteen_characters_or_more()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => StudentAccounts.GeneratePassword()).ToList();
        Assert.All(passwords, p =>
        {
            Assert.Matches("^[a-z]+-[a-z]+-[a-z]+-[1-9][0-9]$", p);
            Assert.True(p.Length >= 14, p);
            Assert.False(CommonPasswordValidator.IsCommon(p));
        });
        Assert.True(passwords.Distinct().Count() > 190);
    }

    [Fact]
    public async Task A_list_of_names_becomes_accounts_with_unique_usernames_on_a_printable_sheet()
    {
        var (group, teacher, browser) = await ClassAsync();
        // Someone already has the obvious username.
        var existing = await app.DbAsync(db => db.Users.AnyAsync(u => u.NormalizedUserName == "MARIE.C"));
        if (!existing) await app.CreateUserAsync("marie.c", GroupWorld.Password);

        var response = await CreateStudentsAsync(browser, group, "Marie Curie\r\n\r\nMarie Claire\n  Niels Bohr  \n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in sheet for", html);
        var slips = Slips(html);
        Assert.Equal(3, slips.Count);
        Assert.Equal(3, slips.Select(s => s.UserName).Distinct().Count());
        Assert.DoesNotContain("marie.c", slips.Select(s => s.UserName));
        Assert.StartsWith("marie.c", slips[0].UserName);
        Assert.StartsWith("marie.c", slips[1].UserName);
        Assert.Equal("niels.b", slips[2].UserName);
        Assert.Contains("Niels Bohr", html);
        // Each slip says where to sign in, in full, for a student typing it from paper.
        Assert.Contains("<dd class=\"secret\">http://localhost/account/sign-in</dd>", html);

        var students = await app.DbAsync(db => db.Users.AsNoTracking().Where(u => u.CreatedByUserId == teacher.Id).ToListAsync());
        Assert.Equal(3, students.Count);
        Assert.All(students, s =>
        {
            Assert.Null(s.Email);
            Assert.True(s.MustChangePassword);
        });
        Assert.Equal(3, await app.DbAsync(db => db.Memberships.CountAsync(m => m.GroupId == group.Id && m.Role == MembershipRole.Member)));

        foreach (var (userName, password) in slips)
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), userName, password)).StatusCode);
    }

    [Fact]
    public async Task A_student_signed_in_with_the_sheet_password_must_change_it_before_anything_else()
    {
        var (group, _, browser) = await ClassAsync();
        var (userName, password) = Slips(await (await CreateStudentsAsync(browser, group, "Lise Meitner")).Content.ReadAsStringAsync()).Single();
        var student = app.CreateBrowser();
        await Forms.SignInAsync(student, userName, password);

        foreach (var url in new[] { "/me/work", $"/groups/{group.Id}", "/groups", "/" })
        {
            var response = await student.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(MustChangePasswordFilter.ChangePasswordPath + "?returnUrl=", response.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/css/site.css")).StatusCode);
        var signOut = await Forms.PostAsync(student, "/account/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/", signOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_current_password_leaves_the_new_password_still_due()
    {
        var (group, _, browser) = await ClassAsync();
        var (userName, password) = Slips(await (await CreateStudentsAsync(browser, group, "Lise Meitner")).Content.ReadAsStringAsync()).Single();
        var student = app.CreateBrowser();
        await Forms.SignInAsync(student, userName, password);

        var refused = await Forms.PostAsync(student, MustChangePasswordFilter.ChangePasswordPath, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password + " but wrong",
            ["Input.NewPassword"] = "my very own secret phrase",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(await app.DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.StartsWith(MustChangePasswordFilter.ChangePasswordPath, (await student.GetAsync("/me/work")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Once_the_student_chose_a_new_password_they_reach_their_pages()
    {
        var (group, _, browser) = await ClassAsync();
        var (userName, password) = Slips(await (await CreateStudentsAsync(browser, group, "Rosalind Franklin")).Content.ReadAsStringAsync()).Single();
        var student = app.CreateBrowser();
        await Forms.SignInAsync(student, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync(MustChangePasswordFilter.ChangePasswordPath)).StatusCode);

        var changed = await Forms.PostAsync(student, MustChangePasswordFilter.ChangePasswordPath, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "my very own secret phrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // No returnUrl: the student's own work list.
        Assert.Equal("/me/work", changed.Headers.Location?.OriginalString);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/me/work")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync($"/groups/{group.Id}")).StatusCode);
    }

    [Fact]
    public async Task After_the_forced_change_the_student_continues_to_the_page_they_were_going_to()
    {
        var (group, _, browser) = await ClassAsync();
        var (userName, password) = Slips(await (await CreateStudentsAsync(browser, group, "Chien-Shiung Wu")).Content.ReadAsStringAsync()).Single();
        var student = app.CreateBrowser();
        await Forms.SignInAsync(student, userName, password);
        var interrupted = await student.GetAsync($"/groups/{group.Id}?tab=assignments");
        var changePage = interrupted.Headers.Location!.OriginalString;

        // The form keeps the returnUrl of the page it was shown on.
        Assert.Contains("name=\"ReturnUrl\"", await student.GetStringAsync(changePage));
        var changed = await Forms.PostAsync(student, changePage, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "my very own secret phrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal($"/groups/{group.Id}?tab=assignments", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync($"/groups/{group.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task After_the_forced_change_a_returnUrl_to_another_site_is_refused(string returnUrl)
    {
        var (group, _, browser) = await ClassAsync();
        var (userName, password) = Slips(await (await CreateStudentsAsync(browser, group, "Mary Somerville")).Content.ReadAsStringAsync()).Single();
        var student = app.CreateBrowser();
        await Forms.SignInAsync(student, userName, password);

        var changed = await Forms.PostAsync(student, MustChangePasswordFilter.ChangePasswordPath + "?returnUrl=" + Uri.EscapeDataString(returnUrl), new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "my very own secret phrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/me/work", changed.Headers.Location?.OriginalString);
    }

    /// <summary>The "Create accounts" form as one browser tab holds it: its antiforgery token and its key.</summary>
    static async Task<Dictionary<string, string>> FilledFormAsync(HttpClient browser, Group group, string names)
    {
        var html = await browser.GetStringAsync($"/groups/{group.Id}/students/new");
        var key = Regex.Match(html, """"name="Input\.IdempotencyKey"[^>]*value="([^"]+)"""").Groups[1].Value;
        Assert.True(Guid.TryParse(key, out var parsed) && parsed != Guid.Empty, "The form has no idempotency key:\n" + html);
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(html),
            ["Input.IdempotencyKey"] = key,
            ["Input.Names"] = names,
        };
    }

    [Fact]
    public async Task Sending_the_same_form_twice_creates_one_batch_and_shows_the_same_accounts_again()
    {
        var (group, teacher, browser) = await ClassAsync();
        var form = await FilledFormAsync(browser, group, "Hedy Lamarr\nKatherine Johnson");

        var first = await browser.PostAsync($"/groups/{group.Id}/students/new", new FormUrlEncodedContent(form));
        var again = await browser.PostAsync($"/groups/{group.Id}/students/new", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstSlips = Slips(await first.Content.ReadAsStringAsync());
        var againHtml = await again.Content.ReadAsStringAsync();
        Assert.Equal(["hedy.l", "katherine.j"], firstSlips.Select(s => s.UserName));
        Assert.Contains("These accounts were already created when this form was first sent", againHtml);
        // The same accounts, in the same order; the passwords were shown once and are not stored.
        Assert.Equal(firstSlips.Select(s => s.UserName), Slips(againHtml).Select(s => s.UserName));
        Assert.All(Slips(againHtml), s => Assert.Equal("Shown only on the first sheet", s.Password));
        Assert.True(again.Headers.CacheControl?.NoStore);
        Assert.Equal(2, await app.DbAsync(db => db.Users.CountAsync(u => u.CreatedByUserId == teacher.Id)));
        Assert.Equal(1, await app.DbAsync(db => db.StudentAccountBatches.CountAsync(b => b.GroupId == group.Id)));
        // The sheet's passwords still work.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), firstSlips[0].UserName, firstSlips[0].Password)).StatusCode);
    }

    [Fact]
    public async Task A_double_click_sending_the_form_twice_at_once_creates_one_batch()
    {
        var (group, teacher, browser) = await ClassAsync();
        var form = await FilledFormAsync(browser, group, "Barbara McClintock\nDorothy Hodgkin\nTu Youyou");

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            browser.PostAsync($"/groups/{group.Id}/students/new", new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var sheets = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(sheets, html => Assert.Equal(["barbara.m", "dorothy.h", "tu.y"], Slips(html).Select(s => s.UserName)));
        Assert.Single(sheets, html => html.Contains("These accounts were already created", StringComparison.Ordinal));
        Assert.Equal(3, await app.DbAsync(db => db.Users.CountAsync(u => u.CreatedByUserId == teacher.Id)));
        Assert.Equal(3, await app.DbAsync(db => db.Memberships.CountAsync(m => m.GroupId == group.Id && m.Role == MembershipRole.Member)));
        Assert.Equal(1, await app.DbAsync(db => db.StudentAccountBatches.CountAsync(b => b.GroupId == group.Id)));
    }

    [Fact]
    public async Task A_new_form_makes_a_new_batch()
    {
        var (group, teacher, browser) = await ClassAsync();

        await browser.PostAsync($"/groups/{group.Id}/students/new", new FormUrlEncodedContent(await FilledFormAsync(browser, group, "Vera Rubin")));
        var second = await browser.PostAsync($"/groups/{group.Id}/students/new", new FormUrlEncodedContent(await FilledFormAsync(browser, group, "Vera Rubin")));

        Assert.DoesNotContain("already created", await second.Content.ReadAsStringAsync());
        Assert.Equal(["vera.r", "vera.r2"], await app.DbAsync(db => db.Users.Where(u => u.CreatedByUserId == teacher.Id).OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync()));
    }

    [Fact]
    public async Task Too_many_names_or_none_get_a_clear_message_and_no_accounts()
    {
        var (group, teacher, browser) = await ClassAsync();
        var tooMany = string.Join("\n", Enumerable.Range(1, StudentAccounts.MaxNamesPerBatch + 1).Select(i => $"Student {i}"));

        var many = await CreateStudentsAsync(browser, group, tooMany);
        var none = await CreateStudentsAsync(browser, group, " \n \n");

        Assert.Contains("Enter at most 100 names at a time.", await many.Content.ReadAsStringAsync());
        Assert.Contains("Enter at least one name.", await none.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.CreatedByUserId == teacher.Id)));
    }

    [Fact]
    public async Task A_facilitator_resets_a_students_password_and_ends_their_other_sessions()
    {
        var (group, teacher, browser) = await ClassAsync();
        var (userName, oldPassword) = Slips(await (await CreateStudentsAsync(browser, group, "Emmy Noether")).Content.ReadAsStringAsync()).Single();
        var studentId = await app.DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        await app.DbAsync(db => db.Users.Where(u => u.Id == studentId).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, false)));
        var studentSession = app.CreateBrowser();
        await Forms.SignInAsync(studentSession, userName, oldPassword);
        Assert.Equal(HttpStatusCode.OK, (await studentSession.GetAsync("/me/work")).StatusCode);

        var members = await browser.GetStringAsync($"/groups/{group.Id}/members");
        Assert.Contains($"/groups/{group.Id}/students/{studentId}/reset-password", members);
        var reset = await Forms.PostAsync(browser, $"/groups/{group.Id}/students/{studentId}/reset-password", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var (sameUserName, newPassword) = Slips(await reset.Content.ReadAsStringAsync()).Single();
        Assert.Equal(userName, sameUserName);
        Assert.NotEqual(oldPassword, newPassword);
        // The old session is over at once.
        var afterReset = await studentSession.GetAsync("/me/work");
        Assert.Equal(HttpStatusCode.Redirect, afterReset.StatusCode);
        Assert.StartsWith("/account/sign-in", afterReset.Headers.Location?.PathAndQuery);
        Assert.Contains("Wrong username or password.", await (await Forms.SignInAsync(app.CreateBrowser(), userName, oldPassword)).Content.ReadAsStringAsync());
        var fresh = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(fresh, userName, newPassword)).StatusCode);
        Assert.StartsWith(MustChangePasswordFilter.ChangePasswordPath, (await fresh.GetAsync("/me/work")).Headers.Location?.OriginalString);
        Assert.True(await app.DbAsync(db => db.Users.Where(u => u.Id == studentId).Select(u => u.MustChangePassword).SingleAsync()));
    }

    [Fact]
    public async Task A_facilitator_cannot_reset_the_password_of_a_member_who_made_their_own_account()
    {
        var (group, _, browser) = await ClassAsync();
        var adult = await app.UserAsync("self-made");
        await app.AddAsync(group, adult);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/groups/{group.Id}/students/{adult.Id}/reset-password")).StatusCode);
        var post = await GroupWorld.PostFormAsync(browser, $"/groups/{group.Id}/students/{adult.Id}/reset-password", await GroupWorld.TokenAsync(browser));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(app.CreateBrowser(), adult.UserName!, GroupWorld.Password)).StatusCode);
    }
}
