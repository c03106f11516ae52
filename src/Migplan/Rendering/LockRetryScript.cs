using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>
/// A command with a <see cref="LockRetry"/> as the script runs it: one DO block that sets a short lock_timeout for
/// its own transaction, runs the statement inside a BEGIN ... EXCEPTION block (a subtransaction: a failed attempt is
/// rolled back whole), catches lock_not_available and calls <c>pg_temp.migplan_lock_wait</c>, which sleeps a growing,
/// jittered time before the next attempt or, when the attempts or the budget are spent, fails with lock_not_available
/// naming the sessions that hold locks on the step's tables (read from pg_locks and pg_stat_activity after the last
/// attempt: the waiting attempt is already cancelled, so pg_blocking_pids() has nothing to report by then).
/// <para>
/// That function is defined once per script (<see cref="Helper"/>, in the session's own temporary schema, called by its
/// qualified name, with search_path pinned to pg_catalog inside it), so each statement costs a few lines, not sixty.
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
    /// <summary>The function every wrapped statement of a script calls after a failed attempt; written once, before the first.</summary>
    public static readonly string Helper = BuildHelper();

    public static string Wrap(Command command, ImmutableArray<LockTaken> locks)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        WriteTo(w, command, locks);
        return w.ToString();
    }

    /// <summary>Writes the block <see cref="Wrap"/> returns, in pieces (a grouped step has thousands).</summary>
    public static void WriteTo(TextWriter w, Command command, ImmutableArray<LockTaken> locks)
    {
        var retry = command.LockRetry ?? throw new ArgumentException("the command has no lock-retry policy", nameof(command));
        // A DO block migplan wrote is nested as a block: its body, ended with ';'.
        var range = SqlText.DoBlockBodyRange(command.Sql);
        var statement = range is var (start, length) ? command.Sql.AsSpan(start, length).TrimEnd() : command.Sql.AsSpan();
        string relations = retry.Relations.Length == 1 ? SqlText.Literal(retry.Relations[0].Quoted)
            : string.Join(", ", (retry.Relations.IsEmpty ? locks.Select(l => l.Target) : retry.Relations.Select(r => r.Quoted)).Distinct(StringComparer.Ordinal).Select(SqlText.Literal));
        string tag = SqlText.DollarTagNotIn(statement, relations);
        w.Write("DO ");
        w.Write(tag);
        w.Write(BlockStart);
        w.Write(Ms(retry.AttemptTimeoutMs));
        w.Write(BeforeStatement);
        w.Write(statement);
        if (range is not null)
        {
            w.Write(";\n");
        }

        w.Write(AfterStatement);
        w.Write(relations);
        w.Write("]::pg_catalog.text[], ");
        w.Write(Ms(retry.Attempts));
        w.Write(", ");
        w.Write(Ms(retry.AttemptTimeoutMs));
        w.Write(", ");
        w.Write(Ms(retry.MaxBackoffMs));
        w.Write(", ");
        w.Write(Ms(retry.BudgetMs));
        w.Write(BlockEnd);
        w.Write(tag);
        w.Write(";\n");
    }

    private const string BlockStart =
        "\nDECLARE\n" +
        "  migplan_attempt int := 0;\n" +
        "  migplan_started timestamptz := pg_catalog.clock_timestamp();\n" +
        "  migplan_saved text := pg_catalog.current_setting('lock_timeout');\n" +
        "BEGIN\n" +
        "  PERFORM pg_catalog.set_config('lock_timeout', '";

    private const string BeforeStatement =
        "ms', true);\n" +
        "  LOOP\n" +
        "    migplan_attempt := migplan_attempt + 1;\n" +
        "    BEGIN\n";

    private const string AfterStatement =
        "      EXIT;\n" +
        "    EXCEPTION WHEN lock_not_available THEN\n" +
        "      PERFORM pg_temp.migplan_lock_wait(migplan_attempt, migplan_started, ARRAY[";

    private const string BlockEnd =
        ");\n" +
        "    END;\n" +
        "  END LOOP;\n" +
        "  PERFORM pg_catalog.set_config('lock_timeout', migplan_saved, true);\n" +
        "END\n";

    private static string Ms(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// pg_temp.migplan_lock_wait(attempt, started, relations, attempts, attempt ms, max backoff ms, budget ms): after
    /// attempt n failed, sleeps min(max backoff, 25 ms · 2^(n-1)) times a random factor in [0.5, 1.5), or, when that
    /// would pass the attempts or the budget, raises lock_not_available naming at most five sessions holding a granted
    /// lock on the relations, oldest transaction first. CREATE OR REPLACE: scripts run one after another in one session
    /// define it again harmlessly.
    /// </summary>
    private static string BuildHelper()
    {
        var sb = new StringBuilder(2048);
        sb.Append("CREATE OR REPLACE FUNCTION pg_temp.migplan_lock_wait(migplan_attempt int, migplan_started timestamptz, migplan_relations text[],\n")
          .Append("    migplan_attempts int, migplan_attempt_ms int, migplan_max_backoff_ms int, migplan_budget_ms int)\n")
          .Append("  RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS ")
          .Append("$migplan$\n")
          .Append("DECLARE\n")
          .Append("  migplan_sleep float8 := LEAST(migplan_max_backoff_ms::float8, ").Append(Ms(LockRetry.FirstBackoffMs))
          .Append("::float8 * 2::float8 ^ (migplan_attempt - 1)::float8) * (0.5::float8 + pg_catalog.random()) / 1000::float8;\n")
          .Append("  migplan_blockers text;\n")
          .Append("BEGIN\n")
          .Append("  IF migplan_attempt >= migplan_attempts\n")
          .Append("     OR pg_catalog.clock_timestamp() + (migplan_sleep + migplan_attempt_ms::float8 / 1000::float8) * interval '1 second'\n")
          .Append("        > migplan_started + migplan_budget_ms::float8 * interval '1 millisecond' THEN\n")
          .Append("    SELECT pg_catalog.string_agg(b.line, '; ') INTO migplan_blockers FROM (\n")
          .Append("      SELECT pg_catalog.format('pid %s (application_name %L, state %s, transaction age %s, holding %s): %s', a.pid, a.application_name, a.state,\n")
          .Append("             pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - a.xact_start),\n")
          .Append("             pg_catalog.string_agg(pg_catalog.format('%s on %s', l.mode, l.relation::regclass), ', '), pg_catalog.left(a.query, 60)) AS line\n")
          .Append("        FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid\n")
          .Append("       WHERE l.granted AND l.locktype = 'relation'::text AND l.pid <> pg_catalog.pg_backend_pid()\n")
          .Append("         AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())\n")
          .Append("         AND l.relation IN (SELECT pg_catalog.to_regclass(r)::oid FROM pg_catalog.unnest(migplan_relations) r)\n")
          .Append("       GROUP BY a.pid, a.application_name, a.state, a.xact_start, a.query\n")
          .Append("       ORDER BY a.xact_start LIMIT 5) b;\n")
          .Append("    RAISE EXCEPTION ").Append(SqlText.Literal(English.LockRetryFailed))
          .Append(", pg_catalog.array_to_string(migplan_relations, ', '), migplan_attempt, migplan_attempt_ms,\n")
          .Append("      pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - migplan_started), coalesce(migplan_blockers, ")
          .Append(SqlText.Literal(English.LockRetryNoBlockers)).Append(")\n")
          .Append("      USING ERRCODE = 'lock_not_available', HINT = ").Append(SqlText.Literal(English.LockRetryHint)).Append(";\n")
          .Append("  END IF;\n")
          .Append("  RAISE NOTICE ").Append(SqlText.Literal(English.LockRetryNotice)).Append(", migplan_attempt, pg_catalog.round(migplan_sleep::numeric, 3);\n")
          .Append("  PERFORM pg_catalog.pg_sleep(migplan_sleep);\n")
          .Append("END\n")
          .Append("$migplan$;\n");
        return sb.ToString();
    }
}
