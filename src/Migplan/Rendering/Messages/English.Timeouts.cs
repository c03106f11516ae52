namespace Migplan.Rendering.Messages;

/// <summary>
/// What to do when a timeout policy fires (<see cref="TimeoutPolicy"/>): <c>on-timeout.POLICY</c> in full (Guidelines,
/// Execution Steps), <c>on-timeout-brief.POLICY</c> in one short sentence (each script's comment).
/// </summary>
public sealed partial class English
{
    private const string RetryAdvice =
        "Nothing was changed (the statement was rolled back). Find the blocking session with the Monitoring query \"Blocked sessions\", " +
        "let it finish, and re-run this step's script (it is safe to re-run). Retry up to 5 times, 30 s apart; if it keeps timing out, " +
        "postpone to a quieter time rather than raising lock_timeout.";

    /// <summary>A lock-retry loop's error when it gives up (RAISE format: tables, attempts, attempt ms, time spent, blockers).</summary>
    public const string LockRetryFailed = "migplan: could not lock % in % attempts of % ms each (% in all); held by: %";

    /// <summary>The blockers' part of that error when no session holds a lock on the tables any more.</summary>
    public const string LockRetryNoBlockers = "no session any more (the blockers finished after the last attempt)";

    /// <summary>The hint of that error.</summary>
    public const string LockRetryHint = "Nothing was changed. Let the sessions named finish (or stop them), then re-run this script.";

    /// <summary>A lock-retry loop's notice after a failed attempt (RAISE format: attempt, seconds to sleep).</summary>
    public const string LockRetryNotice = "migplan: lock not available (attempt %); trying again in % s";

    /// <summary>The lock-retry policy of a step's commands, in one sentence.</summary>
    public static string LockRetryBrief(LockRetry r) => FormattableString.Invariant(
        $"the lock is taken in attempts of {r.AttemptTimeoutMs} ms (at most {r.Attempts}, {r.BudgetMs / 1000.0:0.#} s in all), with a growing, jittered pause of up to {r.MaxBackoffMs * 1.5:0} ms between them, so the application's queries never queue behind it for longer than one attempt; if it is still held, the script fails naming the sessions that hold it.");

    /// <summary>What the function defined after the policy's sentence is for (the first wrapped statement of a script).</summary>
    public const string LockRetryHelper =
        "Each statement that takes such a lock runs in a DO block below; after a failed attempt it calls pg_temp.migplan_lock_wait, defined here for this session, which sleeps before the next attempt or raises the error.";

    /// <summary>The lock-retry policy of a step, in a few words (the step's entry in migration-plan.md; the Guidelines say the rest).</summary>
    public static string LockRetryShort(LockRetry r) => FormattableString.Invariant(
        $"attempts of {r.AttemptTimeoutMs} ms, at most {r.Attempts} and {r.BudgetMs / 1000.0:0.#} s in all, with jittered pauses between them (see Guidelines): queries on the table queue behind it for one attempt at most, not for the whole lock_timeout.");

    /// <summary>What the lock-retry policy is and what to do when it gives up, in full (Guidelines).</summary>
    public const string LockRetryFull =
        "Steps that take a lock stronger than SHARE UPDATE EXCLUSIVE on an existing table take it in short attempts: a waiting lock queues every query " +
        "on the table behind it, so each attempt waits only a fraction of a second (its own lock_timeout), then lets the queue drain during a growing, " +
        "jittered pause before the next. When the attempts are spent, the script stops with lock_not_available (55P03) naming the sessions holding " +
        "locks on the table (pid, application_name, state, transaction age, query): nothing was changed; let them finish or stop them, and re-run. " +
        "Commands that cannot run inside a transaction block get the same policy from the executor (plan.json's lockRetry).";

    /// <summary>What to do on a timeout under <paramref name="policy"/>, in full.</summary>
    public static string OnTimeout(string policy) => Of(Message.Of("on-timeout." + policy));

    /// <summary>The same, in one short sentence for a script's comment.</summary>
    public static string OnTimeoutBrief(string policy) => Of(Message.Of("on-timeout-brief." + policy));

    private static IEnumerable<KeyValuePair<string, string>> Timeouts() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["on-timeout.brief-lock"] = RetryAdvice,
        ["on-timeout-brief.brief-lock"] = "nothing changed; wait for the blocker to finish and re-run this script.",
        ["on-timeout.online-scan"] = "A lock timeout means nothing was changed: find the blocker (Monitoring: \"Blocked sessions\") and re-run. " +
        "There is no statement timeout: the scan holds only SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes; " +
        "if it must be stopped, cancel it with pg_cancel_backend and re-run later (it starts over, nothing is left half-done).",
        ["on-timeout-brief.online-scan"] = "nothing changed; re-run once the blocker is gone. The scan itself has no time limit.",
        ["on-timeout.window"] = "A lock timeout means nothing was changed: re-run inside the maintenance window once the blocker is gone. " +
        "There is no statement timeout because the statement must finish once it holds the lock; cancelling it rolls everything back.",
        ["on-timeout-brief.window"] = "nothing changed; re-run in the maintenance window once the blocker is gone.",
        ["on-timeout.concurrent"] = "No timeouts: CONCURRENTLY holds SHARE UPDATE EXCLUSIVE (reads and writes continue) and must wait for every older transaction; " +
        "a lock_timeout would cancel the build and leave an INVALID index. If the build is cancelled or fails, re-run the script: " +
        "it drops the INVALID index left behind and builds again.",
        ["on-timeout-brief.concurrent"] = "no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.",
        ["on-timeout.unanalysed"] = "The statement was not analysed, so its lock is unknown: lock_timeout bounds the wait for it, so it cannot queue the application's " +
        "queries for long. A lock timeout means it did nothing; re-run it once the blocker is gone. There is no statement timeout: review how long it runs by hand.",
        ["on-timeout-brief.unanalysed"] = "nothing changed; re-run once the blocker is gone (the lock it takes is unknown).",
        ["on-timeout.backfill-once"] = "lock_timeout bounds each wait for a row locked by the application. On a timeout the current batch is rolled back and the batches " +
        "already committed stay. Do NOT run this script again: this UPDATE reads the columns it writes, so committed batches would be changed twice. " +
        "Finish the remaining keys by hand, starting after the last key the NOTICE lines reported, or restore the table's affected columns from the backup.",
        ["on-timeout-brief.backfill-once"] = "committed batches stay; do NOT run it again (not idempotent): finish from the last reported key by hand.",
        ["on-timeout.backfill"] = "lock_timeout bounds each wait for a row locked by the application. On a timeout the current batch is rolled back and " +
        "the batches already committed stay; re-run the script: it skips rows already done and continues (to skip re-reading the finished batches too, " +
        "run it with PGOPTIONS='-c migplan.resume_after=KEY', KEY being the last key a NOTICE reported). statement_timeout is 0 " +
        "because it would apply to the whole DO block, not to one batch.",
        ["on-timeout.copy-once"] = "lock_timeout bounds each wait for a lock the application holds. On a timeout or any error the current batch is rolled back and " +
        "the batches already committed stay. Do NOT run this script from the start again: the rows of committed batches would be inserted twice. Continue " +
        "after the last key a NOTICE reported with PGOPTIONS='-c migplan.resume_after=KEY' (a source with a one-column key), or delete what was inserted and start over. " +
        "statement_timeout is 0 because it would apply to the whole DO block, not to one batch.",
        ["on-timeout-brief.copy-once"] = "committed batches stay; do NOT re-run from the start: continue with migplan.resume_after=KEY (the last key reported).",
        ["on-timeout-brief.backfill"] = "the current batch is rolled back, committed batches stay; re-run to continue.",
    };
}
