using System.Text;
using Migplan.Planning;
using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>The Monitoring and Guidelines sections: concrete queries for the tables the plan touches.</summary>
internal static class MarkdownSections
{
    public static void Monitoring(TextWriter w, Plan plan)
    {
        string tables = plan.MonitoredTables.Length == 0 ? "NULL" : string.Join(", ", plan.MonitoredTables.Select(t => "pg_catalog.to_regclass(" + SqlText.Literal(t) + ")::oid"));
        w.Write("## Monitoring\n\n");
        w.Write("Run these from a second session while the plan runs.\n\n");
        Query(w, "Blocked sessions and lock waits (who waits on whom, for how long)",
            "SELECT pid, pg_catalog.pg_blocking_pids(pid) AS blocked_by, wait_event_type, pg_catalog.now() - query_start AS waiting, pg_catalog.left(query, 80) AS query\n  FROM pg_stat_activity\n WHERE pg_catalog.cardinality(pg_catalog.pg_blocking_pids(pid)) > 0\n ORDER BY waiting DESC;",
            "no rows; a row blocked by the migration's session (application_name starting with `migplan:`) for more than a few seconds means: cancel the step with SELECT pg_catalog.pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'migplan:%'; and retry later.");
        Query(w, "Locks held or awaited on the tables of this plan",
            $"SELECT l.relation::regclass AS table_name, l.mode, l.granted, a.pid, pg_catalog.now() - a.xact_start AS xact_age\n  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid\n WHERE l.relation IN ({tables})\n ORDER BY l.granted, xact_age DESC;",
            "ungranted locks vanish within lock_timeout.");
        // Only the queries this plan's steps call for: an index build's progress, a backfill's dead tuples, the disk a long step fills.
        bool builds = plan.Steps.Any(s => s.Commands.Any(c => c.Sql.Contains("CONCURRENTLY", StringComparison.OrdinalIgnoreCase)));
        bool writesRows = plan.Steps.Any(s => s.Phase == Phase.DataMigration && s.Locks.Any(l => l.Mode == LockMode.RowExclusive && !l.Brief));
        bool longSteps = builds || writesRows || plan.Steps.Any(s => !s.Analysed || s.Locks.Any(l => !l.Brief && l.Mode >= LockMode.Share));
        if (longSteps)
        {
            ReplicationLag(w);
        }

        if (builds)
        {
            IndexProgress(w);
        }

        Query(w, "Long-running and idle-in-transaction sessions",
            "SELECT pid, usename, state, pg_catalog.now() - xact_start AS xact_age, pg_catalog.left(query, 80) AS query\n  FROM pg_stat_activity\n WHERE xact_start < pg_catalog.now() - interval '1 minute' AND pid <> pg_catalog.pg_backend_pid()\n ORDER BY xact_age DESC;",
            "none besides the migration's own batches (each lasts seconds).");
        if (writesRows)
        {
            Query(w, "Dead tuples and autovacuum on the touched tables",
                $"SELECT relid::regclass AS table_name, n_live_tup, n_dead_tup, last_autovacuum, last_autoanalyze\n  FROM pg_stat_user_tables\n WHERE relid IN ({tables});",
                "n_dead_tup grows during a backfill and falls after its VACUUM step.");
        }

        if (longSteps)
        {
            Query(w, "Disk: database, tables and WAL",
                $"SELECT pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(pg_catalog.current_database())) AS database_size;\nSELECT oid::regclass AS table_name, pg_catalog.pg_size_pretty(pg_catalog.pg_total_relation_size(oid)) AS total_size FROM pg_class WHERE oid IN ({tables});\nSELECT pg_catalog.pg_size_pretty(pg_catalog.sum(size)) AS wal_size FROM pg_catalog.pg_ls_waldir();",
                "free disk stays above the size of the largest index being built plus the backfills' WAL.");
        }

        w.Write("- Error logs: watch the server log for `canceling statement due to lock timeout`, `deadlock detected` and `could not extend file`; every script stops at its first error (ON_ERROR_STOP).\n");
        w.Write("- Query performance: watch the application's p99 latency and error rate; pause between steps if they degrade.\n\n");
    }

    private static void ReplicationLag(TextWriter w) =>
        Query(w, "Replication lag",
            "SELECT application_name, state, write_lag, flush_lag, replay_lag,\n       pg_catalog.pg_size_pretty(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) AS replay_behind\n  FROM pg_stat_replication;",
            "replay_lag under a few seconds; if it grows, pause the backfill: cancel it, and re-run it later if its timeout policy is `backfill` (it skips rows already done).");

    private static void IndexProgress(TextWriter w) =>
        Query(w, "Index build progress (CREATE INDEX CONCURRENTLY)",
            "SELECT pid, relid::regclass AS table_name, index_relid::regclass AS index_name, phase,\n       pg_catalog.round(100.0 * blocks_done::numeric / nullif(blocks_total, 0)::numeric, 1) AS pct_blocks, pg_catalog.round(100.0 * tuples_done::numeric / nullif(tuples_total, 0)::numeric, 1) AS pct_tuples\n  FROM pg_stat_progress_create_index;",
            "phases advance; \"waiting for old snapshots\" means an older transaction holds it up (see long transactions).");

    /// <summary>Every table the plan touches: rows, heap and index sizes, and where each number came from.</summary>
    public static void TablesTouched(TextWriter w, Plan plan)
    {
        if (plan.Tables.IsEmpty)
        {
            return;
        }

        w.Write("## Tables touched\n\n");
        w.Write("| Table | Rows | Heap | Indexes | Source |\n|---|---:|---:|---:|---|\n");
        foreach (var t in plan.Tables)
        {
            string rows = t.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            string indexes = t.IndexBytes is { } i ? Estimator.Size(i) : "unknown";
            string source = t.RowsSource == t.HeapSource && (t.IndexBytes is null || t.IndexSource == t.RowsSource)
                ? SourceName(t.RowsSource)
                : $"rows: {SourceName(t.RowsSource)}, heap: {SourceName(t.HeapSource)}, indexes: {SourceName(t.IndexSource)}";
            w.Write($"| {MarkdownText.CodeSpan(t.Table)} | {rows} | {Estimator.Size(t.HeapBytes)} | {indexes} | {source}{(t.Note is null ? string.Empty : "; " + MarkdownText.Inline(t.Note))} |\n");
        }

        w.Write("\nHeap is the table's main fork (pg_relation_size), without indexes or TOAST; \"default\" numbers are the ones named in the Assumptions.\n\n");
    }

    /// <summary>How the plan names where a number came from.</summary>
    public static string SourceName(SizeSource source) => source switch
    {
        SizeSource.StatsFile => "stats.json",
        SizeSource.LiveServer => "live server",
        SizeSource.Default => "default",
        SizeSource.NewTable => "new table",
        _ => throw new System.Diagnostics.UnreachableException(source.ToString()),
    };

    private static void Query(TextWriter w, string title, string sql, string expected)
    {
        string fence = MarkdownText.Fence([sql]);
        w.Write($"- {title}:\n  {fence}sql\n");
        foreach (var line in sql.Split('\n'))
        {
            w.Write("  "); w.Write(line); w.Write('\n');
        }

        w.Write($"  {fence}\n  Expected: {expected}\n");
    }

    public static void Guidelines(TextWriter w, Plan plan)
    {
        w.Write("## Guidelines\n\n");
        w.Write("- Run one step at a time, check its Verification before the next, and stop at the first surprise: every step has a rollback.\n");
        w.Write("- Never raise lock_timeout to get a step through: a long lock wait queues every query on the table behind it.\n");
        if (plan.Steps.Any(s => s.Phase == Phase.DataMigration))
        {
            w.Write("- Batch large data operations (the plan does: keyset batches, a commit per batch); watch replication lag while they run.\n");
        }

        if (plan.Steps.Any(s => s.Kind is "add_constraint" or "check_not_null" or "validate" or "validate_not_null"))
        {
            w.Write("- Add constraints last, NOT VALID first and validated after, so no long scan holds a lock that blocks writes.\n");
        }

        if (plan.Steps.Any(s => !s.Transactional))
        {
            w.Write("- Steps marked \"not in a transaction block\" (CONCURRENTLY, batched DO blocks) must not be wrapped in BEGIN/COMMIT.\n");
        }

        w.Write("- Monitor throughout; have a DBA available during execution.\n");
        foreach (var policy in plan.Steps.Select(s => s.Timeouts).OfType<Timeouts>().DistinctBy(t => t.Policy).OrderBy(t => t.Policy, StringComparer.Ordinal))
        {
            w.Write($"- Timeout policy `{policy.Policy}` (lock_timeout = '{policy.LockTimeout}', statement_timeout = '{policy.StatementTimeout}'): {MarkdownText.Inline(English.OnTimeout(policy.Policy))}\n");
        }

        if (plan.Steps.Any(s => s.Commands.Any(c => c.LockRetry is not null)))
        {
            w.Write($"- Lock retry: {MarkdownText.Inline(English.LockRetryFull)}\n");
        }

        if (plan.Steps.Any(s => s.Destructive))
        {
            w.Write("- Destructive steps run last, in Cleanup, only after the release that stops using what they drop has been live long enough to be trusted.\n");
        }

        w.Write('\n');
    }
}
