using Npgsql;
using StudyGuide.Web.Data;

namespace StudyGuide.Tests.Data;

/// <summary>The app adds its connection defaults only where the operator's connection string is silent.</summary>
public class ConnectionDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_and_no_session_reset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(Database.WithDefaults("Host=db;Database=studyguide;Username=app"));

        Assert.Equal(50, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("host=db;max auto prepare=0;no reset on close=false")]
    public void Settings_the_operator_wrote_are_kept(string configured)
    {
        var tuned = new NpgsqlConnectionStringBuilder(Database.WithDefaults(configured));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }
}
