using System.Collections.Immutable;

namespace Migplan.Verify;

/// <summary>What verify observed of one step.</summary>
/// <param name="Error">The server's error when a command failed (the command's index and text are in <see cref="FailedCommand"/>).</param>
/// <param name="LongestStrongHold">The longest a lock of SHARE or stronger was seen held, and on what; null when none was taken.</param>
/// <param name="Rewritten">Relations whose file node changed (rewritten, or truncated), as <c>schema.name</c>.</param>
public sealed record StepReport(
    string Id,
    int Number,
    bool Analysed,
    TimeSpan Duration,
    ImmutableArray<CommandRun> Commands,
    ImmutableArray<ObservedLock> Locks,
    ObservedLock? LongestStrongHold,
    ImmutableArray<string> Rewritten,
    CheckResult? Verification,
    ImmutableArray<(string Label, CheckResult Result)> Checks,
    string? FailedCommand,
    string? Error);

/// <summary>A rollback point (after step <see cref="Point"/>) and what rolling back from it did.</summary>
/// <param name="Status"><c>restored</c>, <c>failed</c>, or <c>not_rehearsed</c> (a rollback up to it needs a person).</param>
public sealed record RollbackReport(int Point, string StepId, string Status, bool RowsCompared, string? Detail);

/// <summary>The plan's end state against the change as written.</summary>
/// <param name="Status"><c>equal</c>, <c>different</c>, <c>naive_failed</c> (the change as written fails: not the plan's fault), <c>not_run</c>.</param>
public sealed record EquivalenceReport(string Status, string? Detail);

/// <summary>Everything one verify run found; <see cref="Failures"/> empty means exit 0.</summary>
public sealed record VerifyReport(
    string Server,
    string ServerVersion,
    string Database,
    long? Rows,
    string PlanSha256,
    ImmutableArray<StepReport> Steps,
    ImmutableArray<RollbackReport> Rollbacks,
    EquivalenceReport Equivalence,
    ImmutableArray<string> Failures,
    ImmutableArray<string> Notes,
    TimeSpan Duration)
{
    public bool Passed => Failures.IsEmpty;
}
