using System.Text.Json;
using Migplan.IntegrationTests.EndToEnd;

namespace Migplan.IntegrationTests.Support;

/// <summary>
/// Plans a change written as a team writes it and proves the plan on PostgreSQL: the change as written
/// (the naive change) and the plan's forward scripts each run on their own copy of the same seeded schema,
/// and must end with the same schema (<see cref="SchemaFingerprint"/>, column order aside) and the same rows;
/// from every rollback point, the rollbacks run in reverse return the schema (and, where nothing is lost,
/// the rows) to that point's start.
/// </summary>
public sealed class PlanRehearsal : IDisposable
{
    private readonly PgServer server;
    private readonly string schema;
    private readonly string? seed;
    private readonly string change;

    private PlanRehearsal(PgServer server, string schema, string? seed, string change, GeneratedPlan plan)
    {
        this.server = server;
        this.schema = schema;
        this.seed = seed;
        this.change = change;
        Plan = plan;
    }

    /// <summary>The plan of <c>change</c> over <c>schema</c> (with <c>stats</c> when given).</summary>
    public GeneratedPlan Plan { get; }

    /// <summary>
    /// Plans <paramref name="change"/> over <paramref name="schema"/>. <paramref name="seed"/> (INSERTs) fills the
    /// tables of every copy the rehearsal makes; <paramref name="statsJson"/> is stats.json, to plan as for big tables.
    /// </summary>
    public static async Task<PlanRehearsal> CreateAsync(
        PgServer server, string schema, string? seed, string change, CancellationToken ct, string? statsJson = null, int batchSize = 1000)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"migplan-rehearsal-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "schema.sql"), schema, ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "change.sql"), change, ct);
            if (statsJson is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "stats.json"), statsJson, ct);
            }

            var plan = await GeneratedPlan.CreateAsync([dir], batchSize, ct);
            return new PlanRehearsal(server, schema, seed, change, plan);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A new database with the schema and the seed rows (dispose it).</summary>
    public async Task<ScratchDatabase> SeededAsync(CancellationToken ct)
    {
        var db = await server.CreateScratchDatabaseAsync(ct);
        try
        {
            var psql = new PsqlRunner(db.ConnectionString);
            Assert.True((await psql.RunSqlAsync(schema, ct)) is { Succeeded: true } s, "schema failed");
            if (seed is not null)
            {
                var result = await psql.RunSqlAsync(seed, ct);
                Assert.True(result.Succeeded, $"seed failed: {result}");
            }

            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the change as written (psql, ON_ERROR_STOP) on a seeded copy, then <paramref name="intent"/> if given; the result, failed or not.</summary>
    public async Task<(PsqlResult Result, string Schema, string Data)> RunNaiveAsync(CancellationToken ct, string? intent = null)
    {
        await using var db = await SeededAsync(ct);
        var result = await new PsqlRunner(db.ConnectionString).RunSqlAsync(intent is null ? change : change + "\n" + intent, ct);
        return (result, await SchemaFingerprint.OfAsync(db, ct), await SchemaFingerprint.DataOfAsync(db, ct));
    }

    /// <summary>Runs every forward script in order on <paramref name="db"/>, asserting each succeeds.</summary>
    public async Task RunForwardAsync(ScratchDatabase db, CancellationToken ct, int? upTo = null)
    {
        var psql = new PsqlRunner(db.ConnectionString);
        var scripts = ForwardScripts();
        for (int i = 0; i < (upTo ?? scripts.Count); i++)
        {
            await GeneratedPlan.RunOkAsync(psql, scripts[i], ct);
        }
    }

    /// <summary>
    /// The naive change succeeds, and the plan's forward scripts end with the same schema (column order aside)
    /// and the same rows in every table. <paramref name="intent"/>, when given, runs after the change as written: what
    /// the plan does on purpose beyond it (a serial's sequence widened with its column).
    /// </summary>
    public async Task AssertEndsLikeNaiveAsync(CancellationToken ct, string? intent = null)
    {
        var naive = await RunNaiveAsync(ct, intent);
        Assert.True(naive.Result.Succeeded, $"the change as written failed: {naive.Result}");
        await using var db = await SeededAsync(ct);
        await RunForwardAsync(db, ct);
        SchemaFingerprint.AssertSame(naive.Schema, await SchemaFingerprint.OfAsync(db, ct), "schema after the plan vs the change as written");
        SchemaFingerprint.AssertSame(naive.Data, await SchemaFingerprint.DataOfAsync(db, ct), "rows after the plan vs the change as written");
    }

    /// <summary>
    /// From every rollback point k (after step k) up to the first step whose rollback cannot run unattended
    /// (by hand, or a class other than those in <paramref name="rehearsedLoss"/>), runs steps 1..k, then the
    /// rollbacks k..1, on a fresh seeded copy: the schema must be the start's, and the rows too when every
    /// rolled-back step's class is "none". Returns how many points were rehearsed.
    /// </summary>
    public async Task<int> AssertRollbacksFromEveryPointAsync(CancellationToken ct, params string[] rehearsedLoss)
    {
        var allowed = rehearsedLoss.Length == 0 ? ["none", "new_objects_only"] : rehearsedLoss;
        var steps = Plan.Steps.ToList();
        string startSchema;
        string startData;
        await using (var start = await SeededAsync(ct))
        {
            startSchema = await SchemaFingerprint.OfAsync(start, ct);
            startData = await SchemaFingerprint.DataOfAsync(start, ct);
        }

        int rehearsed = 0;
        for (int k = 1; k <= steps.Count; k++)
        {
            var rollback = steps[k - 1].GetProperty("rollback");
            if (rollback.TryGetProperty("byHand", out var byHand) && byHand.ValueKind != JsonValueKind.Null
                || !allowed.Contains(rollback.GetProperty("dataLoss").GetString()))
            {
                break;
            }

            await using var db = await SeededAsync(ct);
            var psql = new PsqlRunner(db.ConnectionString);
            for (int i = 0; i < k; i++)
            {
                await GeneratedPlan.RunOkAsync(psql, Path.Combine(Plan.Dir, steps[i].GetProperty("script").GetString()!), ct);
            }

            for (int i = k - 1; i >= 0; i--)
            {
                await GeneratedPlan.RunOkAsync(psql, Path.Combine(Plan.Dir, steps[i].GetProperty("rollback").GetProperty("script").GetString()!), ct,
                    $"rollback of step {i + 1} (from point {k})");
            }

            SchemaFingerprint.AssertSame(startSchema, await SchemaFingerprint.OfAsync(db, ct), $"schema after rolling back from step {k}");
            if (steps.Take(k).All(s => s.GetProperty("rollback").GetProperty("dataLoss").GetString() == "none"))
            {
                SchemaFingerprint.AssertSame(startData, await SchemaFingerprint.DataOfAsync(db, ct), $"rows after rolling back from step {k}");
            }

            rehearsed++;
        }

        return rehearsed;
    }

    private IReadOnlyList<string> ForwardScripts() =>
        [.. Plan.Steps.Select(s => Path.Combine(Plan.Dir, s.GetProperty("script").GetString()!))];

    public void Dispose() => Plan.Dispose();
}
