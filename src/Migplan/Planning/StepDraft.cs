using System.Collections.Immutable;

namespace Migplan.Planning;

/// <summary>Where a step goes inside its phase: earlier groups run first, then input order.</summary>
public enum StepGroup
{
    /// <summary>Ordinary steps, in input order.</summary>
    Main = 0,

    /// <summary>Steps that must follow every backfill of the phase (index builds on backfilled columns).</summary>
    AfterBackfill = 1,

    /// <summary>Destructive steps, last of all.</summary>
    Destructive = 2,
}

/// <summary>A step before it is numbered: what an operation produces.</summary>
public sealed record StepDraft(
    Phase Phase,
    string Slug,
    string Title,
    string Sql,
    bool Transactional,
    ImmutableArray<LockTaken> Locks,
    string Impact,
    Timeouts? Timeouts,
    Rollback Rollback,
    Verification Verification,
    Estimate Estimate,
    RiskLevel Risk,
    string RiskReason,
    ImmutableArray<string> Actions)
{
    public StepGroup Group { get; init; } = StepGroup.Main;

    /// <summary>A read-only query to run in the pre-migration checks (with a comment saying what it must return).</summary>
    public string? PreCheck { get; init; }

    /// <summary>
    /// For a grouped step: its SQL as pieces (a comment line and a statement per member), which renderers
    /// write one after another; <see cref="Sql"/> is then empty, so a large plan holds no merged copy.
    /// </summary>
    public ImmutableArray<string> SqlParts { get; init; } = [];

    public bool Destructive { get; init; }

    public bool Analysed { get; init; } = true;

    /// <summary>
    /// What kind of statement this is ("add_column", "check_not_null", ...): the part of the slug before
    /// its first '.'; null when the step is one of a kind. Steps of one kind on different tables can be
    /// grouped into one step in large plans.
    /// </summary>
    /// <summary>The same step without its prose (impact, reasons, actions, descriptions), to save memory in large plans.</summary>
    public StepDraft WithoutProse() => this with
    {
        Impact = string.Empty,
        RiskReason = string.Empty,
        Actions = [],
        Rollback = Rollback with { Description = string.Empty },
        Estimate = Estimate with { Basis = string.Empty },
    };

    /// <summary>This step with the prose of <paramref name="full"/> (the same step, generated again).</summary>
    public StepDraft WithProseOf(StepDraft full) => this with
    {
        Impact = full.Impact,
        RiskReason = full.RiskReason,
        Actions = full.Actions,
        Rollback = Rollback with { Description = full.Rollback.Description },
        Estimate = Estimate with { Basis = full.Estimate.Basis },
    };

    public string? Kind => Slug.IndexOf('.', StringComparison.Ordinal) is int i and > 0 ? Slug[..i] : null;
}

/// <summary>The session settings put before locking steps, and what to do when they fire.</summary>
public static class TimeoutPolicy
{
    public const string BriefLockTimeout = "3s";
    public const string BriefStatementTimeout = "5s";

    private const string RetryAdvice =
        "Nothing was changed (the statement was rolled back). Find the blocking session with the Monitoring query \"Blocked sessions\", " +
        "let it finish, and re-run this step's script (it is safe to re-run). Retry up to 5 times, 30 s apart; if it keeps timing out, " +
        "postpone to a quieter time rather than raising lock_timeout.";

    /// <summary>For a statement that takes a strong lock briefly and does no scan.</summary>
    public static Timeouts Brief { get; } = new("brief-lock", BriefLockTimeout, BriefStatementTimeout, RetryAdvice,
        "nothing changed; wait for the blocker to finish and re-run this script.");

    /// <summary>For a statement that scans under a lock that does not block reads or writes (VALIDATE CONSTRAINT).</summary>
    public static Timeouts LongScan { get; } = new("online-scan", BriefLockTimeout, "0",
        "A lock timeout means nothing was changed: find the blocker (Monitoring: \"Blocked sessions\") and re-run. " +
        "There is no statement timeout: the scan holds only SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes; " +
        "if it must be stopped, cancel it with pg_cancel_backend and re-run later (it starts over, nothing is left half-done).",
        "nothing changed; re-run once the blocker is gone. The scan itself has no time limit.");

    /// <summary>For a table-locking statement that rewrites or scans under a strong lock: it cannot be made online as written.</summary>
    public static Timeouts Window { get; } = new("window", BriefLockTimeout, "0",
        "A lock timeout means nothing was changed: re-run inside the maintenance window once the blocker is gone. " +
        "There is no statement timeout because the statement must finish once it holds the lock; cancelling it rolls everything back.",
        "nothing changed; re-run in the maintenance window once the blocker is gone.");

    /// <summary>For CREATE INDEX CONCURRENTLY: waits for older transactions are harmless to traffic.</summary>
    public static Timeouts ConcurrentIndex { get; } = new("concurrent", "0", "0",
        "No timeouts: CONCURRENTLY holds SHARE UPDATE EXCLUSIVE (reads and writes continue) and must wait for every older transaction; " +
        "a lock_timeout would cancel the build and leave an INVALID index. If the build is cancelled or fails, re-run the script: " +
        "it drops the INVALID index left behind and builds again.",
        "no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.");

    /// <summary>For a statement migplan did not analyse: bound the wait for its lock, whatever lock it takes.</summary>
    public static Timeouts Unanalysed { get; } = new("unanalysed", BriefLockTimeout, "0",
        "The statement was not analysed, so its lock is unknown: lock_timeout bounds the wait for it, so it cannot queue the application's " +
        "queries for long. A lock timeout means it did nothing; re-run it once the blocker is gone. There is no statement timeout: review how long it runs by hand.",
        "nothing changed; re-run once the blocker is gone (the lock it takes is unknown).");

    /// <summary>For a batched UPDATE that is not idempotent (it reads what it writes): never re-run it.</summary>
    public static Timeouts BackfillOnce { get; } = new("backfill-once", BriefLockTimeout, "0",
        "lock_timeout bounds each wait for a row locked by the application. On a timeout the current batch is rolled back and the batches " +
        "already committed stay. Do NOT run this script again: this UPDATE reads the columns it writes, so committed batches would be changed twice. " +
        "Finish the remaining keys by hand, starting after the last key the NOTICE lines reported, or restore the table's affected columns from the backup.",
        "committed batches stay; do NOT run it again (not idempotent): finish from the last reported key by hand.");

    /// <summary>For a batched backfill: row-lock waits are bounded, the DO block as a whole is not.</summary>
    public static Timeouts Backfill { get; } = new("backfill", BriefLockTimeout, "0",
        "lock_timeout bounds each wait for a row locked by the application. On a timeout the current batch is rolled back and " +
        "the batches already committed stay; re-run the script: it skips rows already done and continues (to skip re-reading the finished batches too, " +
        "run it with PGOPTIONS='-c migplan.resume_after=KEY', KEY being the last key a NOTICE reported). statement_timeout is 0 " +
        "because it would apply to the whole DO block, not to one batch.",
        "the current batch is rolled back, committed batches stay; re-run to continue.");
}
