using System.Collections.Immutable;
using System.Diagnostics;
using Migplan.Rendering.Messages;

namespace Migplan.Verify;

/// <summary>
/// Runs one step of a plan on a scratch database as <c>apply</c> will (<see cref="StepSession"/>) and, when observing,
/// records what it did: the locks it took against those it declares (<see cref="LockCheck"/>), the relations it
/// rewrote, how long it took, its gate checks before it, and its verification and go/no-go checks after it.
/// </summary>
internal static class StepRunner
{
    /// <summary>Runs the step; every failure found is added to <paramref name="failures"/>, each naming the step.</summary>
    public static async Task<StepReport> RunAsync(ScratchServer server, string database, Plan plan, Step step, List<string> failures, CancellationToken ct)
    {
        await using var session = await StepSession.OpenAsync(server.For(database, "migplan verify"), plan.Session.AddRange(step.Settings), observe: true, ct).ConfigureAwait(false);
        var checks = ImmutableArray.CreateBuilder<(string, CheckResult)>();
        foreach (var gate in step.Gate.Checks)
        {
            await CheckAsync(session, step, gate, "gate check", checks, failures, ct).ConfigureAwait(false);
        }

        var before = await RelationSnapshot.ReadAsync(session.Connection, ct).ConfigureAwait(false);
        var startValue = await ExpectationCheck.BeforeAsync(session.Connection, step.Verification, ct).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var runs = await RunCommandsAsync(session, step.Commands, step.Locks, observe: true, ct).ConfigureAwait(false);
        var duration = watch.Elapsed;
        if (runs.FirstOrDefault(r => r.Failed) is { } failed)
        {
            string statement = FirstLine(step.Commands[failed.Index].Sql);
            string error = $"{failed.Error!.MessageText} (SQLSTATE {failed.Error.SqlState})";
            failures.Add($"step {step.Id}: command {failed.Index + 1} ({statement}) failed: {error}");
            return new StepReport(step.Id, step.Number, step.Analysed, duration, runs, [], null, [], null, checks.ToImmutable(), step.Commands[failed.Index].Sql, error);
        }

        var after = await RelationSnapshot.ReadAsync(session.Connection, ct).ConfigureAwait(false);
        var locks = LockCheck.Compare(step, before, runs.SelectMany(r => r.Locks));
        foreach (var l in locks.Where(l => l.Failed))
        {
            failures.Add(l.Verdict == LockVerdict.Undeclared
                ? $"step {step.Id}: took {PlanIds.Lock(l.Mode)} on {l.Relation}, which the step does not declare"
                : $"step {step.Id}: took {PlanIds.Lock(l.Mode)} on {l.Relation}{(l.CountedAs is { } t ? $" (counted as its table {t})" : string.Empty)}, stronger than the declared {PlanIds.Lock(l.Declared!.Value)}");
        }

        var strong = locks.Where(l => PgLocks.IsStrong(l.Mode) && l.Verdict != LockVerdict.NewObject).MaxBy(l => l.Held);
        long rowsChanged = session.ReportedRows >= 0 ? session.ReportedRows : runs.Where(r => !r.Skipped).Sum(r => Math.Max(0, r.Rows));
        var verification = await ExpectationCheck.CheckAsync(session.Connection, step.Verification, startValue, rowsChanged, ct).ConfigureAwait(false);
        if (verification.Failed)
        {
            failures.Add($"step {step.Id}: verification expected {verification.Expected}, got {verification.Actual}");
        }

        foreach (var g in step.GoNoGo.Where(g => g.Blocking && !g.Optional))
        {
            await CheckAsync(session, step, g.Check, "go/no-go check", checks, failures, ct).ConfigureAwait(false);
        }

        var rewritten = before.RewrittenIn(after).Select(r => r.Key).ToImmutableArray();
        return new StepReport(step.Id, step.Number, step.Analysed, duration, runs, locks, strong, rewritten, verification, checks.ToImmutable(), null, null);
    }

    /// <summary>Runs commands in order until one fails (its run is the last one returned).</summary>
    public static async Task<ImmutableArray<CommandRun>> RunCommandsAsync(StepSession session, ImmutableArray<Command> commands, ImmutableArray<LockTaken> locks, bool observe, CancellationToken ct)
    {
        var runs = ImmutableArray.CreateBuilder<CommandRun>(commands.Length);
        for (int i = 0; i < commands.Length; i++)
        {
            var run = await session.RunAsync(i, commands[i], locks, observe, ct).ConfigureAwait(false);
            runs.Add(run);
            if (run.Failed)
            {
                break;
            }
        }

        return runs.ToImmutable();
    }

    /// <summary>The first line of a statement that is not blank or a comment, shortened: how a failure names it.</summary>
    public static string FirstLine(string sql)
    {
        string line = sql.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)) ?? sql.Trim();
        return line.Length > 100 ? line[..100] + "…" : line;
    }

    private static async Task CheckAsync(StepSession session, Step step, Verification check, string kind, ImmutableArray<(string, CheckResult)>.Builder checks, List<string> failures, CancellationToken ct)
    {
        var result = await ExpectationCheck.CheckAsync(session.Connection, check, null, 0, ct).ConfigureAwait(false);
        string label = check.Label is { } m ? English.Of(m) : FirstLine(check.Sql);
        checks.Add((label, result));
        if (result.Failed)
        {
            failures.Add($"step {step.Id}: {kind} \"{label}\" expected {result.Expected}, got {result.Actual}");
        }
    }
}
