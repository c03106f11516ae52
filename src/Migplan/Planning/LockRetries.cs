using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Migplan.Planning;

/// <summary>
/// Gives <see cref="LockRetry.Default"/> to every command that takes a lock stronger than SHARE UPDATE EXCLUSIVE on a
/// table that exists before the plan runs (a waiting ACCESS EXCLUSIVE queues every read and write of the table behind
/// it, for as long as it waits), in the step and in its rollback. A command of its own commits on its own (AUTOCOMMIT),
/// so no lock outlives it: each lock-taking command gets the policy, not only a step's first. A command that takes
/// several tables' locks (dropping a foreign key locks both tables) is retried as a whole, and its error names the
/// holders on every table the step locks. Commands that only read (a DO block checking the catalog, a SELECT) are
/// left as they are (a replacement's DO block is given the policy where it is merged, see Ordering/Replacements). Unanalysed
/// statements are left as written: their locks are not known.
/// </summary>
internal static class LockRetries
{
    /// <summary>A statement word that takes a table lock (DDL), at the start of a line of the command's text.</summary>
    private static readonly Regex TakesLock = new(
        @"^\s*(ALTER|DROP|CREATE|LOCK|TRUNCATE|COMMENT|CLUSTER|REINDEX|VACUUM)\s",
        RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    /// <summary>Whether a relation (as a lock names it) is a table the change creates.</summary>
    public static Func<string, bool> IsNewTable(Dictionary<string, TableSize> sizes) =>
        t => sizes.TryGetValue(t, out var size) && size.RowsSource == SizeSource.NewTable;

    /// <summary>Gives the policy to the draft's lock-taking commands; commands already given one (the draft was grouped after) are kept as they are.</summary>
    public static StepDraft Apply(StepDraft draft, Func<string, bool> isNewTable)
    {
        if (!draft.Analysed || !draft.Locks.Any(l => l.Mode > LockMode.ShareUpdateExclusive && !isNewTable(l.Target)))
        {
            return draft;
        }

        var commands = Mark(draft.Commands);
        var rollback = draft.Rollback with { Commands = Mark(draft.Rollback.Commands) };
        var actions = draft.Actions;
        if (commands.Any(c => c.OutsideTransaction && c.LockRetry is not null))
        {
            actions = actions.Add(Message.Of("action.lock-retry-by-executor"));
        }

        return draft with { Commands = commands, Rollback = rollback, Actions = actions };
    }

    /// <summary>Gives the policy to a rollback rebuilt after the draft was given it (<see cref="RollbackRenames"/>).</summary>
    public static Rollback ApplyToRollback(StepDraft draft, Rollback rollback, Func<string, bool> isNewTable) =>
        !draft.Analysed || !draft.Locks.Any(l => l.Mode > LockMode.ShareUpdateExclusive && !isNewTable(l.Target))
            ? rollback
            : rollback with { Commands = Mark(rollback.Commands) };

    private static ImmutableArray<Command> Mark(ImmutableArray<Command> commands) =>
        !commands.Any(c => c.LockRetry is not null) && commands.Any(Retried) ? [.. commands.Select(c => Retried(c) ? c with { LockRetry = LockRetry.Default } : c)] : commands;

    private static bool Retried(Command c) =>
        c.LockRetry is null && TakesLock.IsMatch(c.Sql) && LockRetry.Default.Problem(c) is null;
}
