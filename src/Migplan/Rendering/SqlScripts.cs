using System.Text;
using Migplan.Planning;

namespace Migplan.Rendering;

/// <summary>
/// The forward script and the rollback script of each step, runnable as they are with
/// <c>psql -v ON_ERROR_STOP=1 -f FILE</c> outside a transaction block.
/// </summary>
public static class SqlScripts
{
    public static string Forward(Step step)
    {
        var sb = new StringBuilder();
        sb.Append($"-- Step {step.Number}: {step.Title}\n");
        sb.Append($"-- Phase: {Names.Phase(step.Phase)}\n");
        foreach (var l in step.Locks)
        {
            sb.Append($"-- Lock: {Names.Lock(l.Mode)} on {l.Target}{(l.Brief ? " (brief)" : " (for the whole step)")}\n");
        }

        if (!step.Analysed)
        {
            sb.Append("-- NOT ANALYSED: carried verbatim from the change; review by hand before running.\n");
        }

        sb.Append($"-- Run: psql -v ON_ERROR_STOP=1 -f {step.ScriptPath}{(step.Transactional ? string.Empty : "   (not in a transaction block)")}\n");
        AppendTimeouts(sb, step.Timeouts);
        sb.Append(step.Sql);
        return sb.ToString();
    }

    public static string Rollback(Step step)
    {
        var sb = new StringBuilder();
        sb.Append($"-- Rollback of step {step.Number}: {step.Title}\n");
        sb.Append($"-- Data loss: {Names.DataLossText(step.Rollback.Loss)}. {step.Rollback.Description}\n");
        sb.Append($"-- Run: psql -v ON_ERROR_STOP=1 -f {step.RollbackPath}\n");
        if (HasStatements(step.Rollback.Sql))
        {
            AppendTimeouts(sb, step.Rollback.Sql.Contains("CONCURRENTLY", StringComparison.Ordinal) ? TimeoutPolicy.ConcurrentIndex : TimeoutPolicy.Brief);
        }

        sb.Append(step.Rollback.Sql);
        return sb.ToString();
    }

    public static bool HasStatements(string sql) =>
        sql.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal));

    private static void AppendTimeouts(StringBuilder sb, Timeouts? timeouts)
    {
        if (timeouts is null)
        {
            return;
        }

        sb.Append($"-- On timeout ({timeouts.Policy}): {timeouts.Brief}\n");
        sb.Append($"SET lock_timeout = '{timeouts.LockTimeout}';\n");
        sb.Append($"SET statement_timeout = '{timeouts.StatementTimeout}';\n");
    }
}
