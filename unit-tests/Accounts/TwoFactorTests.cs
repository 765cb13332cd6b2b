using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;

namespace StudyGuide.Tests.Accounts;

public partial class TwoFactorTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    const string Password = "a teacher's long passphrase";

    [GeneratedRegex("""<code class="secret">([a-z2-7 ]+)</code>""")]
    private static partial Regex SharedKey();

    [GeneratedRegex("""<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>""", RegexOptions.IgnoreCase)]
    private static partial Regex RecoveryCode();

    [Fact]
    public async Task A_teacher_turns_it_on_and_then_needs_a_code_after_the_password()
    {
        var (_, browser) = await app.SignedInUserAsync("t-on", Roles.Teacher, Password);

        var (key, codes) = await TurnOnAsync(browser);

        Assert.Equal(TwoFactor.RecoveryCodeCount, codes.Count);
        Assert.True(await TwoFactorEnabledAsync("t-on"));
        await SignOutAsync(browser);

        var next = app.CreateBrowser();
        var password = await Forms.SignInAsync(next, "t-on", Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var secondStep = Forms.RedirectPath(password);
        Assert.StartsWith("/account/sign-in/two-factor", secondStep);
        // The password alone is not a session.
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/account")).StatusCode);

        var signedIn = await Forms.PostAsync(next, secondStep, new Dictionary<string, string> { ["Input.Code"] = CodeFor(key) });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task The_setup_page_draws_the_qr_code_inline_without_style_attributes()
    {
        var (_, browser) = await app.SignedInUserAsync("t-qr", Roles.Teacher, Password);

        var html = await StartSetupAsync(browser);

        Assert.Contains("<svg", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<img", html);
        Assert.Matches(SharedKey(), html);
        Assert.DoesNotContain("style", TwoFactor.QrCodeSvg(TwoFactor.AuthenticatorUri("someone@example.org", "ABCDEFGHIJKLMNOP")).Value);
    }

    [Fact]
    public async Task A_wrong_code_during_setup_keeps_it_off()
    {
        var (_, browser) = await app.SignedInUserAsync("t-wrong", Roles.Teacher, Password);
        var html = await StartSetupAsync(browser);
        var key = SharedKey().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        var response = await Forms.PostAsync(browser, "/account/two-factor?handler=Setup",
            new Dictionary<string, string> { ["Input.Code"] = WrongCodeFor(key) }, "/account/two-factor?handler=Verify");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This code is not correct.", await response.Content.ReadAsStringAsync());
        Assert.False(await TwoFactorEnabledAsync("t-wrong"));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, browser) = await app.SignedInUserAsync("t-recover", Roles.Teacher, Password);
        var (_, codes) = await TurnOnAsync(browser);

        var first = await RecoverAsync(codes[0]);
        var second = await RecoverAsync(codes[0]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("This recovery code is not valid.", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_codes_at_the_second_step_count_towards_lockout()
    {
        var (_, browser) = await app.SignedInUserAsync("t-guess", Roles.Teacher, Password);
        var (key, _) = await TurnOnAsync(browser);

        var next = app.CreateBrowser();
        var secondStep = Forms.RedirectPath(await Forms.SignInAsync(next, "t-guess", Password));
        await Forms.PostAsync(next, secondStep, new Dictionary<string, string> { ["Input.Code"] = WrongCodeFor(key) });
        Assert.Equal(1, await FailedCountAsync("t-guess"));
        await Forms.PostAsync(next, secondStep, new Dictionary<string, string> { ["Input.RecoveryCode"] = "aaaaa-bbbbb" }, secondStep + "&handler=Recovery");
        Assert.Equal(2, await FailedCountAsync("t-guess"));
        for (var i = 0; i < 3; i++)
            await Forms.PostAsync(next, secondStep, new Dictionary<string, string> { ["Input.Code"] = WrongCodeFor(key) });

        var locked = await Forms.PostAsync(next, secondStep, new Dictionary<string, string> { ["Input.Code"] = CodeFor(key) });

        Assert.Contains("this account is locked", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task A_member_without_a_staff_role_gets_404()
    {
        var (_, browser) = await app.SignedInUserAsync("student-2fa");

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/account/two-factor")).StatusCode);
        var start = await Forms.PostAsync(browser, "/account", new Dictionary<string, string>(), "/account/two-factor?handler=Start");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }

    [Fact]
    public async Task Turning_it_off_lets_the_password_alone_sign_in_again()
    {
        var (_, browser) = await app.SignedInUserAsync("t-off", Roles.Teacher, Password);
        await TurnOnAsync(browser);

        var off = await Forms.PostAsync(browser, "/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=Disable");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await TwoFactorEnabledAsync("t-off"));
        await app.SignedInBrowserAsync("t-off", Password);
    }

    async Task<string> StartSetupAsync(HttpClient browser)
    {
        var started = await Forms.PostAsync(browser, "/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=Start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return await browser.GetStringAsync(Forms.RedirectPath(started));
    }

    /// <summary>Sets up an authenticator the way a person does: reads the key off the page, types the app's code.</summary>
    async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync(HttpClient browser)
    {
        var html = await StartSetupAsync(browser);
        var key = SharedKey().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEmpty(key);

        var verified = await Forms.PostAsync(browser, "/account/two-factor?handler=Setup",
            new Dictionary<string, string> { ["Input.Code"] = CodeFor(key) }, "/account/two-factor?handler=Verify");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);

        var codesPage = await browser.GetStringAsync(Forms.RedirectPath(verified));
        Assert.Contains("shown only this once", codesPage);
        var codes = RecoveryCode().Matches(codesPage).Select(m => m.Groups[1].Value).ToList();
        // Shown once: the same address no longer lists them.
        var again = await browser.GetAsync(Forms.RedirectPath(verified));
        Assert.DoesNotMatch(RecoveryCode(), await again.Content.ReadAsStringAsync());
        return (key, codes);
    }

    async Task<HttpResponseMessage> RecoverAsync(string recoveryCode)
    {
        var browser = app.CreateBrowser();
        var secondStep = Forms.RedirectPath(await Forms.SignInAsync(browser, "t-recover", Password));
        return await Forms.PostAsync(browser, secondStep, new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCode }, secondStep + "&handler=Recovery");
    }

    // Identity checks codes against the real clock (not the app's fake one), so the test's code must too.
    static string CodeFor(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>A code that is not valid in Identity's window (now ± 2 steps of 30 s).</summary>
    static string WrongCodeFor(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var valid = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(n => n.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    static async Task SignOutAsync(HttpClient browser) =>
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(browser, "/account/sign-out", new Dictionary<string, string>())).StatusCode);

    async Task<bool> TwoFactorEnabledAsync(string userName)
    {
        var enabled = false;
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            enabled = await users.GetTwoFactorEnabledAsync((await users.FindByNameAsync(userName))!);
        });
        return enabled;
    }

    async Task<int> FailedCountAsync(string userName)
    {
        var count = 0;
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            count = await users.GetAccessFailedCountAsync((await users.FindByNameAsync(userName))!);
        });
        return count;
    }
}
