using System.Text.Json;
using System.Text.RegularExpressions;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.EndToEnd;

/// <summary>
/// Backfills planned in-process on tables whose primary key is composite
/// (<c>order_lines(order_id, line_no)</c>) or text (<c>skus(code)</c>), run with psql: every
/// row is updated exactly once across the keyset batches.
/// </summary>
public sealed class KeysetBatchingEndToEnd(PgServer server) : PgTest(server)
{
    private const int BatchSize = 5000;
    private const int OrderLines = 50_000; // 10,000 orders x 5 lines
    private const int Skus = 30_000;

    private const string Schema = """
        CREATE TABLE order_lines (
            order_id bigint NOT NULL,
            line_no int NOT NULL,
            qty int NOT NULL,
            PRIMARY KEY (order_id, line_no)
        );
        CREATE TABLE skus (
            code text PRIMARY KEY,
            name text NOT NULL
        );
        """;

    private const string Change = """
        ALTER TABLE order_lines ADD COLUMN note text;
        UPDATE order_lines SET note = 'x';
        ALTER TABLE skus ADD COLUMN label text;
        UPDATE skus SET label = upper(name);
        UPDATE order_lines SET qty = qty * 2;
        """;

    private const string Stats = """
        {"tables": {"public.order_lines": {"rows": 50000, "bytes": 4000000}, "public.skus": {"rows": 30000, "bytes": 2000000}}}
        """;

    /// <summary>qty before the change; the doubled value must be exactly twice this.</summary>
    private const string OriginalQty = "(line_no + order_id % 7)";

    private string? inputDir;
    private GeneratedPlan? plan;

    private GeneratedPlan Plan => plan ?? throw new InvalidOperationException("No plan yet.");

    private PsqlRunner Psql => new(Db.ConnectionString);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            await PrepareAsync();
        }
        catch
        {
            // xunit does not dispose a test class whose initialization failed.
            await DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync()
    {
        inputDir = Path.Combine(Path.GetTempPath(), $"migplan-e2e-in-{Guid.NewGuid():N}", "keyset-batching");
        Directory.CreateDirectory(inputDir);
        await File.WriteAllTextAsync(Path.Combine(inputDir, "schema.sql"), Schema, Ct);
        await File.WriteAllTextAsync(Path.Combine(inputDir, "change.sql"), Change, Ct);
        await File.WriteAllTextAsync(Path.Combine(inputDir, "stats.json"), Stats, Ct);
        plan = await GeneratedPlan.CreateAsync([inputDir], BatchSize, Ct);

        await Db.ExecuteAsync(Schema, Ct);
        // Line numbers inserted out of key order, and codes whose text order differs from their number order.
        await Db.ExecuteAsync(
            $"""
            INSERT INTO order_lines (order_id, line_no, qty)
            SELECT o, l, l + o % 7 FROM generate_series(1, {OrderLines / 5}) o, generate_series(5, 1, -1) l;
            INSERT INTO skus (code, name) SELECT 'sku-' || g, 'name ' || g FROM generate_series(1, {Skus}) g;
            ANALYZE order_lines;
            ANALYZE skus;
            """,
            Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        plan?.Dispose();
        plan = null;
        if (inputDir is not null && Directory.Exists(Path.GetDirectoryName(inputDir)))
        {
            Directory.Delete(Path.GetDirectoryName(inputDir)!, recursive: true);
        }

        inputDir = null;

        await base.DisposeAsync();
    }

    [Fact]
    public async Task CompositeAndTextKeyBackfills_UpdateEveryRowExactlyOnce()
    {
        var notes = new Dictionary<string, long?>();
        foreach (var script in Plan.Scripts)
        {
            var result = await GeneratedPlan.RunOkAsync(Psql, script, Ct);
            if (script.Contains("backfill", StringComparison.Ordinal))
            {
                notes[Path.GetFileName(script)] = GeneratedPlan.LastNoticeRowTotal(result);
            }
        }

        // Each backfill batched by the table's whole primary key, in 5,000-row batches.
        Assert.Contains(Actions(Plan.Step("backfill_order_lines_note")), a => a.StartsWith("Keyset batches of 5,000 rows by order_id, line_no,", StringComparison.Ordinal));
        Assert.Contains(Actions(Plan.Step("backfill_skus_label")), a => a.StartsWith("Keyset batches of 5,000 rows by code,", StringComparison.Ordinal));
        Assert.Equal(OrderLines, notes[Path.GetFileName(Plan.Script("backfill_order_lines_note"))]);
        Assert.Equal(Skus, notes[Path.GetFileName(Plan.Script("backfill_skus_label"))]);
        Assert.Equal(OrderLines, notes[Path.GetFileName(Plan.Script("backfill_order_lines_qty"))]);

        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM order_lines WHERE note IS DISTINCT FROM 'x'", Ct));
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM skus WHERE label IS DISTINCT FROM upper(name)", Ct));
        // Not idempotent: a row in two batches would be quadrupled, a skipped row left as it was.
        Assert.Equal(
            0L,
            await Db.ScalarAsync<long>($"SELECT count(*) FROM order_lines WHERE qty <> 2 * {OriginalQty}", Ct));
        Assert.Equal((long)OrderLines, await Db.ScalarAsync<long>("SELECT count(*) FROM order_lines", Ct));
    }

    [Fact]
    public async Task NonIdempotentBackfill_IsFlaggedNotIdempotent_AndARerunDoublesAgain()
    {
        var step = Plan.Step("backfill_order_lines_qty");
        Assert.Contains(Actions(step), a => a.StartsWith("Not idempotent", StringComparison.Ordinal));
        Assert.Equal("restore_from_backup", step.GetProperty("rollback").GetProperty("dataLoss").GetString());
        // The idempotent backfills skip rows already done (a new column: only rows where it IS NULL); this one cannot.
        Assert.Contains("order_lines.note IS NULL", PlanJsonSql.Of(Plan.Step("backfill_order_lines_note")), StringComparison.Ordinal);
        Assert.DoesNotContain("IS DISTINCT FROM", PlanJsonSql.Of(step), StringComparison.Ordinal);
        Assert.DoesNotContain("qty IS NULL", PlanJsonSql.Of(step), StringComparison.Ordinal);

        var script = Plan.Script("backfill_order_lines_qty");
        await GeneratedPlan.RunOkAsync(Psql, script, Ct, "1st run");
        Assert.Equal(0L, await Db.ScalarAsync<long>($"SELECT count(*) FROM order_lines WHERE qty <> 2 * {OriginalQty}", Ct));

        // What an operator following the script's "On timeout" advice ("re-run the script") gets.
        await GeneratedPlan.RunOkAsync(Psql, script, Ct, "2nd run");
        Assert.Equal(
            (long)OrderLines,
            await Db.ScalarAsync<long>($"SELECT count(*) FROM order_lines WHERE qty = 4 * {OriginalQty}", Ct));
    }

    /// <summary>
    /// Bug exposed: the non-idempotent step's own actions say "do not simply re-run", but its
    /// On-timeout advice is the generic backfill one: "re-run the script: it skips rows already
    /// done and continues" (plan.json, timeout policy "backfill") and "re-run to continue" (the
    /// script's header). For <c>SET qty = qty * 2</c> that is false: a re-run doubles every row
    /// of the committed batches again (see the test above).
    /// </summary>
    [Fact]
    public void NonIdempotentBackfill_OnTimeoutAdvice_DoesNotSayRerun()
    {
        const string RerunAdvice = @"re-run (the script|to continue)";
        var step = Plan.Step("backfill_order_lines_qty");
        var timeouts = step.GetProperty("timeouts");
        var onTimeout = Migplan.Rendering.Messages.English.Of(Migplan.Plans.Message.Of("on-timeout." + timeouts.GetProperty("policy").GetString()!));
        var header = File.ReadLines(Plan.Script("backfill_order_lines_qty"))
            .TakeWhile(l => l.StartsWith("--", StringComparison.Ordinal))
            .FirstOrDefault(l => l.StartsWith("-- On timeout", StringComparison.Ordinal)) ?? "";

        Assert.True(
            !Regex.IsMatch(onTimeout, RerunAdvice, RegexOptions.IgnoreCase),
            $"plan.json tells to re-run the non-idempotent step {step.GetProperty("id").GetString()} on timeout: {onTimeout}");
        Assert.True(
            !Regex.IsMatch(header, RerunAdvice, RegexOptions.IgnoreCase),
            $"{Path.GetFileName(Plan.Script("backfill_order_lines_qty"))} tells to re-run a non-idempotent backfill on timeout: {header}");
    }

    private static List<string> Actions(JsonElement step) =>
        [.. step.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("text").GetString()!)];
}
