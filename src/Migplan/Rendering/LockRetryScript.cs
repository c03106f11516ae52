using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>
/// A command with a <see cref="LockRetry"/> as the script runs it: one DO block that sets a short lock_timeout for
/// its own transaction, runs the statement inside a BEGIN ... EXCEPTION block (a subtransaction: a failed attempt is
/// rolled back whole), catches lock_not_available, sleeps a growing, jittered time and tries again; when the attempts
/// or the budget are spent it fails with lock_not_available, naming the sessions that hold locks on the step's tables
/// (read from pg_locks and pg_stat_activity after the last attempt: the waiting attempt is already cancelled, so
/// pg_blocking_pids() has nothing to report by then).
/// <para>
/// The statement is embedded in the block's body as it is, not run by EXECUTE of a literal: the script shows the
/// very text plan.json holds, with no quoting layer a reviewer must undo or that could mean something else under a
/// different standard_conforming_strings; the dollar-quote tag is one the statement does not contain, so nothing in
/// it can end the body; and PL/pgSQL compiles the body before the first attempt, so a statement it cannot read fails
/// before anything runs. Its arithmetic is in float8 and its comparisons are of one type, so no operator someone
/// created in public can stand in for a built-in (see inertness.md). PL/pgSQL substitutes its variables only into SELECT, INSERT, UPDATE and DELETE, never into
/// the DDL the policy is given to, and a DO block migplan wrote is nested as a block of its own (its body is a block).
/// Only statements <see cref="LockRetry.Problem"/> accepts are held (plan.json is refused otherwise).
/// </para>
/// </summary>
public static class LockRetryScript
{
    public static string Wrap(Command command, ImmutableArray<LockTaken> locks)
    {
        var retry = command.LockRetry ?? throw new ArgumentException("the command has no lock-retry policy", nameof(command));
        string statement = SqlText.DoBlockBody(command.Sql) is { } body ? body.TrimEnd() + ";\n" : command.Sql;
        var targets = (retry.Relations.IsEmpty ? locks.Select(l => l.Target) : retry.Relations.Select(r => r.Quoted)).Distinct(StringComparer.Ordinal).ToList();
        string ms(int v) => v.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(command.Sql.Length + 2048);
        sb.Append("DECLARE\n")
          .Append("  migplan_attempt int := 0;\n")
          .Append("  migplan_started timestamptz := pg_catalog.clock_timestamp();\n")
          .Append("  migplan_saved text := pg_catalog.current_setting('lock_timeout');\n")
          .Append("  migplan_sleep float8;\n")
          .Append("  migplan_blockers text;\n")
          .Append("BEGIN\n")
          .Append($"  PERFORM pg_catalog.set_config('lock_timeout', '{ms(retry.AttemptTimeoutMs)}ms', true);\n")
          .Append("  LOOP\n")
          .Append("    migplan_attempt := migplan_attempt + 1;\n")
          .Append("    BEGIN\n")
          .Append(statement)
          .Append("      EXIT;\n")
          .Append("    EXCEPTION WHEN lock_not_available THEN\n")
          .Append($"      migplan_sleep := LEAST({ms(retry.MaxBackoffMs)}::float8, {ms(LockRetry.FirstBackoffMs)}::float8 * 2::float8 ^ (migplan_attempt - 1)::float8) * (0.5::float8 + pg_catalog.random()) / 1000::float8;\n")
          .Append($"      IF migplan_attempt >= {ms(retry.Attempts)}\n")
          .Append($"         OR pg_catalog.clock_timestamp() + (migplan_sleep + {ms(retry.AttemptTimeoutMs)}::float8 / 1000::float8) * interval '1 second' > migplan_started + interval '{ms(retry.BudgetMs)} milliseconds' THEN\n");
        AppendBlockers(sb, targets);
        sb.Append($"        RAISE EXCEPTION {SqlText.Literal(English.LockRetryFailed)}, {SqlText.Literal(string.Join(", ", targets))}, migplan_attempt, {ms(retry.AttemptTimeoutMs)},\n")
          .Append($"          pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - migplan_started), coalesce(migplan_blockers, {SqlText.Literal(English.LockRetryNoBlockers)})\n")
          .Append($"          USING ERRCODE = 'lock_not_available', HINT = {SqlText.Literal(English.LockRetryHint)};\n")
          .Append("      END IF;\n")
          .Append($"      RAISE NOTICE {SqlText.Literal(English.LockRetryNotice)}, migplan_attempt, pg_catalog.round(migplan_sleep::numeric, 3);\n")
          .Append("      PERFORM pg_catalog.pg_sleep(migplan_sleep);\n")
          .Append("    END;\n")
          .Append("  END LOOP;\n")
          .Append("  PERFORM pg_catalog.set_config('lock_timeout', migplan_saved, true);\n")
          .Append("END\n");
        return SqlText.DoBlock(sb.ToString());
    }

    /// <summary>The sessions holding a granted lock on any of the tables, oldest transaction first, at most five.</summary>
    private static void AppendBlockers(StringBuilder sb, List<string> targets)
    {
        string oids = targets.Count == 0 ? "NULL" : string.Join(", ", targets.Select(t => $"pg_catalog.to_regclass({SqlText.Literal(t)})::oid"));
        sb.Append("        SELECT pg_catalog.string_agg(b.line, '; ') INTO migplan_blockers FROM (\n")
          .Append("          SELECT pg_catalog.format('pid %s (application_name %L, state %s, transaction age %s, holding %s): %s', a.pid, a.application_name, a.state,\n")
          .Append("                 pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - a.xact_start),\n")
          .Append("                 pg_catalog.string_agg(pg_catalog.format('%s on %s', l.mode, l.relation::regclass), ', '), pg_catalog.left(a.query, 60)) AS line\n")
          .Append("            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid\n")
          .Append("           WHERE l.granted AND l.locktype = 'relation'::text AND l.pid <> pg_catalog.pg_backend_pid()\n")
          .Append("             AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = pg_catalog.current_database())\n")
          .Append($"             AND l.relation IN ({oids})\n")
          .Append("           GROUP BY a.pid, a.application_name, a.state, a.xact_start, a.query\n")
          .Append("           ORDER BY a.xact_start LIMIT 5) b;\n");
    }
}
