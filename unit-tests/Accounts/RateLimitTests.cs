using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Accounts;

public class RateLimitTests(TestDatabases databases)
{
    const string SchoolAddress = "203.0.113.10";
    const string OtherSchoolAddress = "198.51.100.20";

    [Fact]
    public async Task The_sixth_sign_in_post_over_a_limit_of_five_gets_429_with_retry_after()
    {
        await using var app = new NetworkFactory(databases);
        app.WithSetting("StudyGuide:RateLimits:AccountFormPostsPerMinute", "5");
        var browser = app.BrowserFrom(SchoolAddress);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(browser, "nobody", "wrong guess " + i)).StatusCode);
        var sixth = await Forms.SignInAsync(browser, "nobody", "wrong guess 6");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After should say how long to wait");
        Assert.Contains("Too many attempts", await sixth.Content.ReadAsStringAsync());
        // Another address has its own allowance.
        Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(app.BrowserFrom(OtherSchoolAddress), "nobody", "wrong guess")).StatusCode);
    }

    [Fact]
    public async Task A_whole_class_signing_in_together_from_one_school_address_is_not_blocked()
    {
        await using var app = new NetworkFactory(databases);
        const int ClassSize = 35;
        for (var i = 0; i < ClassSize; i++) await app.CreateUserAsync($"student-{i:00}", "our class passphrase");

        for (var i = 0; i < ClassSize; i++)
        {
            var response = await Forms.SignInAsync(app.BrowserFrom(SchoolAddress), $"student-{i:00}", "our class passphrase");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"student-{i:00} got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Password_reset_requests_are_rate_limited_too()
    {
        await using var app = new NetworkFactory(databases);
        app.WithSetting("StudyGuide:RateLimits:AccountFormPostsPerMinute", "2");
        var browser = app.BrowserFrom(SchoolAddress);
        var form = new Dictionary<string, string> { ["Input.Email"] = "someone@example.org" };

        await Forms.PostAsync(browser, "/account/forgot-password", form);
        await Forms.PostAsync(browser, "/account/forgot-password", form);
        var third = await Forms.PostAsync(browser, "/account/forgot-password", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    /// <summary>
    /// TestServer requests carry no client address; this one takes it from a test-only header, so
    /// each browser can stand for a machine on a given school network.
    /// </summary>
    sealed class NetworkFactory(TestDatabases databases) : StudyGuideFactory(databases)
    {
        const string AddressHeader = "X-Test-Client-Address";

        public HttpClient BrowserFrom(string address)
        {
            var browser = CreateBrowser();
            browser.DefaultRequestHeaders.Add(AddressHeader, address);
            return browser;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }

        sealed class ClientAddressFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers[AddressHeader] is [{ } address])
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
