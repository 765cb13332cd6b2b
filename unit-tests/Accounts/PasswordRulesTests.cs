using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Accounts;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Accounts;

/// <summary>The app's own UserManager and validators against the real database: the path every account form takes.</summary>
public class PasswordRulesTests(StudyGuideFactory app) : IClassFixture<StudyGuideFactory>
{
    [Theory]
    [InlineData("sevenc7", null, false)]
    [InlineData("eight ch", null, true)]
    [InlineData("nine char", Roles.Teacher, false)]
    [InlineData("ten chars!", Roles.Teacher, true)]
    [InlineData("nine char", Roles.Admin, false)]
    [InlineData("ten chars!", Roles.Moderator, true)]
    public async Task Members_need_8_characters_and_staff_10(string password, string? role, bool accepted)
    {
        var (result, created) = await CreateAsync(password, role);
        Assert.Equal(accepted, result.Succeeded);
        // A refused password leaves no half-made account behind.
        Assert.Equal(accepted, created);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("iloveyou1")]
    [InlineData("Password123")]
    public async Task The_most_common_passwords_are_refused(string password)
    {
        var (result, created) = await CreateAsync(password, role: null);
        Assert.False(result.Succeeded);
        Assert.False(created);
        Assert.Contains(result.Errors, e => e.Description.Contains("most common", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(200)]
    public async Task Long_passphrases_are_accepted(int length)
    {
        var passphrase = string.Concat(Enumerable.Repeat("river stone maple ", 20))[..length];
        Assert.True((await CreateAsync(passphrase, Roles.Teacher)).Result.Succeeded);
    }

    [Fact]
    public async Task There_are_no_composition_rules()
    {
        Assert.True((await CreateAsync("alllowercaseletters", Roles.Admin)).Result.Succeeded);
    }

    async Task<(IdentityResult Result, bool Created)> CreateAsync(string password, string? role)
    {
        var userName = "pw-" + Guid.NewGuid().ToString("N")[..10];
        var result = IdentityResult.Failed();
        await app.WithServicesAsync(async services =>
        {
            var user = new User { UserName = userName, DisplayName = userName, CreatedAt = app.Clock.GetUtcNow() };
            result = await AccountCreation.CreateAsync(
                services.GetRequiredService<AppDbContext>(), services.GetRequiredService<UserManager<User>>(), user, password, role);
        });
        return (result, await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == userName)));
    }
}
