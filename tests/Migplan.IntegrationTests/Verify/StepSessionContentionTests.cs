using System.Collections.Concurrent;
using Migplan.IntegrationTests.Support;
using Migplan.Plans;
using Migplan.Sql;
using Migplan.Verify;
using Npgsql;

namespace Migplan.IntegrationTests.Verify;

/// <summary>
/// verify runs a command with a lock-retry policy as apply will (<see cref="StepSession"/>): under a session that
/// holds a conflicting lock, the command waits in short attempts, says so, and succeeds once the holder lets go; a
/// holder that never lets go makes the command fail with the error naming it. Both with the step observed (the retry
/// block inside BEGIN ... COMMIT, its locks read before the commit) and unobserved (a rollback's way).
/// </summary>
public sealed class StepSessionContentionTests(PgServer server) : PgTest(server)
{
    private static readonly Command AddColumn = new("ALTER TABLE public.users ADD COLUMN note text;\n") { LockRetry = LockRetry.Default };

    private static readonly LockTaken UsersLock = new(Migplan.Plans.LockMode.AccessExclusive, new QualifiedName(new Identifier("public"), new Identifier("users")), true);

    private static readonly Setting[] Settings = [new("statement_timeout", "5s"), new("lock_timeout", "3s")];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.ExecuteAsync("CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL)", Ct);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RetriedCommand_WaitsInAttempts_AndSucceedsOnceTheHolderLetsGo(bool observe)
    {
        await using var holder = await OpenAsync("nightly-report");
        await ExecuteAsync(holder, "BEGIN; LOCK TABLE users IN ACCESS SHARE MODE");
        var release = ExecuteAsync(holder, "SELECT pg_sleep(1); COMMIT");

        await using var session = await StepSession.OpenAsync(Builder("migplan verify"), Settings, observe, Ct);
        var notices = new ConcurrentQueue<string>();
        session.Connection.Notice += (_, e) => notices.Enqueue(e.Notice.MessageText);
        var run = await session.RunAsync(0, AddColumn, [UsersLock], observe, Ct);
        await release;

        Assert.Null(run.Error);
        Assert.Contains(notices, n => n.StartsWith("migplan: lock not available (attempt 1)", StringComparison.Ordinal));
        Assert.True(await Db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'note')", Ct));
        if (observe)
        {
            Assert.Contains(run.Locks, l => l.Lock.Name == "users" && l.Lock.PgMode == "AccessExclusiveLock");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RetriedCommand_FailsNamingTheHolder_WhenItNeverLetsGo(bool observe)
    {
        await using var holder = await OpenAsync("nightly-report");
        int pid = await ScalarAsync<int>(holder, "SELECT pg_backend_pid()");
        await ExecuteAsync(holder, "BEGIN; LOCK TABLE users IN ACCESS SHARE MODE");

        await using var session = await StepSession.OpenAsync(Builder("migplan verify"), Settings, observe, Ct);
        var run = await session.RunAsync(0, AddColumn, [UsersLock], observe, Ct);
        await ExecuteAsync(holder, "ROLLBACK");

        Assert.NotNull(run.Error);
        Assert.Contains("could not lock public.users in ", run.Error.MessageText, StringComparison.Ordinal);
        Assert.Contains($"pid {pid} (application_name 'nightly-report'", run.Error.MessageText, StringComparison.Ordinal);
        Assert.False(await Db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'note')", Ct));
    }

    private NpgsqlConnectionStringBuilder Builder(string applicationName)
    {
        var builder = Db.CreateConnectionStringBuilder();
        builder.Pooling = false;
        builder.ApplicationName = applicationName;
        return builder;
    }

    private async Task<NpgsqlConnection> OpenAsync(string applicationName)
    {
        var connection = new NpgsqlConnection(Builder(applicationName).ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
