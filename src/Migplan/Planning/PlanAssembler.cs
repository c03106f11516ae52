using System.Collections.Immutable;
using System.Globalization;
using Migplan.Live;
using Migplan.Schema;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>Numbers the ordered steps, adds the pre-migration checks, and states assumptions and prerequisites.</summary>
internal static class PlanAssembler
{
    public static Plan Assemble(PlanInputs inputs, PlanOptions options, List<string> tablesWithoutStats, List<StepDraft> drafts, List<PlanNote> notes, List<string> unmatchedStats, List<GoNoGoCheck> preChecks, Dictionary<string, TableSize> sizes)
    {
        var touched = drafts.SelectMany(d => d.Locks).Where(l => l.Relation.Schema is not null).Select(l => l.Target)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var all = new List<StepDraft> { PreChecks(touched, options, preChecks, drafts) };
        var goNoGo = preChecks.ToImmutableArray();
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
            Carried = d.Carried,
            Gate = GateOf(d, i == 0 ? [] : gates.GetValueOrDefault(i - 1, [])),
            GoNoGo = i == 0 ? goNoGo : [],
        }).ToImmutableArray();

        var windowSteps = steps.Where(s => s.Locks.Any(l => !l.Brief && l.Mode is LockMode.AccessExclusive or LockMode.Exclusive or LockMode.Share or LockMode.ShareRowExclusive)).ToList();
        bool window = windowSteps.Count > 0;
        Message windowReason = window
            ? Message.Of("window.needed", Number(windowSteps.Count), Number(windowSteps[0].Number), windowSteps[0].Title)
            : Message.Of("window.not-needed");

        var tables = TouchedSizes(drafts, sizes);
        var assumptions = Assumptions(inputs, options, tablesWithoutStats, drafts, unmatchedStats);
        if (inputs.Live is { } live)
        {
            notes.AddRange(LiveAssumptions.DependentNotes(live, steps));
            assumptions = assumptions.InsertRange(1, LiveAssumptions.Describe(live, tables));
        }

        foreach (var derived in tables.Where(t => t.Note is not null && t.RowsSource == SizeSource.StatsFile).Reverse())
        {
            assumptions = assumptions.Insert(1, Message.Of("assumption.size-derived", Name(derived.Table), Text(derived.Note!)));
        }

        return new Plan(options.Project, options.Stage, options.PgVersion, inputs.InputsHash, inputs.Artifacts, steps, [.. notes],
            assumptions, prerequisites, touched, window, windowReason) { Tables = tables };
    }

    /// <summary>The sizes of every table a step locks (joined and referenced tables too), by name.</summary>
    private static ImmutableArray<TableSize> TouchedSizes(List<StepDraft> drafts, Dictionary<string, TableSize> sizes)
    {
        var found = new SortedDictionary<string, TableSize>(StringComparer.Ordinal);
        foreach (var target in drafts.SelectMany(d => d.Locks).Select(l => l.Target).Distinct(StringComparer.Ordinal))
        {
            if (sizes.TryGetValue(target, out var size))
            {
                found[target] = size;
            }
        }

        return [.. found.Values];
    }

    /// <summary>A step's gate: what its operation requires, and what the plan's prerequisites place before it.</summary>
    private static Gate GateOf(StepDraft d, ImmutableArray<Message> confirm)
    {
        if (!d.Analysed)
        {
            confirm = confirm.Add(Message.Of("confirm.unanalysed-reviewed"));
        }

        return confirm.IsEmpty ? d.Gate : new Gate(d.Gate.Checks, [.. d.Gate.Confirm, .. confirm]);
    }

    private static StepDraft PreChecks(ImmutableArray<string> touched, PlanOptions options, List<GoNoGoCheck> goNoGo, List<StepDraft> drafts)
    {
        var commands = ImmutableArray.CreateBuilder<Command>();
        void Add(string label, string sql) => commands.Add(new Command(sql) { Label = Message.Of(label) });
        Add("check.server-version", "SELECT pg_catalog.current_setting('server_version_num')::int / 10000 AS major_version;\n");
        if (touched.Length > 0)
        {
            string list = string.Join(", ", touched.Select(t => "pg_catalog.to_regclass(" + Sql.SqlText.Literal(t) + ")::oid"));
            Add("check.table-sizes",
                "SELECT c.oid::regclass AS table_name, c.reltuples::bigint AS estimated_rows,\n" +
                "       pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS table_size, pg_catalog.pg_size_pretty(pg_catalog.pg_indexes_size(c.oid)) AS index_size\n" +
                $"  FROM pg_class c\n WHERE c.oid IN ({list})\n ORDER BY 1;\n");
            Add("check.table-xid-age",
                $"SELECT oid::regclass AS table_name, pg_catalog.age(relfrozenxid) AS xid_age FROM pg_class WHERE oid IN ({list}) ORDER BY 2 DESC;\n");
            Add("check.sessions-on-tables",
                $"SELECT l.relation::regclass AS table_name, l.mode, l.granted, a.pid, a.state, pg_catalog.now() - a.xact_start AS xact_age\n  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid\n WHERE l.relation IN ({list}) AND l.pid <> pg_catalog.pg_backend_pid();\n");
        }

        Add("check.anti-wraparound-running",
            "SELECT pid, query FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND query LIKE '%to prevent wraparound%';\n");
        Add("check.old-transactions",
            "SELECT pid, state, pg_catalog.now() - xact_start AS xact_age, pg_catalog.left(query, 80) AS query\n  FROM pg_stat_activity\n WHERE xact_start < pg_catalog.now() - interval '5 minutes' AND pid <> pg_catalog.pg_backend_pid();\n");
        Add("check.replication-lag", "SELECT application_name, state, replay_lag FROM pg_stat_replication;\n");
        Add("check.replication-slots",
            "SELECT slot_name, active, pg_catalog.pg_size_pretty(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)) AS retained_wal FROM pg_replication_slots;\n");
        Add("check.invalid-indexes", "SELECT indexrelid::regclass AS invalid_index FROM pg_index WHERE NOT indisvalid;\n");
        Add("check.database-xid-age",
            "SELECT datname, pg_catalog.age(datfrozenxid) AS xid_age FROM pg_database WHERE datname = pg_catalog.current_database();\n");

        // Only what this plan needs: free disk where it builds, writes or rewrites; standbys and CDC where it writes rows.
        var actions = new List<Message> { Message.Of("action.verify-backup"), Message.Of("action.compare-sizes-with-assumptions") };
        if (FillsDisk(drafts))
        {
            actions.Add(Message.Of("action.check-free-disk"));
        }

        actions.Add(Message.Of("action.no-long-transactions"));
        if (goNoGo.Count > 0)
        {
            actions.Add(Message.Of("action.go-no-go-checks", Count(goNoGo.Count)));
        }

        var optional = goNoGo.Where(c => c.Optional).ToList();
        if (optional.Count > 0)
        {
            actions.Add(Message.Of("action.optional-go-no-go-checks", Count(optional.Count), Seconds(optional.Sum(c => c.Cost.Seconds)), Name(GoNoGoCheck.RunOptionalSetting)));
        }

        if (drafts.Any(d => d.Phase == Phase.DataMigration))
        {
            actions.Add(Message.Of("action.standbys-and-cdc"));
        }

        return new StepDraft(Phase.SchemaChanges, "pre_migration_checks", Message.Of("title.pre-migration-checks"), commands.ToImmutable(), [],
            Message.Of("impact.read-only-checks"), null,
            new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo")),
            new Verification("SELECT pg_catalog.count(*) FROM pg_stat_activity WHERE xact_start < pg_catalog.now() - interval '5 minutes' AND pid <> pg_catalog.pg_backend_pid();", "0"),
            PreCheckEstimate(options.Throughput, goNoGo, commands.Count), RiskLevel.Low, Message.Of("risk.read-only"), [.. actions])
        {
            Gate = new Gate([], [Message.Of("confirm.backup-restore-tested")]),
        };
    }

    /// <summary>True when a step builds an index, writes rows or holds a lock for a whole scan or rewrite (or is not analysed): disk and WAL grow.</summary>
    private static bool FillsDisk(List<StepDraft> drafts) =>
        drafts.Any(d => !d.Analysed || d.Phase == Phase.DataMigration || d.Locks.Any(l => !l.Brief && l.Mode is LockMode.ShareUpdateExclusive or >= LockMode.Share));

    /// <summary>
    /// The pre-migration step's time: its catalog reads (one metadata-only statement's time) plus every go/no-go check
    /// that runs unasked; the optional ones are stated apart, not counted.
    /// </summary>
    private static Estimate PreCheckEstimate(ThroughputModel model, List<GoNoGoCheck> goNoGo, int catalogQueries)
    {
        var run = goNoGo.Where(c => !c.Optional).ToList();
        var optional = goNoGo.Where(c => c.Optional).ToList();
        double catalog = new Estimator(model).CatalogQueries(catalogQueries);
        double seconds = catalog + run.Sum(c => c.Cost.Seconds);
        var basis = goNoGo.Count == 0 ? Message.Of("basis.pre-migration-catalog-reads", Seconds(catalog))
            : optional.Count == 0 ? Message.Of("basis.pre-migration-go-no-go", Seconds(catalog), Count(run.Count), Seconds(run.Sum(c => c.Cost.Seconds)))
            : Message.Of("basis.pre-migration-go-no-go-optional", Seconds(catalog), Count(run.Count), Seconds(run.Sum(c => c.Cost.Seconds)),
                Count(optional.Count), Seconds(optional.Sum(c => c.Cost.Seconds)));
        return new Estimate(seconds, basis);
    }

    private static ImmutableArray<Message> Assumptions(PlanInputs inputs, PlanOptions options, List<string> missing, List<StepDraft> drafts, List<string> unmatchedStats)
    {
        var list = new List<Message>();
        list.Add(options.PgVersionGiven ? Message.Of("assumption.pg-version-given", Number(options.PgVersion))
            : inputs.Live is { } live ? Message.Of("assumption.pg-version-live", Number(options.PgVersion), Number(live.ServerVersionNum))
            : Message.Of("assumption.pg-version-default", Number(options.PgVersion)));
        if (inputs.Stats is null)
        {
            list.Add(Message.Of("assumption.no-stats", Count(options.Throughput.DefaultRows), Number(options.Throughput.DefaultRowBytes)));
        }
        else
        {
            if (missing.Count > 0)
            {
                list.Add(Message.Of("assumption.tables-without-stats", Number(missing.Count), MessageLists.FirstTenNames(missing), Count(options.Throughput.DefaultRows)));
            }

            if (unmatchedStats.Count > 0)
            {
                list.Add(Message.Of("assumption.unmatched-stats", Number(unmatchedStats.Count), MessageLists.FirstTenNames(unmatchedStats)));
            }
        }

        if (drafts.Any(d => d.Phase == Phase.DataMigration))
        {
            list.Add(Message.Of("assumption.batches", Count(options.BatchSize), Text(Operations.BatchLoops.PauseSeconds)));
        }

        list.Add(Message.Of("assumption.timeouts", Text(TimeoutPolicy.BriefLockTimeout), Text(TimeoutPolicy.BriefStatementTimeout)));
        list.AddRange(options.Throughput.Describe());
        if (drafts.Any(d => d.Kind == "create_index" && !d.Transactional))
        {
            list.Add(Message.Of("assumption.index-build-memory", Text(Operations.CreateIndexOperation.MaintenanceWorkMem)));
        }

        if (drafts.Any(d => d.Kind == "backfill"))
        {
            list.Add(Message.Of("assumption.backfill-matches-every-row"));
        }

        // Per column: only a column added without a (constant) default is NULL in existing rows until its backfill.
        if (AddedColumns(drafts.Where(d => d.LeavesExistingRowsNull)) is { } nullUntilBackfill)
        {
            list.Add(Message.Of("assumption.added-columns-between-phases", nullUntilBackfill));
        }

        if (AddedColumns(drafts.Where(d => d.Kind == "add_column" && d.FillsExistingRows)) is { } filled)
        {
            list.Add(Message.Of("assumption.added-columns-filled", filled));
        }

        list.Add(Message.Of("assumption.psql-and-roles"));
        list.Add(Message.Of("assumption.approved-and-access"));
        return [.. list];
    }

    /// <summary>
    /// What must hold before the plan starts, and the gates inside it: the steps before which an application
    /// release must be live (by index in <paramref name="drafts"/>). Step numbers count the pre-migration checks as step 1.
    /// </summary>
    private static (ImmutableArray<Message> List, Dictionary<int, ImmutableArray<Message>> Gates) Prerequisites(List<StepDraft> drafts)
    {
        var gates = new Dictionary<int, ImmutableArray<Message>>();
        var list = new List<Message> { Message.Of("prerequisite.backup-before-step-1") };

        // A gate is said twice: inside "Before step N: ..." in the prerequisites, and on its own in the step's gate.
        void AddGate(int index, string what, params MessageArg[] args) =>
            gates[index] = gates.GetValueOrDefault(index, []).Add(Message.Of("confirm." + what, args));
        void Gate(int index, string what, params MessageArg[] args)
        {
            list.Add(Message.Of("prerequisite.before-step", Number(index + 2), Message.Of("gate." + what, args)));
            AddGate(index, what, args);
        }

        // Not a column whose values the server computes (GENERATED ... STORED, identity): the application cannot write it.
        var added = AddedColumns(drafts.Where(d => !d.ServerComputed));
        int firstData = drafts.FindIndex(d => d.Phase == Phase.DataMigration);
        if (added is { } columns)
        {
            const string What = "release-writes-added-columns";
            var what = Message.Of("gate." + What, columns);
            int firstCleanup = drafts.FindIndex(d => d.Phase == Phase.Cleanup);
            if (firstData >= 0)
            {
                list.Add(Message.Of("prerequisite.before-first-backfill", Number(firstData + 2), what));
                AddGate(firstData, What, columns);
            }
            else
            {
                list.Add(Message.Of("prerequisite.before-cleanup", what));
                if (firstCleanup >= 0)
                {
                    AddGate(firstCleanup, What, columns);
                }
            }
        }

        int firstCheck = drafts.FindIndex(d => d.Kind is "check_not_null" or "add_constraint" && d.Phase == Phase.Cleanup);
        if (firstCheck >= 0)
        {
            Gate(firstCheck, "backfills-verified");
        }

        int firstDestructive = drafts.FindIndex(d => d.Destructive);
        if (firstDestructive >= 0)
        {
            Gate(firstDestructive, "release-stops-using-dropped", MessageLists.Of(drafts.Where(d => d.Destructive).Select(d => d.Title)));
        }

        // Deploy gates an operation states itself (a rename's: the application reads through a compatibility view,
        // then uses the new name): said here too, in step order.
        for (int i = 0; i < drafts.Count; i++)
        {
            foreach (var confirm in drafts[i].Gate.Confirm)
            {
                list.Add(Message.Of("prerequisite.before-step", Number(i + 2), confirm));
            }
        }

        if (drafts.Any(d => !d.Analysed))
        {
            list.Add(Message.Of("prerequisite.unanalysed-reviewed"));
        }

        if (FillsDisk(drafts))
        {
            list.Add(Message.Of("prerequisite.disk-headroom"));
        }

        list.Add(Message.Of("prerequisite.dba-approval"));
        list.Add(Message.Of("prerequisite.ops-notified"));
        return ([.. list], gates);
    }

    /// <summary>The columns the change adds, as a list (see <see cref="MessageLists"/>); null when it adds none.</summary>
    private static MessageArg? AddedColumns(IEnumerable<StepDraft> drafts)
    {
        // An add_column step's title names the table and the column; a grouped one's nests its first member's.
        var columns = drafts.Where(d => d.Kind == "add_column").Select(d => d.Title.Id == "title.grouped" && d.Title.Args[0].Nested is { } first
            ? Message.Of("list.column-and-more", first.Args[0], first.Args[1], d.Title.Args[1])
            : Message.Of("list.column", d.Title.Args[0], d.Title.Args[1])).ToList();
        return columns.Count == 0 ? default(MessageArg?) : MessageLists.Of(columns);
    }
}
