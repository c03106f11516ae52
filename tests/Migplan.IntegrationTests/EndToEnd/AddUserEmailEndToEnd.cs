using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.EndToEnd;

/// <summary>
/// The bundled example (<c>examples/add-user-email</c>), planned in-process with batches of
/// 5,000 rows and run script by script with psql on a filled scratch database.
/// </summary>
public sealed class AddUserEmailEndToEnd(PgServer server) : PgTest(server)
{
    private const int BatchSize = 5000;

    /// <summary>How long one script may run under load in <see cref="ExamplePlan_RunsOnline_WhileUsersIsWritten"/>.</summary>
    private static readonly TimeSpan ScriptBound = TimeSpan.FromSeconds(20);

    /// <summary>First id the application's writers hand out (existing users are 1..rows).</summary>
    private const long AppIdStart = 10_000_001;

    private GeneratedPlan? plan;

    private GeneratedPlan Plan => plan ?? throw new InvalidOperationException("No plan yet.");

    private PsqlRunner Psql => new(Db.ConnectionString);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            plan = await GeneratedPlan.CreateAsync([GeneratedPlan.ExampleDir], BatchSize, Ct);
        }
        catch
        {
            // xunit does not dispose a test class whose initialization failed.
            await DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        plan?.Dispose();
        plan = null;
        await base.DisposeAsync();
    }

    [Fact]
    public async Task ExamplePlan_RunsOnline_WhileUsersIsWritten()
    {
        const int rows = 200_000;
        await CreateExampleAsync(rows);

        // The application version running before step 2 keeps every address in user_emails.
        var oldApp = ImmutableStatements(
            new WriteStatement(
                "old-app insert",
                "WITH u AS (INSERT INTO users (id, name) VALUES (nextval('app_user_ids'), $1) RETURNING id) " +
                "INSERT INTO user_emails (user_id, email) SELECT id, 'user' || id || '@example.com' FROM u",
                r => [$"writer-{r.Next()}"]),
            RenameRandomUser(rows));

        // The version deployed once step 2 added the column writes users.email itself.
        var newApp = ImmutableStatements(
            new WriteStatement(
                "new-app insert",
                "INSERT INTO users (id, name, email) SELECT v, $1, 'user' || v || '@example.com' FROM nextval('app_user_ids') v",
                r => [$"writer-{r.Next()}"]),
            RenameRandomUser(rows));

        var reports = new List<(string App, WriterReport Report)>();
        var timings = new List<string>();
        var scripts = Plan.Scripts;
        var addColumn = Plan.Script("add_column");
        int next = 0;
        await using var blocking = await BlockingObserver.StartAsync(Db, Ct);

        await using (var writer = await StartWriterAsync(oldApp))
        {
            await writer.WaitForWritesAsync(20, Ct);
            while (next < scripts.Count && string.CompareOrdinal(scripts[next], addColumn) <= 0)
            {
                await RunTimedAsync(scripts[next++], timings);
            }

            reports.Add(("old app", await writer.StopAsync()));
        }

        // What every pre-existing user (and every user the old version created) must end up with.
        await Db.ExecuteAsync("CREATE TABLE test_expected_emails AS TABLE user_emails", Ct);

        await using (var writer = await StartWriterAsync(newApp))
        {
            await writer.WaitForWritesAsync(20, Ct);
            while (next < scripts.Count)
            {
                await RunTimedAsync(scripts[next++], timings);
            }

            await writer.WaitForWritesAsync(writer.Writes + 20, Ct);
            reports.Add(("new app", await writer.StopAsync()));
        }

        var blocked = await blocking.StopAsync();
        foreach (var line in timings)
        {
            GeneratedPlan.Log(line);
        }

        foreach (var (app, report) in reports)
        {
            GeneratedPlan.Log($"{app} writer: {report}");
        }

        GeneratedPlan.Log($"blocking: {blocked}");

        var errors = reports.SelectMany(r => r.Report.Errors.Select(e => $"{r.App}: {e}")).ToList();
        Assert.True(errors.Count == 0, $"writer errors:\n{string.Join("\n", errors)}");
        foreach (var (app, report) in reports)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{app} writer: max latency {report.MaxLatency.TotalMilliseconds:F1} ms, p99 latency {report.P99Latency.TotalMilliseconds:F1} ms, {report.Writes} writes"));
            Assert.True(report.Writes >= 20, $"{app} writer barely ran: {report}");
            Assert.True(
                report.MaxLatency < TimeSpan.FromSeconds(1),
                $"{app} writer blocked ≥ 1 s: {report}; blocking episodes: {blocked}");
        }

        Assert.Equal("character varying(255) NOT NULL", await EmailColumnAsync());
        Assert.True(await IndexValidAsync("public.idx_users_email"), "idx_users_email missing or invalid");
        Assert.True(await Db.ScalarAsync<bool>("SELECT to_regclass('public.user_emails') IS NULL", Ct), "user_emails still exists");
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE email IS NULL", Ct));
        var expected = await Db.ScalarAsync<long>("SELECT count(*) FROM test_expected_emails", Ct);
        Assert.True(expected > rows, $"the old app's users are missing from user_emails: {expected}");
        Assert.Equal(
            0L,
            await Db.ScalarAsync<long>(
                "SELECT count(*) FROM test_expected_emails e LEFT JOIN users u ON u.id = e.user_id " +
                "WHERE u.email IS DISTINCT FROM e.email",
                Ct));
    }

    [Fact]
    public async Task ExamplePlan_BatchHasNoFullScanOfJoinedTable()
    {
        await CreateExampleAsync(200_000);
        await GeneratedPlan.RunOkAsync(Psql, Plan.Script("add_column"), Ct);
        await Db.ExecuteAsync("ANALYZE users; ANALYZE user_emails", Ct);

        var body = PlanJsonSql.Of(Plan.Step("backfill"));
        var start = body.IndexOf("UPDATE", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no UPDATE in the backfill step:\n{body}");
        var end = body.IndexOf(';', start);
        var update = body[start..end];
        Assert.Matches(@"\bmigplan_lo_1\b", update);
        Assert.Matches(@"\bmigplan_hi_1\b", update);
        var batch = Regex.Replace(Regex.Replace(update, @"\bmigplan_lo_1\b", "1000"), @"\bmigplan_hi_1\b", "11000");

        await using var connection = await Db.OpenConnectionAsync(Ct);
        var nodes = await ExplainInspector.NodesAsync(connection, batch, Ct);
        GeneratedPlan.Log($"{batch}\n=> {string.Join(", ", nodes)}");

        Assert.DoesNotContain(new PlanNode("Seq Scan", "users"), nodes);
        Assert.DoesNotContain(new PlanNode("Seq Scan", "user_emails"), nodes);
    }

    [Fact]
    public async Task ExamplePlan_EveryRollbackScriptRuns()
    {
        const int rows = 20_000;
        await CreateExampleAsync(rows);
        foreach (var script in Plan.Scripts)
        {
            await GeneratedPlan.RunOkAsync(Psql, script, Ct);
        }

        var restoreFromBackup = new List<string>();
        foreach (var rollback in Plan.Rollbacks.Reverse())
        {
            var name = "rollback/" + Path.GetFileName(rollback);
            var header = File.ReadLines(rollback).FirstOrDefault(l => l.StartsWith("-- Data loss:", StringComparison.Ordinal));
            Assert.True(header is not null, $"{name} has no '-- Data loss:' header");
            if (header.StartsWith("-- Data loss: restore from backup", StringComparison.Ordinal))
            {
                restoreFromBackup.Add(Path.GetFileName(rollback));
                Assert.True(RollbackStops.Stops(rollback), $"{name} says restore from backup but does not stop");
            }

            var result = await RollbackStops.RunAsync(Db.ConnectionString, rollback, Ct);
            Assert.True(result.Succeeded, $"{name}: {result}");
        }

        // Only the drop of user_emails is irreversible in SQL.
        Assert.Equal(["11_drop_table_user_emails.sql"], restoreFromBackup);
        Assert.Equal(
            0L,
            await Db.ScalarAsync<long>(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.users'::regclass AND attname = 'email' AND NOT attisdropped",
                Ct));
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'idx_users_email'", Ct));
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_not_null'", Ct));
        Assert.True(await Db.ScalarAsync<bool>("SELECT to_regclass('public.user_emails') IS NULL", Ct), "user_emails came back");
        Assert.Equal((long)rows, await Db.ScalarAsync<long>("SELECT count(*) FROM users", Ct));
    }

    [Fact]
    public async Task ExamplePlan_ScriptsAreRerunnable()
    {
        const int rows = 20_000;
        await CreateExampleAsync(rows);
        foreach (var script in Plan.Scripts)
        {
            var first = await GeneratedPlan.RunOkAsync(Psql, script, Ct, Path.GetFileName(script) + " (1st run)");
            var second = await GeneratedPlan.RunOkAsync(Psql, script, Ct, Path.GetFileName(script) + " (2nd run)");
            if (script == Plan.Script("backfill"))
            {
                // The re-run finds every row done and changes none.
                Assert.Equal(rows, GeneratedPlan.LastNoticeRowTotal(first));
                Assert.Equal(0, GeneratedPlan.LastNoticeRowTotal(second));
            }
        }

        Assert.Equal("character varying(255) NOT NULL", await EmailColumnAsync());
        Assert.True(await IndexValidAsync("public.idx_users_email"), "idx_users_email missing or invalid");
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_not_null'", Ct));
        Assert.Equal(
            0L,
            await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE email IS DISTINCT FROM 'user' || id || '@example.com'", Ct));
    }

    /// <summary>The example's schema.sql, <paramref name="rows"/> users each with an address, analysed.</summary>
    private async Task CreateExampleAsync(int rows)
    {
        await GeneratedPlan.RunOkAsync(Psql, Path.Combine(GeneratedPlan.ExampleDir, "schema.sql"), Ct, "schema.sql");
        await Db.ExecuteAsync(
            $"""
            INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, {rows}) g;
            INSERT INTO user_emails (user_id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, {rows}) g;
            CREATE SEQUENCE app_user_ids START {AppIdStart};
            ANALYZE users;
            ANALYZE user_emails;
            """,
            Ct);
    }

    private static WriteStatement RenameRandomUser(int rows) =>
        new("rename", "UPDATE users SET name = $1 WHERE id = $2", r => [$"renamed-{r.Next()}", (long)r.Next(1, rows + 1)]);

    private static System.Collections.Immutable.ImmutableArray<WriteStatement> ImmutableStatements(params WriteStatement[] statements) =>
        [.. statements];

    private Task<ConcurrentWriter> StartWriterAsync(System.Collections.Immutable.ImmutableArray<WriteStatement> statements) =>
        ConcurrentWriter.StartAsync(Db.ConnectionString, new ConcurrentWriterOptions { Statements = statements }, Ct);

    /// <summary>
    /// Runs one script under load, bounded by <see cref="ScriptBound"/> (every script of this plan
    /// takes a few seconds at most here): a script still running then is reported, not waited for.
    /// </summary>
    private async Task RunTimedAsync(string script, List<string> timings)
    {
        var name = Path.GetFileName(script);
        var watch = Stopwatch.StartNew();
        var newUsersBefore = await NewUsersAsync();
        try
        {
            await GeneratedPlan.RunOkAsync(new PsqlRunner(Db.ConnectionString) { Timeout = ScriptBound }, script, Ct);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            var newUsersAfter = await NewUsersAsync();
            Assert.Fail(
                $"{name} did not finish within {ScriptBound.TotalSeconds:F0} s while the application kept inserting users " +
                $"({newUsersAfter - newUsersBefore} inserted meanwhile, ids from {AppIdStart}). Steps done: " +
                $"{string.Join(", ", timings)}." +
                (name.Contains("backfill", StringComparison.Ordinal)
                    ? " The keyset loop takes its next lower bound from the table as it is now (SELECT id ... WHERE id > migplan_hi_1) " +
                      "and has no upper bound fixed at the start, so it keeps following rows inserted after it started and ends only " +
                      "once no row was inserted during one batch and its pause."
                    : ""));
        }

        timings.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {watch.ElapsedMilliseconds} ms"));
    }

    private async Task<long> NewUsersAsync() =>
        await Db.ScalarAsync<long>($"SELECT count(*) FROM users WHERE id >= {AppIdStart}", Ct);

    private async Task<bool> IndexValidAsync(string index) =>
        await Db.ScalarAsync<bool>(
            $"SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('{index}')), false)", Ct);

    /// <summary>users.email as "TYPE NOT NULL" / "TYPE NULL", or "missing".</summary>
    private async Task<string> EmailColumnAsync() =>
        await Db.ScalarAsync<string>(
            "SELECT coalesce((SELECT format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE ' NULL' END " +
            "FROM pg_attribute WHERE attrelid = 'public.users'::regclass AND attname = 'email' AND NOT attisdropped), 'missing')",
            Ct);
}
