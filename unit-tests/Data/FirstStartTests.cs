using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyGuide.Tests.Infrastructure;

namespace StudyGuide.Tests.Data;

/// <summary>A newcomer's first start migrates a new database; its output must not read like a crash.</summary>
public class FirstStartTests(TestDatabases databases)
{
    [Fact]
    public async Task The_first_start_on_an_empty_database_logs_no_error()
    {
        await using var app = await StudyGuideFactory.OnEmptyDatabaseAsync(databases);

        var health = await app.CreateBrowser().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)));
        var errors = app.Logs.AtLeast(LogLevel.Error);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
