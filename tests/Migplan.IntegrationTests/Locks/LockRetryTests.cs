using System.Collections.Immutable;
using System.Globalization;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Locks;

/// <summary>
/// Strong locks taken in short attempts (issue 11, item 1): while a report query holds ACCESS SHARE, the plan's
/// ALTER waits at most one attempt (200 ms) at a time, so the application's writes never queue behind it for the
/// whole lock_timeout; a holder that never lets go makes the script fail naming it.
/// </summary>
public sealed class LockRetryTests(PgServer server) : PgTest(server)
{
    private const string Schema = "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);\n";

    /// <summary>A write waiting this long queued behind a waiting lock (the observed failure: 1.0–1.5 s).</summary>
    private static readonly TimeSpan Queued = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RetriedAlter_SucceedsAfterReportReleases_AndWritesNeverQueueBehindIt()
    {
        using var plan = await PlanAsync("ALTER TABLE users ADD COLUMN note text;\n");
        await SeedUsersAsync(2000);
        await using var writer = await StartWriterAsync(ConcurrentWriter.UsersWorkload());
        await writer.WaitForWritesAsync(10, Ct);

        await using var report = await Db.OpenSessionAsync(Ct);
        await ExecuteAsync(report, "BEGIN; LOCK TABLE users IN ACCESS SHARE MODE");
        var release = ExecuteAsync(report, "SELECT pg_sleep(1.5); COMMIT");
        var result = await GeneratedPlan.RunOkAsync(new PsqlRunner(Db.ConnectionString), plan.Script("add_column"), Ct);
        await release;
        var writes = await writer.StopAsync();

        GeneratedPlan.Log($"writer: {writes}");
        Assert.Contains("lock not available (attempt 1)", result.StdErr, StringComparison.Ordinal);
        Assert.True(await Db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'note')", Ct));
        Assert.Empty(writes.Errors);
        Assert.True(writes.MaxLatency < Queued, $"a write queued behind the ALTER: {writes}");
    }

    [Fact]
    public async Task RetriedAlter_FailsNamingTheHolder_WhenItNeverReleases()
    {
        using var plan = await PlanAsync("ALTER TABLE users ADD COLUMN note text;\n");
        await SeedUsersAsync(100);
        await using var writer = await StartWriterAsync(ConcurrentWriter.UsersWorkload());
        await writer.WaitForWritesAsync(10, Ct);

        var builder = Db.CreateConnectionStringBuilder();
        builder.Pooling = false;
        builder.ApplicationName = "nightly-report";
        await using var report = new NpgsqlConnection(builder.ConnectionString);
        await report.OpenAsync(Ct);
        int pid = await ScalarAsync<int>(report, "SELECT pg_backend_pid()");
        await ExecuteAsync(report, "BEGIN; LOCK TABLE users IN ACCESS SHARE MODE");

        var result = await new PsqlRunner(Db.ConnectionString).RunFileAsync(plan.Script("add_column"), Ct);
        var writes = await writer.StopAsync();
        await ExecuteAsync(report, "ROLLBACK");

        GeneratedPlan.Log(result.StdErr);
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("could not lock public.users in ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"pid {pid} (application_name 'nightly-report', state idle in transaction", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("statement timeout", result.StdErr, StringComparison.Ordinal);
        Assert.False(await Db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'note')", Ct));
        Assert.True(writes.MaxLatency < Queued, $"a write queued behind the ALTER: {writes}");
    }

    /// <summary>
    /// The Done-when test of issue 11: the example's whole plan runs while one session holds ACCESS SHARE on users
    /// for 1.5 s out of every 2.5 s and another writes every 20 ms; no write waits 1 s or more. Each script starts just
    /// after the report query took its lock (the worst moment): a strong lock waiting for it in one piece, up to the
    /// 3 s lock_timeout, would queue the writes for about 1.5 s.
    /// </summary>
    [Fact]
    public async Task ExamplePlan_UnderRecurringReportQuery_NoWriteWaitsOneSecond()
    {
        const int rows = 20_000;
        using var plan = await GeneratedPlan.CreateAsync([GeneratedPlan.ExampleDir], 5000, Ct);
        var psql = new PsqlRunner(Db.ConnectionString) { Timeout = TimeSpan.FromSeconds(30) };
        await GeneratedPlan.RunOkAsync(psql, Path.Combine(GeneratedPlan.ExampleDir, "schema.sql"), Ct, "schema.sql");
        await Db.ExecuteAsync(
            $"""
            INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, {rows}) g;
            INSERT INTO user_emails (user_id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, {rows}) g;
            ANALYZE users;
            ANALYZE user_emails;
            """,
            Ct);

        using var stopReports = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var report = await Db.OpenSessionAsync(Ct);
        int reportPid = await ScalarAsync<int>(report, "SELECT pg_backend_pid()");
        var reports = RecurringReportAsync(report, stopReports.Token);
        ImmutableArray<WriteStatement> rename =
            [new("rename", "UPDATE users SET name = $1 WHERE id = $2", r => [$"renamed-{r.Next()}", (long)r.Next(1, rows + 1)])];
        var writer = await ConcurrentWriter.StartAsync(
            Db.ConnectionString, new ConcurrentWriterOptions { Statements = rename, Pause = TimeSpan.FromMilliseconds(20) }, Ct);
        WriterReport writes;
        int retried = 0;
        try
        {
            await writer.WaitForWritesAsync(10, Ct);
            foreach (var script in plan.Scripts)
            {
                // The worst moment: the report query has just taken its lock and holds it for 1.5 s more.
                await WaitForFreshHoldAsync(reportPid);
                var result = await GeneratedPlan.RunOkAsync(psql, script, Ct);
                retried += result.StdErr.Contains("lock not available", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        finally
        {
            writes = await writer.StopAsync();
            await writer.DisposeAsync();
            await stopReports.CancelAsync();
            int cycles = await reports;
            GeneratedPlan.Log(string.Create(CultureInfo.InvariantCulture, $"{cycles} report cycles; {retried} scripts retried a lock"));
        }

        GeneratedPlan.Log(string.Create(CultureInfo.InvariantCulture, $"writer: max wait {writes.MaxLatency.TotalMilliseconds:F1} ms; {writes}"));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"max write wait under the recurring report query: {writes.MaxLatency.TotalMilliseconds:F1} ms"));
        Assert.Empty(writes.Errors);
        Assert.True(writes.Writes >= 20, $"the writer barely ran: {writes}");
        Assert.True(writes.MaxLatency < Queued, $"a write waited 1 s or more: {writes}");
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE email IS NULL", Ct));
        Assert.True(await Db.ScalarAsync<bool>("SELECT to_regclass('public.user_emails') IS NULL", Ct), "user_emails still exists");
    }

    /// <summary>Waits until the session <paramref name="pid"/> does not hold a lock on users, then until it does again.</summary>
    private async Task WaitForFreshHoldAsync(int pid)
    {
        await using var connection = await Db.OpenConnectionAsync(Ct);
        string sql = $"SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = {pid} AND relation = 'public.users'::regclass AND granted)";
        foreach (bool holding in new[] { false, true })
        {
            for (var waited = TimeSpan.Zero; await ScalarAsync<bool>(connection, sql) != holding; waited += TimeSpan.FromMilliseconds(5))
            {
                Assert.True(waited < TimeSpan.FromSeconds(10), $"the report session {(holding ? "never took" : "never released")} its lock");
                await Task.Delay(TimeSpan.FromMilliseconds(5), Ct);
            }
        }
    }

    /// <summary>Holds ACCESS SHARE on users for 1.5 s out of every 2.5 s until stopped; returns how many times it did.</summary>
    private static async Task<int> RecurringReportAsync(NpgsqlConnection report, CancellationToken stop)
    {
        int cycles = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var hold = new NpgsqlCommand("BEGIN; LOCK TABLE users IN ACCESS SHARE MODE; SELECT pg_sleep(1.5); COMMIT", report))
                {
                    await hold.ExecuteNonQueryAsync(CancellationToken.None);
                }

                cycles++;
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return cycles;
    }

    private async Task<GeneratedPlan> PlanAsync(string change)
    {
        var dir = Directory.CreateTempSubdirectory("migplan-lock-retry-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "schema.sql"), Schema, Ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "change.sql"), change, Ct);
            var plan = await GeneratedPlan.CreateAsync([dir], 1000, Ct);
            await Db.ExecuteAsync(Schema, Ct);
            return plan;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task SeedUsersAsync(int rows) =>
        await Db.ExecuteAsync($"INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, {rows}) g; ANALYZE users", Ct);

    private Task<ConcurrentWriter> StartWriterAsync(ImmutableArray<WriteStatement> statements) =>
        ConcurrentWriter.StartAsync(Db.ConnectionString, new ConcurrentWriterOptions { Statements = statements, Pause = TimeSpan.FromMilliseconds(20) }, Ct);

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
