using System.Collections.Immutable;
using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>
/// The forward script and the rollback script of each step, runnable as they are with
/// <c>psql -v ON_ERROR_STOP=1 -f FILE</c> outside a transaction block.
/// </summary>
public static class SqlScripts
{
    public static string Forward(Step step, ImmutableArray<Setting> session = default) => ToText(w => WriteForward(step, w, session));

    public static string Rollback(Step step, ImmutableArray<Setting> session = default) => ToText(w => WriteRollback(step, w, session));

    public static void WriteForward(Step step, TextWriter w, ImmutableArray<Setting> session = default)
    {
        w.Write(SqlText.Comment($"Step {step.Number}: {English.Of(step.Title)}"));
        w.Write($"-- Phase: {Names.Phase(step.Phase)}\n");
        foreach (var line in Names.LockLines(step.Locks))
        {
            w.Write(SqlText.Comment("Lock: " + line));
        }

        if (!step.Analysed)
        {
            w.Write("-- NOT ANALYSED: carried verbatim from the change; review by hand before running.\n");
        }

        w.Write($"-- Run: psql -X -v ON_ERROR_STOP=1 -f {step.ScriptPath}{(step.Transactional ? string.Empty : "   (not in a transaction block)")}\n");
        WriteSession(w, session, step.Settings, step.Timeouts);
        WriteCommands(w, step.Commands, step.Locks);
        GoNoGoScript.Write(w, step.GoNoGo);
    }

    public static void WriteRollback(Step step, TextWriter w, ImmutableArray<Setting> session = default)
    {
        var rollback = step.Rollback;
        w.Write(SqlText.Comment($"Rollback of step {step.Number}: {English.Of(step.Title)}"));
        w.Write(SqlText.Comment($"Data loss: {Names.DataLossText(rollback.Loss)}. {English.Of(rollback.Description)}"));
        w.Write($"-- Run: psql -X -v ON_ERROR_STOP=1 -f {step.RollbackPath}\n");
        if (!rollback.Commands.IsEmpty || rollback.StopsUnlessAccepted)
        {
            WriteSession(w, session, step.RollbackSettings, rollback.Timeouts);
        }

        if (rollback.ByHand is not null)
        {
            w.Write(StepCommands.AsComments(English.Of(rollback.ByHand)));
            w.Write(RollbackStop.Block(step));
        }
        else if (rollback.Commands.IsEmpty)
        {
            w.Write(Plans.Rollback.NothingToUndo);
        }

        WriteCommands(w, rollback.Commands, step.Locks);
    }

    /// <summary>
    /// The commands as psql runs them, one after another, each committed on its own: a label as a comment above
    /// its command; a command with a condition is sent by <c>\gexec</c> only when the condition holds (its text is a
    /// literal there, so nothing in it is read by psql); a command with a lock-retry policy inside the DO block that
    /// takes its lock in short attempts (<see cref="LockRetryScript"/>; <paramref name="locks"/>: whose holders its error names).
    /// </summary>
    public static void WriteCommands(TextWriter w, ImmutableArray<Command> commands, ImmutableArray<LockTaken> locks)
    {
        LockRetry? said = null;
        foreach (var c in commands)
        {
            if (c.LockRetry is not { } retry || c.OutsideTransaction || c.OnlyIf is not null || locks.IsDefault)
            {
                WritePlain(w, c);
                continue;
            }

            if (c.Label is not null)
            {
                w.Write(SqlText.Comment(English.Of(c.Label)));
            }

            // The policy in words, and the function its blocks call, once: again only when the policy changes.
            if (said is null)
            {
                w.Write(SqlText.Comment("Lock retry: " + English.LockRetryBrief(retry) + " " + English.LockRetryHelper));
                w.Write(LockRetryScript.Helper);
            }
            else if (!SamePolicy(said, retry))
            {
                w.Write(SqlText.Comment("Lock retry: " + English.LockRetryBrief(retry)));
            }

            said = retry;
            LockRetryScript.WriteTo(w, c, locks);
        }
    }

    /// <summary>The commands as a reader of the plan sees them: each statement as plan.json holds it (a lock-retry policy is stated once, in words).</summary>
    public static IEnumerable<string> Pieces(ImmutableArray<Command> commands)
    {
        foreach (var c in commands)
        {
            if (c.Label is not null)
            {
                yield return SqlText.Comment(English.Of(c.Label));
            }

            yield return Statement(c);
        }
    }

    /// <summary>A command without its lock-retry block: its label as a comment, then its statement, or the query that yields it to \gexec.</summary>
    private static void WritePlain(TextWriter w, Command c)
    {
        if (c.Label is not null)
        {
            w.Write(SqlText.Comment(English.Of(c.Label)));
        }

        w.Write(Statement(c));
    }

    private static string Statement(Command c) =>
        c.OnlyIf is null ? c.Sql : $"SELECT {SqlText.Literal(c.Sql.TrimEnd().TrimEnd(';'))} WHERE {c.OnlyIf}\n\\gexec\n";

    private static bool SamePolicy(LockRetry a, LockRetry b) =>
        a.AttemptTimeoutMs == b.AttemptTimeoutMs && a.Attempts == b.Attempts && a.MaxBackoffMs == b.MaxBackoffMs && a.BudgetMs == b.BudgetMs;

    /// <summary>The step's settings a reader of its SQL needs (all but the application name), as SET lines.</summary>
    public static string SettingLines(Step step) =>
        string.Concat(step.Settings.Where(s => s.Name != "application_name").Select(s => $"SET {s.Name} = {SetValue(s.Value)};\n"));

    /// <summary>Writes the forward script, failing when psql would read it as more than migplan wrote (see <see cref="Psql.InertScriptWriter"/>).</summary>
    public static void WriteForwardChecked(Step step, TextWriter w, string path, ImmutableArray<Setting> session = default) => Checked(w, path, c => WriteForward(step, c, session));

    /// <summary>Writes the rollback script, failing when psql would read it as more than migplan wrote.</summary>
    public static void WriteRollbackChecked(Step step, TextWriter w, string path, ImmutableArray<Setting> session = default) => Checked(w, path, c => WriteRollback(step, c, session));

    private static void Checked(TextWriter w, string path, Action<TextWriter> write)
    {
        using var checking = new Psql.InertScriptWriter(w, path);
        write(checking);
        checking.Check();
    }

    private static string ToText(Action<TextWriter> write)
    {
        using var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(w);
        return w.ToString();
    }

    /// <summary>
    /// Every statement commits on its own even if a .psqlrc turned AUTOCOMMIT off (COMMIT inside DO and
    /// CONCURRENTLY need it); then the plan's session settings (<see cref="SessionSettings.Pinned"/>: psql lexes
    /// the lines after standard_conforming_strings with it on, as the server does), then the step's own: its
    /// application name and timeouts (with what to do when they fire) and the rest.
    /// </summary>
    private static void WriteSession(TextWriter w, ImmutableArray<Setting> session, ImmutableArray<Setting> settings, Timeouts? timeouts)
    {
        w.Write("\\set AUTOCOMMIT on\n");
        foreach (var s in session.IsDefault ? SessionSettings.Pinned : session)
        {
            WriteSet(w, s);
        }

        foreach (var s in settings)
        {
            if (s.Name == "lock_timeout" && timeouts is not null)
            {
                w.Write(SqlText.Comment($"On timeout ({timeouts.Policy}): {English.OnTimeoutBrief(timeouts.Policy)}"));
            }

            WriteSet(w, s);
        }
    }

    private static void WriteSet(TextWriter w, Setting s) => w.Write($"SET {s.Name} = {SetValue(s.Value)};\n");

    /// <summary>
    /// A setting's value as SET takes it, meaning what set_config takes (plan.json's form): a list of plain lower-case
    /// names is written bare (<c>search_path = public, pg_temp</c>: as one literal it would be one schema named
    /// "public, pg_temp"), and so is one whose other items are quoted identifiers (<c>"$user", "App", pg_temp</c>);
    /// anything else as a literal. Setting names are plain names (the plan reader accepts no other).
    /// </summary>
    private static string SetValue(string value)
    {
        var items = value.Split(',', StringSplitOptions.TrimEntries);
        return items.All(IsPlainName) || (items.Length > 1 && items.All(i => IsPlainName(i) || IsQuotedName(i)))
            ? string.Join(", ", items)
            : SqlText.Literal(value);
    }

    private static bool IsQuotedName(string item) =>
        item.Length > 2 && item[0] == '"' && item[^1] == '"' && !item[1..^1].Replace("\"\"", "", StringComparison.Ordinal).Contains('"', StringComparison.Ordinal);

    private static bool IsPlainName(string item) =>
        item.Length > 0 && item[0] is >= 'a' and <= 'z' or '_' && item.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');
}
