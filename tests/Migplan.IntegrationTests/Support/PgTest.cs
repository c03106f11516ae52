namespace Migplan.IntegrationTests.Support;

/// <summary>
/// Base class of tests against PostgreSQL: skips (or fails in CI) when no server is
/// configured, and gives each test its own scratch database in <see cref="Db"/>.
/// </summary>
public abstract class PgTest(PgServer server) : IAsyncLifetime
{
    private ScratchDatabase? db;

    protected PgServer Server => server;

    /// <summary>This test's scratch database.</summary>
    protected ScratchDatabase Db =>
        db ?? throw new InvalidOperationException("The scratch database exists only while the test runs.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        server.RequireConfigured();
        db = await server.CreateScratchDatabaseAsync(Ct);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
            db = null;
        }

        GC.SuppressFinalize(this);
    }
}
