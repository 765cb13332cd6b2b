using Npgsql;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Data;

public sealed class LocalPostgresTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "studyguide-unit-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public void The_server_binaries_are_found_without_configuration()
    {
        var directory = LocalPostgres.FindServerBinaries();

        Assert.NotNull(directory);
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            Assert.True(File.Exists(Path.Combine(directory, program)), $"{program} is missing from {directory}");
    }

    [Fact]
    public async Task A_second_process_using_the_cluster_leaves_it_running_when_it_stops()
    {
        using var site = await LocalPostgres.StartAsync(dataDirectory, "studyguide", disposable: true);
        using (var command = await LocalPostgres.StartAsync(dataDirectory, "studyguide", disposable: true))
        {
            Assert.Equal(1, await SelectOneAsync(command));
        }

        Assert.Equal(1, await SelectOneAsync(site));
        site.Stop();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(site));
    }

    static async Task<int> SelectOneAsync(LocalPostgres server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("studyguide"));
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await select.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }
}
