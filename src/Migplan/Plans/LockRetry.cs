using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Migplan.Sql;

namespace Migplan.Plans;

/// <summary>
/// How a command takes its lock: in short attempts instead of one long wait, so the application's queries queue
/// behind a waiting lock for at most one attempt. Each attempt waits at most <see cref="AttemptTimeoutMs"/> for the
/// lock (lock_timeout for that attempt only); after a failed attempt (SQLSTATE 55P03, lock_not_available) the
/// command sleeps min(<see cref="MaxBackoffMs"/>, <see cref="FirstBackoffMs"/> · 2^(n-1)) times a random factor in
/// [0.5, 1.5) and tries again; it gives up after <see cref="Attempts"/> attempts, or before the next attempt could
/// end later than <see cref="BudgetMs"/> after the first began, with an error (55P03) naming the sessions that
/// hold locks on the step's tables. A failed attempt changes nothing (its statement is rolled back).
/// The sql/ scripts run the loop in a DO block around the statement; an executor running a command outside a
/// transaction block (where a DO block cannot hold it) applies the same policy itself.
/// </summary>
public sealed record LockRetry(int AttemptTimeoutMs, int Attempts, int MaxBackoffMs, int BudgetMs)
{
    /// <summary>The sleep after the first failed attempt; it doubles after each, up to <see cref="MaxBackoffMs"/>.</summary>
    public const int FirstBackoffMs = 25;

    /// <summary>
    /// The policy the planner gives commands that take a lock stronger than SHARE UPDATE EXCLUSIVE on an existing
    /// table: 200 ms attempts, at most 20, sleeps of up to 300 ms (450 ms with jitter), and in all no longer than the
    /// brief-lock policy's lock_timeout (3 s), which the single wait it replaces had. It stays below the brief-lock
    /// statement_timeout (5 s), which bounds the whole DO block, so the error names the blockers before that fires.
    /// </summary>
    public static LockRetry Default { get; } = new(200, 20, 300, 3000);

    /// <summary>
    /// The relations whose holders the error names, when they are not all the step locks: a grouped step runs the
    /// statements of many tables, and each names only its own. Empty: the step's locks.
    /// </summary>
    public ImmutableArray<QualifiedName> Relations { get; init; } = [];

    /// <summary>The words a command's SQL may start with when a DO block is to hold it (statements PL/pgSQL runs as SQL).</summary>
    private static readonly Regex Wrappable = new(
        @"\A\s*(ALTER|DROP|CREATE|LOCK|TRUNCATE|COMMENT|GRANT|REVOKE|CLUSTER|REINDEX)\s",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Why <paramref name="command"/> cannot carry this policy, or null when it can: the numbers must be in range,
    /// and a command that runs inside a transaction block must be one statement a DO block can hold as it is: an
    /// ALTER, DROP, CREATE, LOCK, ... ending with a semicolon, or a DO block migplan wrote (<c>DO $tag$ ... $tag$;</c>,
    /// its body nested as a block). A command with a condition (<see cref="Command.OnlyIf"/>) is sent by \gexec, which
    /// cannot hold a DO loop around it.
    /// </summary>
    public string? Problem(Command command)
    {
        if (AttemptTimeoutMs is < 1 or > 60_000 || Attempts is < 1 or > 1000 || MaxBackoffMs is < 0 or > 60_000 || BudgetMs < AttemptTimeoutMs || BudgetMs > 3_600_000)
        {
            return "attemptTimeoutMs must be 1..60000, attempts 1..1000, maxBackoffMs 0..60000, budgetMs attemptTimeoutMs..3600000";
        }

        if (command.OutsideTransaction)
        {
            return null;
        }

        if (command.OnlyIf is not null)
        {
            return "a command with onlyIf cannot be retried in the script";
        }

        if (Sql.SqlText.IsDoBlock(command.Sql))
        {
            return null;
        }

        return Wrappable.IsMatch(command.Sql) && command.Sql.TrimEnd().EndsWith(';')
            ? null
            : "only an ALTER, DROP, CREATE, LOCK, TRUNCATE, COMMENT, GRANT, REVOKE, CLUSTER or REINDEX statement ending with ';', or a DO block, can be retried in the script";
    }
}
