using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Migplan.Live;
using Migplan.Sql;
using Npgsql;

namespace Migplan.Verify;

/// <summary>What <c>migplan verify</c> was asked to do.</summary>
/// <param name="PlanSha256">plan.json's sha256 (hex): its first 12 digits name the scratch databases.</param>
public sealed record VerifyRequest(Plan Plan, string PlanSha256, ConnectionSpec Scratch, IReadOnlyList<SourceText> Schema, IReadOnlyList<SourceText> Change)
{
    /// <summary>--rows: synthetic rows on the largest table (<see cref="SyntheticRows"/>), the others in proportion; null or 0: none.</summary>
    public long? Rows { get; init; }

    /// <summary>--keep: leave the scratch databases for inspection.</summary>
    public bool Keep { get; init; }

    public IProgress<string>? Progress { get; init; }
}

/// <summary>A report (exit 0 or 1), or why verify could not run (bad input, unreachable server: exit 2).</summary>
public sealed record VerifyOutcome(VerifyReport? Report, ImmutableArray<string> Errors)
{
    /// <summary>The scratch databases left behind (--keep).</summary>
    public ImmutableArray<string> Kept { get; init; } = [];

    /// <summary>Leftovers of crashed runs dropped first.</summary>
    public ImmutableArray<string> DroppedLeftovers { get; init; } = [];
}

/// <summary>
/// <c>migplan verify</c>: rehearses a plan on scratch databases (see docs/verify.md). The start database gets the
/// plan's schema; a copy runs every step observed (<see cref="StepRunner"/>); another runs the change as written and is
/// compared with the plan's end; every rollback point is copied from the forward database right after its step and runs
/// the rollbacks back (<see cref="RollbackRehearsal"/>). Every database is dropped at the end, on failure and on cancellation, unless kept.
/// </summary>
public static class Verifier
{
    public static async Task<VerifyOutcome> RunAsync(VerifyRequest request, CancellationToken ct)
    {
        ScratchServer server;
        try
        {
            server = await ScratchServer.OpenAsync(request.Scratch, request.PlanSha256[..12], ct).ConfigureAwait(false);
        }
        catch (ServerFault fault)
        {
            return new VerifyOutcome(null, [fault.Message]);
        }

        await using (server.ConfigureAwait(false))
        {
            var dropped = ImmutableArray<string>.Empty;
            bool finished = false;
            try
            {
                dropped = [.. await server.ClaimAsync(ct).ConfigureAwait(false)];
                var outcome = await RehearseAsync(server, request, ct).ConfigureAwait(false);
                finished = true;
                return outcome with { DroppedLeftovers = dropped, Kept = request.Keep ? [.. server.Created] : [] };
            }
            catch (ServerFault fault)
            {
                return new VerifyOutcome(null, [fault.Message]) { DroppedLeftovers = dropped };
            }
            catch (Exception e) when (e is not OperationCanceledException && ServerFault.IsServerError(e))
            {
                return new VerifyOutcome(null, [$"cannot verify on {server.Server}: {ServerFault.Describe(e)}"]) { DroppedLeftovers = dropped };
            }
            finally
            {
                if (!(finished && request.Keep))
                {
                    try
                    {
                        await server.DropAllAsync().ConfigureAwait(false);
                    }
                    catch (Exception e) when (ServerFault.IsServerError(e))
                    {
                        // The server went away: the next run drops what is left (nobody is connected to it).
                    }
                }
            }
        }
    }

    private static async Task<VerifyOutcome> RehearseAsync(ScratchServer server, VerifyRequest request, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var plan = request.Plan;
        var failures = new List<string>();
        var notes = new List<string>();
        var progress = request.Progress;

        progress?.Report($"loading the schema into {server.Prefix} on {server.Server}");
        string start = await CreateAsync(server, string.Empty, null, ct).ConfigureAwait(false);
        await using (var connection = new NpgsqlConnection(server.For(start, "migplan verify").ConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            if (await SqlLoader.RunAsync(connection, request.Schema, PsqlSyntax.Tolerated, ct).ConfigureAwait(false) is { } failure)
            {
                return new VerifyOutcome(null, [$"{failure.Location}: the schema does not load on {server.Server}: {failure.Error}"]);
            }
        }

        // Synthetic rows go into the start database here, before its state is read and copied: every copy (the plan's,
        // the change as written's, each rollback point's) starts with the same rows.
        if (request.Rows is > 0 and var rows)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"writing synthetic rows ({rows:N0} on the largest table)"));
            await using var connection = new NpgsqlConnection(server.For(start, "migplan verify").ConnectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var options = new SyntheticRowsOptions
            {
                LargestTableRows = rows,
                TableRows = plan.Tables.Where(t => t.RowsSource != SizeSource.NewTable).ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal),
            };
            var filled = await SyntheticRows.FillAsync(connection, options, ct).ConfigureAwait(false);
            progress?.Report("ANALYZE");
            await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
            {
                await analyze.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            notes.Add(string.Create(CultureInfo.InvariantCulture, $"synthetic rows: {filled.TotalRows:N0} in {filled.Tables.Length} table(s), {rows:N0} on the largest (seed 0)"));
            notes.AddRange(filled.Problems.Select(p => "synthetic rows: " + Rendering.Messages.English.Of(p)));
        }
        else
        {
            notes.Add("the tables hold what the schema leaves in them (no synthetic rows: give --rows N)");
        }
        int major = server.MajorVersion;
        if (major != plan.PgVersion)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"the plan was made for PostgreSQL {plan.PgVersion} and is verified on PostgreSQL {major}: locks, rewrites and the end state may differ between versions"));
        }

        progress?.Report("reading the start's schema and row checksums");
        var startState = await StartState.ReadAsync(server, start, ct).ConfigureAwait(false);

        string forward = await CreateAsync(server, "_plan", start, ct).ConfigureAwait(false);
        var steps = ImmutableArray.CreateBuilder<StepReport>();
        var rollbacks = new RollbackRehearsal(server, startState, plan, failures, progress);
        foreach (var step in plan.Steps)
        {
            progress?.Report($"step {step.Id}");
            var report = await StepRunner.RunAsync(server, forward, plan, step, failures, ct).ConfigureAwait(false);
            steps.Add(report);
            if (report.Error is not null)
            {
                break;
            }

            // The step's session is closed: the point after it is copied from the forward database now.
            await rollbacks.AfterStepAsync(steps.Count, forward, ct).ConfigureAwait(false);
        }

        bool completed = steps.Count == plan.Steps.Length && steps.All(s => s.Error is null);
        var equivalence = completed
            ? await EquivalenceAsync(server, start, forward, request.Change, failures, progress, ct).ConfigureAwait(false)
            : new EquivalenceReport("not_run", "the plan did not run to its end");
        var version = server.Version;
        return new VerifyOutcome(
            new VerifyReport(server.Server, version, server.Prefix, request.Rows, request.PlanSha256, steps.ToImmutable(), rollbacks.Reports, equivalence, [.. failures], [.. notes], watch.Elapsed),
            []);
    }

    private static async Task<EquivalenceReport> EquivalenceAsync(
        ScratchServer server, string start, string forward, IReadOnlyList<SourceText> change, List<string> failures, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report("the change as written");
        string naive = await CreateAsync(server, "_naive", start, ct).ConfigureAwait(false);
        await using (var connection = new NpgsqlConnection(server.For(naive, "migplan verify: the change as written").ConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            if (await SqlLoader.RunAsync(connection, change, PsqlSyntax.Refused, ct).ConfigureAwait(false) is { } failure)
            {
                return new EquivalenceReport("naive_failed", $"the change as written fails at {failure}");
            }
        }

        progress?.Report("comparing the end states");
        var planEnd = await StartState.ReadAsync(server, forward, ct).ConfigureAwait(false);
        var naiveEnd = await StartState.ReadAsync(server, naive, ct).ConfigureAwait(false);
        if (SchemaFingerprint.Differences(naiveEnd.Schema, planEnd.Schema) is { } schemaDiff)
        {
            failures.Add("end state: the schema after the plan differs from the change as written's (- change as written only, + plan only):\n" + schemaDiff);
            return new EquivalenceReport("different", schemaDiff);
        }

        if (SchemaFingerprint.Differences(naiveEnd.Rows, planEnd.Rows) is { } rowsDiff)
        {
            failures.Add("end state: the rows after the plan differ from the change as written's (- change as written only, + plan only):\n" + rowsDiff);
            return new EquivalenceReport("different", rowsDiff);
        }

        return new EquivalenceReport("equal", null);
    }

    private static async Task<string> CreateAsync(ScratchServer server, string suffix, string? template, CancellationToken ct)
    {
        try
        {
            return await server.CreateAsync(suffix, template, ct).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new ServerFault($"cannot create a scratch database on {server.Server}: {e.MessageText} (SQLSTATE {e.SqlState})");
        }
    }
}
