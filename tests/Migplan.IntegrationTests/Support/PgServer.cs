using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>
/// Assembly fixture for the PostgreSQL server named by <c>MIGPLAN_TEST_PG</c> (an Npgsql
/// connection string with rights to create databases). Each test gets its own scratch
/// database from <see cref="CreateScratchDatabaseAsync"/>. Without the variable, tests are
/// skipped on a developer's machine and fail when <c>CI=true</c>.
/// Connection strings are never written into messages: they may hold a password.
/// </summary>
public sealed class PgServer : IAsyncDisposable
{
    public const string ConnectionVariable = "MIGPLAN_TEST_PG";
    public const string BinVariable = "MIGPLAN_TEST_PGBIN";
    public const string SkipMessage = "MIGPLAN_TEST_PG not set; run ./test.sh";
    public const string CiFailureMessage =
        "MIGPLAN_TEST_PG is not set but CI=true: the integration tests need a PostgreSQL server " +
        "and must not be skipped in CI; run ./test.sh, which starts one and sets the variable.";

    private readonly NpgsqlDataSource? admin;
    private readonly bool isCi;

    public PgServer()
        : this(
            Environment.GetEnvironmentVariable(ConnectionVariable),
            Environment.GetEnvironmentVariable("CI"),
            Environment.GetEnvironmentVariable(BinVariable))
    {
    }

    internal PgServer(string? connectionString, string? ci, string? pgBin)
    {
        isCi = string.Equals(ci?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        PgBin = string.IsNullOrWhiteSpace(pgBin) ? null : pgBin;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString)
            {
                ApplicationName = "migplan-tests-admin",
            };
            admin = NpgsqlDataSource.Create(builder);
            AdminConnectionString = builder.ConnectionString;
        }
    }

    /// <summary>True when <c>MIGPLAN_TEST_PG</c> is set.</summary>
    public bool IsConfigured => admin is not null;

    /// <summary>The server's bin directory from <c>MIGPLAN_TEST_PGBIN</c>, if set.</summary>
    public string? PgBin { get; }

    /// <summary>The connection string of the maintenance database (may hold a password: never print it).</summary>
    public string? AdminConnectionString { get; }

    /// <summary>Skips the current test when no server is configured, or fails it when <c>CI=true</c>.</summary>
    public void RequireConfigured()
    {
        switch (Availability)
        {
            case ServerAvailability.Configured:
                return;
            case ServerAvailability.MissingInCi:
                Assert.Fail(CiFailureMessage);
                break;
            default:
                Assert.Skip(SkipMessage);
                break;
        }
    }

    /// <summary>What <see cref="RequireConfigured"/> does: go on, fail (CI) or skip.</summary>
    public ServerAvailability Availability =>
        IsConfigured ? ServerAvailability.Configured
        : isCi ? ServerAvailability.MissingInCi
        : ServerAvailability.MissingSkip;

    /// <summary>
    /// Creates <c>migplan_t_&lt;random&gt;</c>, a copy of <paramref name="template"/> when given (no session may be
    /// connected to it); disposing the result drops it WITH (FORCE).
    /// </summary>
    public async Task<ScratchDatabase> CreateScratchDatabaseAsync(CancellationToken cancellationToken, ScratchDatabase? template = null)
    {
        RequireConfigured();
        var name = "migplan_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var command = admin!.CreateCommand($"CREATE DATABASE {name}" + (template is null ? "" : $" TEMPLATE {template.Name}")))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            ApplicationName = "migplan-tests",
        };
        return new ScratchDatabase(name, builder.ConnectionString, DropAsync);
    }

    private async Task DropAsync(string name)
    {
        // Not the test's token: the drop must run even when the test was cancelled.
        await using var command = admin!.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (admin is not null)
        {
            await admin.DisposeAsync();
        }
    }
}

/// <summary>Whether tests can run against the configured server.</summary>
public enum ServerAvailability
{
    Configured,

    /// <summary>MIGPLAN_TEST_PG is not set on a developer machine: tests are skipped.</summary>
    MissingSkip,

    /// <summary>MIGPLAN_TEST_PG is not set but CI=true: tests fail.</summary>
    MissingInCi,
}
