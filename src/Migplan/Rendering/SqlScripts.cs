using Migplan.Planning;

namespace Migplan.Rendering;

/// <summary>
/// The forward script and the rollback script of each step, runnable as they are with
/// <c>psql -v ON_ERROR_STOP=1 -f FILE</c> outside a transaction block.
/// </summary>
public static class SqlScripts
{
    public static string Forward(Step step) => ToText(w => WriteForward(step, w));

    public static string Rollback(Step step) => ToText(w => WriteRollback(step, w));

    public static void WriteForward(Step step, TextWriter w)
    {
        w.Write($"-- Step {step.Number}: {step.Title}\n");
        w.Write($"-- Phase: {Names.Phase(step.Phase)}\n");
        foreach (var line in Names.LockLines(step.Locks))
        {
            w.Write("-- Lock: ");
            w.Write(line);
            w.Write('\n');
        }

        if (!step.Analysed)
        {
            w.Write("-- NOT ANALYSED: carried verbatim from the change; review by hand before running.\n");
        }

        w.Write($"-- Run: psql -X -v ON_ERROR_STOP=1 -f {step.ScriptPath}{(step.Transactional ? string.Empty : "   (not in a transaction block)")}\n");
        WriteSession(w, step.Id);
        WriteTimeouts(w, step.Timeouts);
        foreach (var piece in step.SqlPieces)
        {
            w.Write(piece);
        }
    }

    public static void WriteRollback(Step step, TextWriter w)
    {
        w.Write($"-- Rollback of step {step.Number}: {step.Title}\n");
        w.Write($"-- Data loss: {Names.DataLossText(step.Rollback.Loss)}. {step.Rollback.Description}\n");
        w.Write($"-- Run: psql -X -v ON_ERROR_STOP=1 -f {step.RollbackPath}\n");
        if (HasStatements(step.Rollback.Sql))
        {
            WriteSession(w, "rollback_" + step.Id);
            WriteTimeouts(w, step.Rollback.Timeouts ?? (step.Rollback.Sql.Contains("CONCURRENTLY", StringComparison.Ordinal) ? TimeoutPolicy.ConcurrentIndex : TimeoutPolicy.Brief));
        }

        w.Write(step.Rollback.Sql);
    }

    /// <summary>True when the SQL has a line that is neither blank nor a comment.</summary>
    public static bool HasStatements(string sql)
    {
        int start = 0;
        while (start < sql.Length)
        {
            int end = sql.IndexOf('\n', start);
            if (end < 0)
            {
                end = sql.Length;
            }

            var line = sql.AsSpan(start, end - start).Trim();
            if (line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            {
                return true;
            }

            start = end + 1;
        }

        return false;
    }

    private static string ToText(Action<TextWriter> write)
    {
        using var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(w);
        return w.ToString();
    }

    /// <summary>
    /// Every statement commits on its own even if a .psqlrc turned AUTOCOMMIT off (COMMIT inside DO and
    /// CONCURRENTLY need it), and the session is named so Monitoring can find it and a DBA can cancel it.
    /// </summary>
    private static void WriteSession(TextWriter w, string name)
    {
        w.Write("\\set AUTOCOMMIT on\n");
        w.Write($"SET application_name = 'migplan:{name}';\n");
    }

    private static void WriteTimeouts(TextWriter w, Timeouts? timeouts)
    {
        if (timeouts is null)
        {
            return;
        }

        w.Write($"-- On timeout ({timeouts.Policy}): {timeouts.Brief}\n");
        w.Write($"SET lock_timeout = '{timeouts.LockTimeout}';\n");
        w.Write($"SET statement_timeout = '{timeouts.StatementTimeout}';\n");
    }
}
