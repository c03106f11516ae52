using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SupportTests;

/// <summary>The skip/fail rule needs no server; the scratch database life cycle does.</summary>
public sealed class PgServerTests(PgServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    public void Availability_WithoutConnectionString_OutsideCi_IsSkip(string? ci)
    {
        var unconfigured = new PgServer(connectionString: null, ci, pgBin: null);

        Assert.Equal(ServerAvailability.MissingSkip, unconfigured.Availability);
    }

    [Fact]
    public async Task Availability_WithConnectionString_IsConfigured()
    {
        await using var configured = new PgServer("Host=127.0.0.1;Port=1;Username=nobody;Database=none", ci: "true", pgBin: null);

        Assert.Equal(ServerAvailability.Configured, configured.Availability);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void RequireConfigured_WithoutConnectionString_FailsInCi(string ci)
    {
        var unconfigured = new PgServer(connectionString: null, ci, pgBin: null);

        Assert.Equal(ServerAvailability.MissingInCi, unconfigured.Availability);
        var failure = Assert.Throws<Xunit.Sdk.FailException>(unconfigured.RequireConfigured);

        Assert.Contains("CI=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateScratchDatabase_CreatesEmptyDatabase_DroppedOnDisposeDespiteOpenSessions()
    {
        server.RequireConfigured();
        var db = await server.CreateScratchDatabaseAsync(Ct);
        var name = await db.ScalarAsync<string>("SELECT current_database()", Ct);
        Assert.Equal(db.Name, name);
        Assert.Equal(name, db.ToString());
        Assert.Matches("^migplan_t_[0-9a-f]{16}$", name);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'", Ct));

        await using (var stillOpen = await db.OpenSessionAsync(Ct))
        {
            await db.DisposeAsync();
        }

        await using var other = await server.CreateScratchDatabaseAsync(Ct);
        await using var connection = await other.OpenConnectionAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name);
        Assert.Equal(0L, await command.ExecuteScalarAsync(Ct));
    }
}
