using System.Globalization;
using System.Text.RegularExpressions;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Backfill;

/// <summary>
/// A backfill writes what the UPDATE as written writes, and its verification tells when it did not: checked on
/// seeded tables on PostgreSQL, against the change run as written.
/// </summary>
public sealed partial class BackfillTruthTests(PgServer server) : PgTest(server)
{
    private const string UsersSchema = "CREATE TABLE users (id bigint PRIMARY KEY, role text NOT NULL, name text NOT NULL);\n";

    // 200 users, 40 of them admins.
    private const string UsersSeed = "INSERT INTO users SELECT g, CASE WHEN g % 5 = 0 THEN 'admin' ELSE 'user' END, 'user ' || g FROM generate_series(1, 200) g;\n";

    private const string AdminFlag = """
        ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
        UPDATE users SET is_admin = true WHERE role = 'admin';
        ALTER TABLE users DROP COLUMN role;
        """;

    [Fact]
    public async Task FlagAddedWithADefault_IsSetOnTheRowsTheUpdateMatches_BeforeTheOldColumnIsDropped()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, UsersSchema, UsersSeed, AdminFlag, Ct, batchSize: 50);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct);
        Assert.Equal(40L, await db.ScalarAsync<long>("SELECT count(*) FROM users WHERE is_admin", Ct));
    }

    [Fact]
    public async Task FlagBackfillVerification_ReportsTheRowsABackfillThatWroteNothingLeft()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, UsersSchema, UsersSeed, AdminFlag, Ct, batchSize: 50);
        var steps = rehearsal.Plan.Steps.ToList();
        int backfill = steps.FindIndex(s => s.GetProperty("id").GetString()!.Contains("backfill_users_is_admin", StringComparison.Ordinal));
        var verification = steps[backfill].GetProperty("verification");
        Assert.Equal("0", verification.GetProperty("expect").GetProperty("value").GetString());
        string check = verification.GetProperty("sql").GetString()!;

        // The copy where the backfill was skipped (or wrote nothing): the check must see the 40 admins without the flag.
        await using var skipped = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(skipped, Ct, upTo: backfill);
        Assert.Equal(40L, await skipped.ScalarAsync<long>(check, Ct));

        await using var done = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(done, Ct, upTo: backfill + 1);
        Assert.Equal(0L, await done.ScalarAsync<long>(check, Ct));
    }

    [Fact]
    public async Task TimeBasedUpdateVerification_UsesTheScriptsCutoff_SoRowsThatAgeInLaterDoNotFailIt()
    {
        // Whole days before today, as literals: every copy holds the same rows, whenever it is seeded.
        var today = DateTime.UtcNow.Date;
        string seed = "INSERT INTO events VALUES " + string.Join(", ", Enumerable.Range(1, 300).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"({g}, '{today.AddDays(-g):yyyy-MM-dd} 00:00:00+00', false)"))) + ";\n";
        const string Schema = "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, archived boolean NOT NULL DEFAULT false);\n";
        const string Change = "UPDATE events SET archived = true WHERE created_at < now() - interval '90 days';\n";
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, seed, Change, Ct, batchSize: 50);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);

        var step = Assert.Single(rehearsal.Plan.Steps, s => s.GetProperty("id").GetString()!.Contains("backfill_events_archived", StringComparison.Ordinal));
        string check = step.GetProperty("verification").GetProperty("sql").GetString()!;
        Assert.DoesNotContain("now()", check, StringComparison.Ordinal);
        await using var db = await rehearsal.SeededAsync(Ct);
        var psql = new PsqlRunner(db.ConnectionString);
        var run = await GeneratedPlan.RunOkAsync(psql, Path.Combine(rehearsal.Plan.Dir, step.GetProperty("script").GetString()!), Ct);
        string cutoff = FixedAt().Match(run.StdErr) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no 'time functions fixed at' NOTICE:\n" + run);

        // After the script: a row the cutoff did not reach, which a later now() would (it ages in 1 ms after the cutoff).
        string aged = $"INSERT INTO events VALUES (1000, '{cutoff}'::timestamptz - interval '90 days' + interval '1 millisecond', false);\nSELECT pg_sleep(0.05);\n";
        var inOtherSession = await psql.RunSqlAsync($"SET migplan.started_at = '{cutoff}';\n{aged}\\t on\n{check}\n", Ct);
        Assert.True(inOtherSession.Succeeded, inOtherSession.ToString());
        Assert.Equal("0", Last(inOtherSession.StdOut));

        // The same check against now() (as before the fix) counts that row.
        string withNow = check.Replace("(pg_catalog.current_setting('migplan.started_at')::timestamptz)", "now()", StringComparison.Ordinal);
        Assert.Equal(1L, await db.ScalarAsync<long>(withNow, Ct));

        // Without the setting the check fails rather than compare with now().
        var unset = await psql.RunSqlAsync(check + "\n", Ct);
        Assert.False(unset.Succeeded);
        Assert.Contains("migplan.started_at", unset.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueRoundedOnStore_PassesItsVerification()
    {
        const string Schema = "CREATE TABLE items (id bigint PRIMARY KEY, price numeric(10, 3) NOT NULL, cents integer);\n";
        const string Seed = "INSERT INTO items SELECT g, g * 0.125, NULL FROM generate_series(1, 300) g;\n";
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "UPDATE items SET cents = price * 100 + 0.4;\n", Ct, batchSize: 50);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);

        var step = Assert.Single(rehearsal.Plan.Steps, s => s.GetProperty("id").GetString()!.Contains("backfill_items_cents", StringComparison.Ordinal));
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct);
        Assert.Equal(0L, await db.ScalarAsync<long>(step.GetProperty("verification").GetProperty("sql").GetString()!, Ct));
    }

    private static string Last(string stdout) => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();

    [GeneratedRegex(@"time functions fixed at (\S+)")]
    private static partial Regex FixedAt();
}
