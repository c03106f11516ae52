using System.Collections.Immutable;
using System.Text;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// CREATE [UNIQUE] INDEX on an existing table becomes CREATE INDEX CONCURRENTLY IF NOT EXISTS in its own
/// non-transactional step, preceded by the cleanup of an INVALID index a failed build left behind and
/// followed by a check that the index is valid (IF NOT EXISTS alone would accept an invalid one).
/// On a table the change creates, the index is built as written.
/// </summary>
public sealed class CreateIndexOperation(SourceLocation origin, TableFacts table, CreateIndexStatement index, QualifiedName indexName, bool afterBackfill)
    : Operation(origin)
{
    /// <summary>
    /// CREATE INDEX on a table of the schema (null when the table is missing: the schema applier reports it).
    /// The planner moves it after the backfills of the columns it covers (<see cref="ChangeFacts.PendingIndexes"/>).
    /// </summary>
    internal static CreateIndexOperation? For(PlanningScope scope, CreateIndexStatement s)
    {
        var table = scope.Catalog.FindTable(s.Table);
        if (table is null)
        {
            return null;
        }

        var name = new QualifiedName(table.Name.Schema, s.Name ?? throw new System.Diagnostics.UnreachableException("indexes are named by StatementNaming before they are planned"));
        var columns = s.Elements.SelectMany(e => e.Column is not null ? [e.Column.Value] : e.Expression?.Columns.Select(c => c.Column.Value) ?? [])
            .Concat(s.Where?.Columns.Select(c => c.Column.Value) ?? [])
            .ToList();
        string key = table.Name.Key;
        bool backfilledEarlier = columns.Any(c => scope.Change.Backfilled.Contains(key + "." + c));
        var op = new CreateIndexOperation(s.Location, scope.Facts(table), s, name, afterBackfill: false)
        {
            DuplicatesCheckable = !table.CreatedInChange && columns.All(c => table.FindColumn(new Identifier(c)) is not { AddedInChange: true })
                && scope.Loaded.Unchanged(table, columns.Select(c => new Identifier(c))),
            TableId = table.Id,
            OnlyOnPartitioned = table.IsPartitioned && s.Only,
            Partitions = table.IsPartitioned && !table.CreatedInChange && !s.Only
                ? PartitionedIndex.Of(scope, table, name, [.. s.Elements.Select(e => e.ColumnName).Concat(s.Include.Select(i => i.Value))], PartitionIndexes.Kind.Index)
                : null,
        };
        scope.Change.PendingIndexes.Add((op, key, columns, backfilledEarlier));
        return op;
    }

    public QualifiedName IndexName { get; } = indexName;

    /// <summary>Sort memory for the build's session (the default 64MB spills a large sort to disk).</summary>
    public const string MaintenanceWorkMem = "512MB";

    /// <summary>True when the duplicate check can run before the change (it reads no column the change creates).</summary>
    public bool DuplicatesCheckable { get; init; }

    /// <summary>The catalog id of the table (which survives renames), to ask whether the change writes it.</summary>
    public int? TableId { get; init; }

    /// <summary>On a partitioned table of the schema: its partitions and their indexes' names (built one partition at a time).</summary>
    public PartitionedIndex? Partitions { get; init; }

    /// <summary>CREATE INDEX ... ON ONLY a partitioned table, as written: an INVALID index of that table alone, made in a moment.</summary>
    public bool OnlyOnPartitioned { get; init; }

    /// <summary>The same index, built after the change's backfills (it covers a backfilled column).</summary>
    public CreateIndexOperation AfterBackfill() =>
        new(Origin, table, index, IndexName, afterBackfill: true) { DuplicatesCheckable = DuplicatesCheckable, TableId = TableId, Partitions = Partitions, OnlyOnPartitioned = OnlyOnPartitioned };

    public override IEnumerable<StepDraft> Steps(PlanContext context) => Partitions is { } partitions ? PartitionedSteps(context, partitions) : TableSteps(context);

    /// <summary>
    /// Each leaf partition's index CONCURRENTLY in a step of its own, then the brief step that makes the index ON ONLY the
    /// partitioned table and attaches them (see <see cref="PartitionedIndex"/>).
    /// </summary>
    private IEnumerable<StepDraft> PartitionedSteps(PlanContext context, PartitionedIndex partitions)
    {
        foreach (var leaf in partitions.Leaves)
        {
            var leafIndex = index with { Name = leaf.Index.Name, Table = leaf.Table.Name, Only = false, Concurrently = false, IfNotExists = false };
            foreach (var step in new CreateIndexOperation(Origin, leaf.Table, leafIndex, leaf.Index, afterBackfill) { DuplicatesCheckable = DuplicatesCheckable }.Steps(context))
            {
                yield return step;
            }
        }

        var rollback = new Rollback($"DROP INDEX IF EXISTS {IndexName.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-partitioned-index", Name(IndexName.Name.Value)))
        {
            Timeouts = TimeoutPolicy.Brief,
        };
        yield return partitions.AttachStep(context, afterBackfill ? Phase.DataMigration : Phase.SchemaChanges, afterBackfill ? StepGroup.AfterBackfill : StepGroup.Main,
            key: false, (t, i) => PartitionedIndex.CreateOnly(index, t, i), rollback, Message.Of("risk.attach-partition-indexes"));
    }

    private IEnumerable<StepDraft> TableSteps(PlanContext context)
    {
        string target = table.Name.Quoted;
        string definition = Definition(index);
        string slug = $"create_index.{IndexName.Name.Value}";
        var rollback = new Rollback([new Command($"DROP INDEX CONCURRENTLY IF EXISTS {IndexName.Quoted};\n") { OutsideTransaction = true }], DataLoss.None,
            Message.Of("rollback.drop-index")) { Timeouts = TimeoutPolicy.ConcurrentIndex };

        if (OnlyOnPartitioned)
        {
            // No CONCURRENTLY (PostgreSQL refuses it on a partitioned table), and nothing to build: SHARE on this table alone, for a moment.
            yield return new StepDraft(Phase.SchemaChanges, slug, Message.Of("title.create-index", Name(IndexName.Name.Value)),
                [PartitionedIndex.CreateOnly(index, table.Name, IndexName)], [new LockTaken(LockMode.Share, table.Name, Brief: true)],
                AsIs.BriefImpact("SHARE", target), TimeoutPolicy.Brief,
                new Rollback($"DROP INDEX IF EXISTS {IndexName.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-partitioned-index", Name(IndexName.Name.Value))),
                PlanSql.RelationExists(IndexName), context.Estimator.Metadata(), RiskLevel.Low,
                Message.Of("risk.index-on-only-partitioned", Name(target)), [Message.Of("action.index-on-only-partitioned", Name(IndexName.Name.Value))]);
            yield break;
        }

        if (table.IsEmpty)
        {
            yield return new StepDraft(Phase.SchemaChanges, slug, Message.Of("title.create-index", Name(IndexName.Name.Value)),
                $"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX IF NOT EXISTS {IndexName.Name.Quoted} ON {target} {definition};\n", true,
                [new LockTaken(LockMode.Share, table.Name, Brief: true)],
                Message.Of("impact.share-on-empty-table", Name(target)), TimeoutPolicy.Brief,
                new Rollback($"DROP INDEX IF EXISTS {IndexName.Quoted};\n", DataLoss.None, rollback.Description), PlanSql.IndexValid(IndexName), context.Estimator.Metadata(), RiskLevel.Low,
                Message.Of("risk.table-created-and-empty", Name(target)), [Message.Of("action.build-index-on-new-table")]);
            yield break;
        }

        string regclass = SqlText.Literal(IndexName.Quoted);
        string body =
            "BEGIN\n" +
            $"  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass({regclass})::oid), false) THEN\n" +
            $"    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', {regclass};\n" +
            "  END IF;\n" +
            "END\n";
        ImmutableArray<Command> commands =
        [
            new Command($"DROP INDEX CONCURRENTLY IF EXISTS {IndexName.Quoted};\n")
            {
                Label = Message.Of("label.drop-invalid-index-first"),
                OutsideTransaction = true,
                OnlyIf = $"EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass({regclass})::oid AND NOT indisvalid)",
            },
            new Command($"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX CONCURRENTLY IF NOT EXISTS {IndexName.Name.Quoted} ON {target} {definition};\n") { OutsideTransaction = true },
            new Command(SqlText.DoBlock(body)) { Label = Message.Of("label.fail-unless-index-valid") },
        ];

        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(Message.Of("action.build-index-concurrently", Name(IndexName.Name.Value)));
        if (afterBackfill)
        {
            actions.Add(Message.Of("action.index-after-backfill"));
        }

        Verification? duplicates = null;
        if (index.Unique)
        {
            string keys = string.Join(", ", index.Elements.Select(e => e.Column?.Quoted ?? "(" + (e.Expression?.Text ?? e.Text) + ")"));
            string where = index.Where is null ? string.Empty : $" WHERE {index.Where.Text}";
            string query = $"SELECT {keys}, pg_catalog.count(*) FROM {target}{where} GROUP BY {keys} HAVING pg_catalog.count(*) > 1 LIMIT 10;";
            duplicates = new Verification(query, Expectation.NoRows) { Label = Message.Of("check.no-duplicates", Name(IndexName.Name.Value)) };
            actions.Add(Message.Of(DuplicatesCheckable ? "action.check-duplicates-in-pre-checks" : "action.check-duplicates-once-filled", Code(query)));
        }

        var risk = table.Bytes > 10_000_000_000 ? RiskLevel.High : RiskLevel.Medium;
        yield return new StepDraft(afterBackfill ? Phase.DataMigration : Phase.SchemaChanges, slug, Message.Of("title.create-index-concurrently", Name(IndexName.Name.Value)),
            commands,
            [new LockTaken(LockMode.ShareUpdateExclusive, table.Name, Brief: false)],
            Message.Of(index.Unique ? "impact.create-unique-index-concurrently" : "impact.create-index-concurrently", Name(target), Bytes(table.Bytes)),
            TimeoutPolicy.ConcurrentIndex, rollback, PlanSql.IndexValid(IndexName), context.Estimator.IndexBuild(table), risk,
            Message.Of("risk.create-index-concurrently", Count(table.Rows)),
            actions.ToImmutable())
        {
            Group = afterBackfill ? StepGroup.AfterBackfill : StepGroup.Main,
            ExtraSettings = [new Setting("maintenance_work_mem", MaintenanceWorkMem)],
            Gate = duplicates is null ? Gate.None : new Gate([duplicates], []),
            PreChecks = duplicates is null || !DuplicatesCheckable ? []
                : [GoNoGoChecks.Duplicates(context, table, duplicates.Sql, IndexName.Name, informative: afterBackfill || TableId is { } id && context.Change.DmlStatementsOn(id) > 0)],
        };
    }

    /// <summary>The part after ON table: method, elements, INCLUDE, NULLS NOT DISTINCT, WITH, TABLESPACE, WHERE — as written.</summary>
    public static string Definition(CreateIndexStatement index)
    {
        var sb = new StringBuilder();
        if (index.Method is not null)
        {
            sb.Append("USING ").Append(new Identifier(index.Method).Quoted).Append(' '); // the parsed name, quoted again: it may be "a'b"
        }

        sb.Append('(').Append(string.Join(", ", index.Elements.Select(e => e.Text))).Append(')');
        if (index.Include.Length > 0)
        {
            sb.Append(" INCLUDE (").Append(string.Join(", ", index.Include.Select(i => i.Quoted))).Append(')');
        }

        if (index.NullsNotDistinct)
        {
            sb.Append(" NULLS NOT DISTINCT");
        }

        if (index.With is not null)
        {
            sb.Append(" WITH (").Append(index.With).Append(')');
        }

        if (index.Tablespace is not null)
        {
            sb.Append(" TABLESPACE ").Append(new Identifier(index.Tablespace).Quoted);
        }

        if (index.Where is not null)
        {
            sb.Append(" WHERE ").Append(index.Where.Text);
        }

        return sb.ToString();
    }
}
