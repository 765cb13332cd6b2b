using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StudyGuide.Tests.Infrastructure;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Data;

/// <summary>
/// EF's check against one context used by two operations at once costs an AsyncLocal per row read
/// (bench/RESULTS.md), so production runs without it; everywhere code is written and tested keeps it.
/// </summary>
public class ContextSafetyChecksTests(TestDatabases databases)
{
    static bool ChecksEnabled(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>();
        return options.FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled;
    }

    [Theory]
    [InlineData("Testing", true)]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task Only_production_runs_without_the_check(string environment, bool expected)
    {
        await using var app = new StudyGuideFactory(databases);
        await using var configured = app.WithWebHostBuilder(builder => builder.UseEnvironment(environment));

        Assert.Equal(expected, ChecksEnabled(configured.Services));
    }
}
