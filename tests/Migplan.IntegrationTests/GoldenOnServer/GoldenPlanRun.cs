using System.Diagnostics;
using System.Globalization;
using System.Text;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.PgDump;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.GoldenOnServer;

/// <summary>
/// Runs one golden case's committed plan on a scratch database with psql, as a DBA would:
/// <list type="number">
/// <item>input/schema.sql (it must be valid PostgreSQL), then the case's seed rows in <see cref="GoldenRunMode.Seeded"/>;</item>
/// <item>every <c>expected/sql/NN_*.sql</c> in file-name order: each must exit 0, and the step's verification
/// query from plan.json must then print its expected value;</item>
/// <item>the rollback of every script that ran, in reverse order: each must exit 0 (one that cannot undo its step
/// must first stop, and then run with migplan.accept_data_loss on);</item>
/// <item>the schema (pg_dump --schema-only) must then be what it was before the first script;</item>
/// </list>
/// except for the <see cref="GoldenKnownDeviations"/> of the case, which must happen exactly as listed.
/// </summary>
public sealed class GoldenPlanRun(ScratchDatabase db, GoldenCaseFolder golden, GoldenRunMode mode)
{
    private const int ScriptLinesShown = 40;

    private readonly PsqlRunner psql = new(db.ConnectionString);

    public async Task RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var name = golden.Name;
        var expectedDeviations = GoldenKnownDeviations.For(name, mode).ToList();
        var seen = new List<GoldenDeviation>();
        if (golden.PgVersion is { } version && version != 15)
        {
            GeneratedPlan.Log($"{name}: planned for PostgreSQL {version} (args.txt), run on PostgreSQL 15");
        }

        var schema = await psql.RunFileAsync(golden.SchemaFile, ct);
        Assert.True(schema.Succeeded, $"{name}: input/schema.sql is not valid on PostgreSQL 15:\n{schema.StdErr}");
        if (mode == GoldenRunMode.Seeded)
        {
            var seed = await psql.RunSqlAsync(GoldenSeeds.ByCase[name], ct);
            Assert.True(seed.Succeeded, $"{name}: the seed rows (GoldenSeeds) do not load:\n{seed.StdErr}");
        }

        var dump = new PgDumpRunner(db.ConnectionString);
        var before = PgDumpRunner.ComparableLines(await dump.SchemaOnlyAsync(ct));
        var verifications = golden.Verifications();
        var ran = new List<string>();
        foreach (var script in golden.Scripts)
        {
            var file = Path.GetFileName(script);
            var result = await psql.RunFileAsync(script, ct);
            ran.Add(script);
            if (expectedDeviations.OfType<ScriptFails>().SingleOrDefault(d => d.Script == file) is { } fails)
            {
                Assert.False(
                    result.Succeeded,
                    $"{name} ({mode}): {file} was expected to fail ({fails.Why}) but exited 0: if the plan was fixed, remove it from GoldenKnownDeviations.");
                Assert.True(
                    result.StdErr.Contains(fails.Error, StringComparison.Ordinal),
                    $"{name} ({mode}): {file} failed, but not with the known error \"{fails.Error}\":\n{Describe(script, result)}");
                seen.Add(fails);
                GeneratedPlan.Log($"{name} ({mode}): {file} fails as known: {fails.Error}");
                break;
            }

            Assert.True(result.Succeeded, $"{name} ({mode}): forward script failed:\n{Describe(script, result)}");
            if (verifications.TryGetValue(file, out var verification))
            {
                string actual;
                try
                {
                    actual = await QueryAsync(verification.Sql, ct, FixedTime(result));
                }
                catch (Npgsql.PostgresException e)
                {
                    Assert.Fail($"{name} ({mode}): the verification of {file} (plan.json) fails on the server: {e.SqlState} {e.MessageText}\n{verification.Sql}");
                    throw;
                }

                if (expectedDeviations.OfType<VerificationPrints>().SingleOrDefault(d => d.Script == file) is { } prints)
                {
                    Assert.True(
                        actual == prints.Actual && actual != verification.Expected,
                        $"{name} ({mode}): the verification of {file} was known to print '{prints.Actual}' instead of '{verification.Expected}' " +
                        $"but printed '{actual}': if the plan was fixed, remove it from GoldenKnownDeviations.\n{verification.Sql}");
                    seen.Add(prints);
                }
                else
                {
                    Assert.True(
                        actual == verification.Expected,
                        $"{name} ({mode}): {file} exited 0 but its verification (plan.json) printed '{actual}', expected '{verification.Expected}':\n{verification.Sql}");
                }
            }
        }

        if (ran.Count == golden.Scripts.Count)
        {
            Assert.Equal(
                golden.Scripts.Select(Path.GetFileName),
                golden.Rollbacks.Select(Path.GetFileName));
        }

        foreach (var script in Enumerable.Reverse(ran))
        {
            var rollback = golden.RollbackOf(script);
            Assert.True(File.Exists(rollback), $"{name}: no rollback/{Path.GetFileName(script)}");
            var result = await RollbackStops.RunAsync(db.ConnectionString, rollback, ct);
            Assert.True(result.Succeeded, $"{name} ({mode}): rollback script failed:\n{Describe(rollback, result)}");
        }

        var after = PgDumpRunner.ComparableLines(await dump.SchemaOnlyAsync(ct));
        var difference = Difference(before, after);
        if (expectedDeviations.OfType<SchemaNotRestored>().SingleOrDefault() is { } notRestored)
        {
            Assert.True(
                difference.Lines.Contains(notRestored.Residue),
                $"{name} ({mode}): after every rollback the schema was known to keep '{notRestored.Residue}' ({notRestored.Why}), " +
                $"but the difference is:\n{difference}\nIf the plan was fixed, remove it from GoldenKnownDeviations.");
            seen.Add(notRestored);
        }
        else
        {
            Assert.True(
                difference.Lines.Count == 0 && before.SequenceEqual(after),
                $"{name} ({mode}): after every rollback the schema (pg_dump --schema-only) differs from the schema before the plan:\n{difference}");
        }

        var missing = expectedDeviations.Except(seen).ToList();
        Assert.True(
            missing.Count == 0,
            $"{name} ({mode}): known deviations that did not happen (fixed? remove them from GoldenKnownDeviations):\n" +
            string.Join("\n", missing));
        GeneratedPlan.Log(string.Create(
            CultureInfo.InvariantCulture,
            $"{name} ({mode}): {ran.Count}/{golden.Scripts.Count} scripts, {ran.Count} rollbacks in {watch.ElapsedMilliseconds} ms"));
    }

    /// <summary>The time a batch loop fixed its time functions at, as its NOTICE printed it; null when it printed none.</summary>
    private static string? FixedTime(PsqlResult result)
    {
        const string Marker = "time functions fixed at ";
        int at = result.StdErr.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? null : result.StdErr[(at + Marker.Length)..].Split('\n')[0].Trim();
    }

    /// <summary>
    /// Runs a verification query and formats its result as <c>psql -At</c> prints it; in a session of its own, as an
    /// operator would, given the script's fixed time (<c>migplan.started_at</c>) when the script printed one.
    /// </summary>
    private async Task<string> QueryAsync(string sql, CancellationToken ct, string? fixedTime = null)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (fixedTime is not null)
        {
            await using var set = connection.CreateCommand();
            set.CommandText = "SELECT pg_catalog.set_config('migplan.started_at', $1, false)";
            set.Parameters.Add(new Npgsql.NpgsqlParameter { Value = fixedTime });
            await set.ExecuteNonQueryAsync(ct);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            var fields = new string[reader.FieldCount];
            for (int i = 0; i < reader.FieldCount; i++)
            {
                fields[i] = reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
                {
                    bool b => b ? "t" : "f",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString() ?? "",
                };
            }

            rows.Add(string.Join("|", fields));
        }

        return string.Join("\n", rows);
    }

    /// <summary>The script's name, psql's stderr and the script's first lines.</summary>
    private string Describe(string script, PsqlResult result)
    {
        var relative = Path.GetRelativePath(golden.ExpectedDir, script);
        var lines = File.ReadLines(script).Take(ScriptLinesShown + 1).ToList();
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"script: {relative} (psql exit {result.ExitCode})")
            .AppendLine("--- stderr")
            .AppendLine(result.StdErr.TrimEnd())
            .AppendLine(CultureInfo.InvariantCulture, $"--- first {ScriptLinesShown} lines of {relative}");
        foreach (var line in lines.Take(ScriptLinesShown))
        {
            text.AppendLine(line);
        }

        if (lines.Count > ScriptLinesShown)
        {
            text.AppendLine("...");
        }

        return text.ToString();
    }

    /// <summary>Lines of pg_dump only before (<c>- line</c>) and only after (<c>+ line</c>): a multiset difference.</summary>
    private sealed record SchemaDifference(IReadOnlyList<string> Lines)
    {
        public override string ToString() =>
            Lines.Count == 0 ? "(the same lines in another order)" : string.Join("\n", Lines.Take(80)) + (Lines.Count > 80 ? "\n..." : "");
    }

    private static SchemaDifference Difference(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        static IEnumerable<string> Minus(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            var counts = b.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var line in a)
            {
                if (counts.TryGetValue(line, out var n) && n > 0)
                {
                    counts[line] = n - 1;
                }
                else if (line.Trim().Length > 0 && line.Trim() != "--")
                {
                    yield return line;
                }
            }
        }

        return new SchemaDifference([.. Minus(before, after).Select(l => "- " + l), .. Minus(after, before).Select(l => "+ " + l)]);
    }
}
