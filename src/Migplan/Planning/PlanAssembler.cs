using System.Collections.Immutable;
using System.Globalization;
using Migplan.Schema;

namespace Migplan.Planning;

/// <summary>Numbers the ordered steps, adds the pre-migration checks, and states assumptions and prerequisites.</summary>
internal static class PlanAssembler
{
    public static Plan Assemble(PlanInputs inputs, PlanOptions options, List<string> tablesWithoutStats, List<StepDraft> drafts, List<PlanNote> notes, List<string> unmatchedStats, List<Verification> preChecks)
    {
        var touched = drafts.SelectMany(d => d.Locks).Where(l => l.Relation.Schema is not null).Select(l => l.Target)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var all = new List<StepDraft> { PreChecks(touched, options, preChecks) };
        all.AddRange(drafts);
        var (prerequisites, gates) = Prerequisites(drafts);
        int width = Math.Max(2, all.Count.ToString(CultureInfo.InvariantCulture).Length);
        var steps = all.Select((d, i) => new Step(
            $"{Planner.Number(i + 1, width)}_{Planner.Slug(d.Slug)}", i + 1, d.Phase, d.Title, d.Commands, d.Locks, d.Impact, d.Timeouts,
            d.Rollback with { Timeouts = d.Rollback.Timeouts ?? (d.Rollback.Commands.IsEmpty ? null : TimeoutPolicy.Brief) },
            d.Verification, d.Estimate with { Seconds = Math.Round(d.Estimate.Seconds, 1) }, d.Destructive, d.Risk, d.RiskReason, d.Actions, d.Analysed)
        {
            Kind = d.Kind,
            ExtraSettings = d.ExtraSettings,
            Gate = GateOf(d, i == 0 ? [] : gates.GetValueOrDefault(i - 1, [])),
        }).ToImmutableArray();

        var windowSteps = steps.Where(s => s.Locks.Any(l => !l.Brief && l.Mode is LockMode.AccessExclusive or LockMode.Exclusive or LockMode.Share or LockMode.ShareRowExclusive)).ToList();
        bool window = windowSteps.Count > 0;
        Message windowReason = window
            ? $"Yes: {windowSteps.Count} step(s) hold a lock that blocks traffic for their whole duration (for example step {windowSteps[0].Number}, {windowSteps[0].Title}); run those in a window or rework them as expand/contract."
            : "No: every step that blocks reads or writes holds its lock for milliseconds (bounded by lock_timeout while waiting); long steps hold only locks that let reads and writes continue.";

        return new Plan(options.Project, options.Stage, options.PgVersion, inputs.InputsHash, inputs.Artifacts, steps, [.. notes],
            Assumptions(inputs, options, tablesWithoutStats, drafts, unmatchedStats), prerequisites, touched, window, windowReason);
    }

    /// <summary>A step's gate: what its operation requires, and what the plan's prerequisites place before it.</summary>
    private static Gate GateOf(StepDraft d, ImmutableArray<Message> confirm)
    {
        if (!d.Analysed)
        {
            confirm = confirm.Add("Reviewed by hand: this statement was not analysed (its locks, duration and rollback).");
        }

        return confirm.IsEmpty ? d.Gate : new Gate(d.Gate.Checks, [.. d.Gate.Confirm, .. confirm]);
    }

    private static StepDraft PreChecks(ImmutableArray<string> touched, PlanOptions options, List<Verification> preChecks)
    {
        var commands = ImmutableArray.CreateBuilder<Command>();
        void Add(string label, string sql) => commands.Add(new Command(sql) { Label = label });
        Add("Pre-migration checks: read-only, no locks beyond catalog reads. Server major version.", "SELECT pg_catalog.current_setting('server_version_num')::int / 10000 AS major_version;\n");
        if (touched.Length > 0)
        {
            string list = string.Join(", ", touched.Select(t => "pg_catalog.to_regclass(" + Sql.SqlText.Literal(t) + ")::oid"));
            Add("Size and estimated rows of every table the plan locks (compare with the plan's assumptions).",
                "SELECT c.oid::regclass AS table_name, c.reltuples::bigint AS estimated_rows,\n" +
                "       pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS table_size, pg_catalog.pg_size_pretty(pg_catalog.pg_indexes_size(c.oid)) AS index_size\n" +
                $"  FROM pg_class c\n WHERE c.oid IN ({list})\n ORDER BY 1;\n");
            Add("Transaction ID age of each table: near autovacuum_freeze_max_age an anti-wraparound autovacuum starts and blocks the plan's locks.",
                $"SELECT oid::regclass AS table_name, pg_catalog.age(relfrozenxid) AS xid_age FROM pg_class WHERE oid IN ({list}) ORDER BY 2 DESC;\n");
            Add("Sessions holding or awaiting locks on these tables right now (the plan's locks would queue behind them).",
                $"SELECT l.relation::regclass AS table_name, l.mode, l.granted, a.pid, a.state, pg_catalog.now() - a.xact_start AS xact_age\n  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid\n WHERE l.relation IN ({list}) AND l.pid <> pg_catalog.pg_backend_pid();\n");
        }

        Add("Anti-wraparound autovacuum running: it does not yield its lock; wait for it to finish.",
            "SELECT pid, query FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND query LIKE '%to prevent wraparound%';\n");
        Add("Transactions older than 5 minutes: every lock and CONCURRENTLY build would queue behind them.",
            "SELECT pid, state, pg_catalog.now() - xact_start AS xact_age, pg_catalog.left(query, 80) AS query\n  FROM pg_stat_activity\n WHERE xact_start < pg_catalog.now() - interval '5 minutes' AND pid <> pg_catalog.pg_backend_pid();\n");
        Add("Replication: lag of every standby.", "SELECT application_name, state, replay_lag FROM pg_stat_replication;\n");
        Add("Replication slots that retain WAL.",
            "SELECT slot_name, active, pg_catalog.pg_size_pretty(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)) AS retained_wal FROM pg_replication_slots;\n");
        Add("INVALID indexes left by earlier failed CONCURRENTLY builds.", "SELECT indexrelid::regclass AS invalid_index FROM pg_index WHERE NOT indisvalid;\n");
        const int MaxChecks = 50;
        foreach (var check in preChecks.Take(MaxChecks))
        {
            Add(check.Label ?? "A step's pre-check.", check.Sql + "\n");
        }

        if (preChecks.Count > MaxChecks)
        {
            commands[^1] = commands[^1] with { Sql = commands[^1].Sql + string.Format(CultureInfo.InvariantCulture, "-- ... and {0:N0} more checks of the same kind: see each step's gate.\n", preChecks.Count - MaxChecks) };
        }

        Add("Transaction ID age: an anti-wraparound autovacuum would block the plan's locks.",
            "SELECT datname, pg_catalog.age(datfrozenxid) AS xid_age FROM pg_database WHERE datname = pg_catalog.current_database();\n");
        return new StepDraft(Phase.SchemaChanges, "pre_migration_checks", "Pre-migration validation", commands.ToImmutable(), [],
            "None: read-only catalog queries.", null,
            new Rollback(PlanSql.NothingToUndo, DataLoss.None, "Nothing to undo."),
            new Verification("SELECT pg_catalog.count(*) FROM pg_stat_activity WHERE xact_start < pg_catalog.now() - interval '5 minutes' AND pid <> pg_catalog.pg_backend_pid();", "0"),
            new Estimate(300, "5 min to run the queries and read the results"), RiskLevel.Low, "Read-only.",
            ["Verify the backup exists and a restore was tested.", "Compare row counts and sizes with the plan's assumptions; re-plan with fresh stats if they differ by more than 2x.",
             "Check free disk: at least the index sizes to build plus the WAL of the backfills.", "No long-running transaction, no replica lag, no INVALID index.",
             "Run every backfill's coverage check (in its step's Actions) and expect 0.",
             "Standbys: a long backfill and its VACUUM can cancel long queries on hot standbys (replay conflicts; check hot_standby_feedback and max_standby_streaming_delay), and logical-replication or CDC consumers receive one change per row: warn their owners."])
        {
            Gate = new Gate([], ["Backup completed and a restore tested (point-in-time recovery enabled)."]),
        };
    }

    private static ImmutableArray<Message> Assumptions(PlanInputs inputs, PlanOptions options, List<string> missing, List<StepDraft> drafts, List<string> unmatchedStats)
    {
        var list = new List<Message>();
        var c = CultureInfo.InvariantCulture;
        list.Add(options.PgVersionGiven
            ? string.Format(c, "PostgreSQL {0} (given with --pg-version).", options.PgVersion)
            : string.Format(c, "PostgreSQL {0}: no --pg-version was given, so the default is used. The plan relies on 11+ (fast column defaults, COMMIT in DO blocks) and 12+ (SET NOT NULL proven by a validated CHECK).", options.PgVersion));
        if (inputs.Stats is null)
        {
            list.Add(string.Format(c, "No --stats were given: every existing table is assumed to have {0:N0} rows of {1} bytes each; estimates scale with the real sizes.", options.Throughput.DefaultRows, options.Throughput.DefaultRowBytes));
        }
        else
        {
            if (missing.Count > 0)
            {
                list.Add(string.Format(c, "No stats for {0} table(s) ({1}{2}): assumed {3:N0} rows each.", missing.Count, string.Join(", ", missing.Take(10)), missing.Count > 10 ? ", ..." : string.Empty, options.Throughput.DefaultRows));
            }

            if (unmatchedStats.Count > 0)
            {
                list.Add(string.Format(c, "Stats name {0} table(s) that are not in the schema and were ignored: {1}{2}.", unmatchedStats.Count, string.Join(", ", unmatchedStats.Take(10)), unmatchedStats.Count > 10 ? ", ..." : string.Empty));
            }
        }

        list.Add(string.Format(c, "Batch size {0:N0} rows; a pause of {1} s between batches gives replicas, autovacuum and application traffic room, and a batch waits while any standby replays more than 512 MB behind (reading replay_lsn needs pg_monitor; without it the wait never triggers).", options.BatchSize, Operations.BatchLoops.PauseSeconds));
        list.Add($"Locking steps set lock_timeout = '{TimeoutPolicy.BriefLockTimeout}' and statement_timeout = '{TimeoutPolicy.BriefStatementTimeout}'; scans that do not block traffic have no statement_timeout; CONCURRENTLY builds have no timeouts.");
        list.AddRange(options.Throughput.Describe());
        if (drafts.Any(d => d.Kind == "create_index" && !d.Transactional))
        {
            list.Add($"Index builds set maintenance_work_mem = '{Operations.CreateIndexOperation.MaintenanceWorkMem}' for their own session: the server needs that much free memory per build, plus temporary disk for the sort.");
        }

        list.Add("A backfill's WHERE is assumed to match every row of its table (its selectivity is unknown without the data).");
        var added = AddedColumns(drafts);
        if (added.Length > 0)
        {
            list.Add($"Between phases the application tolerates: {added} exist but are NULL in existing rows until the backfill finishes, and (where they end NOT NULL) every insert and update must set them before Cleanup begins.");
        }

        list.Add("Scripts run with psql (`psql -X -v ON_ERROR_STOP=1 -f FILE`), outside a transaction block, as a role that owns the tables; Monitoring queries need a role with pg_monitor (or superuser) to see other sessions, replication LSNs and the WAL directory.");
        list.Add("Requirements approved; the operator has production access and can cancel sessions (pg_cancel_backend).");
        return [.. list];
    }

    /// <summary>
    /// What must hold before the plan starts, and the gates inside it: the steps before which an application
    /// release must be live (by index in <paramref name="drafts"/>). Step numbers count the pre-migration checks as step 1.
    /// </summary>
    private static (ImmutableArray<Message> List, Dictionary<int, ImmutableArray<Message>> Gates) Prerequisites(List<StepDraft> drafts)
    {
        var gates = new Dictionary<int, ImmutableArray<Message>>();
        var list = new List<Message>
        {
            "Before step 1: backup completed and a restore tested (point-in-time recovery enabled).",
        };
        void Gate(int index, string what)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture, $"Before step {index + 2}: {what}"));
            gates[index] = gates.GetValueOrDefault(index, []).Add(char.ToUpperInvariant(what[0]) + what[1..]);
        }

        string added = AddedColumns(drafts);
        int firstData = drafts.FindIndex(d => d.Phase == Phase.DataMigration);
        if (added.Length > 0)
        {
            string what = $"the application release that writes {added} on every insert and update is live everywhere (it keeps writing the old columns or tables too), and its reads tolerate NULL there.";
            int firstCleanup = drafts.FindIndex(d => d.Phase == Phase.Cleanup);
            if (firstData >= 0)
            {
                list.Add($"Before step {firstData + 2} (the first backfill): {what}");
                gates[firstData] = gates.GetValueOrDefault(firstData, []).Add(char.ToUpperInvariant(what[0]) + what[1..]);
            }
            else
            {
                list.Add($"Before Cleanup: {what}");
                if (firstCleanup >= 0)
                {
                    gates[firstCleanup] = gates.GetValueOrDefault(firstCleanup, []).Add(char.ToUpperInvariant(what[0]) + what[1..]);
                }
            }
        }

        int firstCheck = drafts.FindIndex(d => d.Kind is "check_not_null" or "add_constraint" && d.Phase == Phase.Cleanup);
        if (firstCheck >= 0)
        {
            Gate(firstCheck, "every backfill's verification returned its expected value; from this step on, writes that break the new constraint fail.");
        }

        int firstDestructive = drafts.FindIndex(d => d.Destructive);
        string destroyed = List(drafts.Where(d => d.Destructive).Select(d => d.Title));
        if (firstDestructive >= 0)
        {
            Gate(firstDestructive, $"the release that stops reading and writing what the destructive steps remove has been live long enough to trust, and a logical backup of it exists (pg_dump -Fc -t TABLE): {destroyed}.");
        }

        if (drafts.Any(d => !d.Analysed))
        {
            list.Add("Statements marked \"not analysed\" reviewed by hand (locks, duration, rollback).");
        }

        list.Add("Disk headroom checked for new indexes (about their size, plus sort space) and the WAL of backfills (a few times the size of the rows rewritten).");
        list.Add("DBA approval received.");
        list.Add("Ops team and on-call notified; monitoring queries ready.");
        return ([.. list], gates);
    }

    private static string AddedColumns(List<StepDraft> drafts) =>
        List(drafts.Where(d => d.Kind == "add_column").Select(d => d.Title.Replace("Add column ", string.Empty, StringComparison.Ordinal)));

    /// <summary>"a, b, c" for a few names; the first ten and a count for many.</summary>
    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 10 ? string.Join(", ", all) : string.Join(", ", all.Take(10)) + string.Format(CultureInfo.InvariantCulture, " and {0:N0} more", all.Count - 10);
    }
}
