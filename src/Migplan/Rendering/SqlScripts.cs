using Migplan.Planning;
using Migplan.Sql;

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
        w.Write(SqlText.Comment($"Step {step.Number}: {step.Title}"));
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
        WriteSession(w, step.Id);
        WriteTimeouts(w, step.Timeouts);
        foreach (var piece in step.SqlPieces)
        {
            w.Write(piece);
        }
    }

    public static void WriteRollback(Step step, TextWriter w)
    {
        w.Write(SqlText.Comment($"Rollback of step {step.Number}: {step.Title}"));
        w.Write(SqlText.Comment($"Data loss: {Names.DataLossText(step.Rollback.Loss)}. {step.Rollback.Description}"));
        w.Write($"-- Run: psql -X -v ON_ERROR_STOP=1 -f {step.RollbackPath}\n");
        if (HasStatements(step.Rollback.Sql))
        {
            WriteSession(w, "rollback_" + step.Id);
            WriteTimeouts(w, step.Rollback.Timeouts ?? (step.Rollback.Sql.Contains("CONCURRENTLY", StringComparison.Ordinal) ? TimeoutPolicy.ConcurrentIndex : TimeoutPolicy.Brief));
        }

        w.Write(step.Rollback.Sql);
    }

    /// <summary>Writes the forward script, failing when psql would read it as more than migplan wrote (see <see cref="Psql.InertScriptWriter"/>).</summary>
    public static void WriteForwardChecked(Step step, TextWriter w, string path) => Checked(w, path, c => WriteForward(step, c));

    /// <summary>Writes the rollback script, failing when psql would read it as more than migplan wrote.</summary>
    public static void WriteRollbackChecked(Step step, TextWriter w, string path) => Checked(w, path, c => WriteRollback(step, c));

    private static void Checked(TextWriter w, string path, Action<TextWriter> write)
    {
        using var checking = new Psql.InertScriptWriter(w, path);
        write(checking);
        checking.Check();
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
    /// The search path every script runs with, whatever the role's or database's setting: the schema the plan
    /// resolved unqualified names in (objects the change creates unqualified land there), and the session's
    /// temporary schema last instead of first. pg_catalog is not listed, so PostgreSQL searches it before both:
    /// an object someone created in public with a built-in's name and argument types cannot stand in for it.
    /// Built-in functions are also called qualified (pg_catalog.pg_sleep), because a function in public whose
    /// argument types match a call exactly wins over a built-in that needs a cast.
    /// </summary>
    public const string SearchPath = "public, pg_temp";

    /// <summary>
    /// Every statement commits on its own even if a .psqlrc turned AUTOCOMMIT off (COMMIT inside DO and
    /// CONCURRENTLY need it); psql reads the rest of the script as UTF-8 even where PGCLIENTENCODING names an
    /// encoding whose multibyte characters can hold a backslash byte (SJIS, GBK); string literals mean what the plan shows whatever the database's or role's
    /// standard_conforming_strings says (psql lexes the lines after this one with it on, as the server does);
    /// the search path is pinned (see <see cref="SearchPath"/>); and the session is named so Monitoring can
    /// find it and a DBA can cancel it.
    /// </summary>
    private static void WriteSession(TextWriter w, string name)
    {
        w.Write("\\set AUTOCOMMIT on\n");
        w.Write("SET client_encoding = 'UTF8';\n");
        w.Write("SET standard_conforming_strings = on;\n");
        w.Write($"SET search_path = {SearchPath};\n");
        w.Write($"SET application_name = {SqlText.Literal("migplan:" + name)};\n");
    }

    private static void WriteTimeouts(TextWriter w, Timeouts? timeouts)
    {
        if (timeouts is null)
        {
            return;
        }

        w.Write(SqlText.Comment($"On timeout ({timeouts.Policy}): {timeouts.Brief}"));
        w.Write($"SET lock_timeout = '{timeouts.LockTimeout}';\n");
        w.Write($"SET statement_timeout = '{timeouts.StatementTimeout}';\n");
    }
}
