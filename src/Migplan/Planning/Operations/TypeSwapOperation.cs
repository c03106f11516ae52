using System.Collections.Immutable;
using Migplan.Analysis;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// The online form of a rewriting type change (pgroll's): int → bigint (any integer widening) on an existing table's
/// single-column primary key, referenced by foreign keys or not. Expand: a shadow column of the new type, a trigger
/// keeping it in sync and a NOT VALID NOT NULL check; a batched backfill; the check validated and a unique index built
/// CONCURRENTLY; the swap in one short transaction (old key and referencing keys dropped, columns renamed, the key
/// added USING INDEX, default and sequence moved, foreign keys re-added NOT VALID); each foreign key validated in a
/// step of its own; the old column dropped in Cleanup. Which type changes take it is <see cref="Applies"/>'s rule.
/// </summary>
public sealed class TypeSwapOperation(SourceLocation origin, TableFacts table, Identifier column, TypeName oldType, TypeName newType, Identifier primaryKey, ImmutableArray<TypeChangeLink> referencing)
    : Operation(origin)
{
    /// <summary>
    /// The rule: the change widens an integer type (no USING), on the single-column primary key of a table that exists
    /// before the change and is not known to be empty, neither partitioned nor a partition, where the column is not
    /// identity (serial is fine) or generated, no other index or constraint of the table uses it, every foreign key reaching it comes
    /// from another, unpartitioned table, and the server proves NOT NULL from a validated check (PostgreSQL 12+).
    /// Every other rewriting type change is one ALTER for a maintenance window.
    /// </summary>
    internal static TypeSwapOperation? Applies(PlanningScope scope, Table table, Column column, TypeName oldType, AlterColumnTypeAction a, ImmutableArray<TypeChangeLink> links)
    {
        var facts = scope.Facts(table);
        if (a.Using is not null || !SequenceWidening.Widens(oldType, a.Type) || facts.IsEmpty || table.IsPartitioned || table.PartitionParent is not null
            || column.Identity && !SerialTypes.IsSerial(column.Type) || column.Generated || !scope.Capabilities.NotNullFromValidCheck || !scope.Capabilities.CommitInDoBlock
            || table.PrimaryKey is not { Name: { } pk } key || key.Columns.Count != 1 || key.Columns[0].Value != column.Name.Value)
        {
            return null;
        }

        bool otherUse = table.Indexes.Any(i => i.Name.Name.Value != pk.Value && i.Columns.Any(c => c is null || c.Value == column.Name.Value))
            || table.Constraints.Any(c => c != key && c.Kind != ConstraintKind.NotNull && (c.Columns.Any(col => col.Value == column.Name.Value) || c.Kind == ConstraintKind.Check && c.Check is null));
        bool linksOk = links.All(l => l.Referencing && l.Definition is not null && l.Other.Name.Key != facts.Name.Key
            && scope.Catalog.FindTable(l.Other.Name) is { IsPartitioned: false, PartitionParent: null });
        return otherUse || !linksOk ? null : new TypeSwapOperation(a.Location, facts, column.Name, oldType, a.Type, pk, links);
    }

    private TypeSwapSql Sql => new(table.Name, column, SequenceWidening.Integer(newType)!, SequenceWidening.Integer(oldType)!, primaryKey, referencing);

    private string Col => table.Name.Name.Value + "." + column.Value;

    private string SlugOf(string kind) => $"{kind}.{table.Name.Name.Value}_{column.Value}";

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var sql = Sql;
        var t = table.Name;
        var ae = new LockTaken(LockMode.AccessExclusive, t, Brief: true);
        var referencingLocks = referencing.Select(l => l.Other.Name).DistinctBy(n => n.Key).ToList();
        string to = SequenceWidening.Integer(newType)!;
        string from = SequenceWidening.Integer(oldType)!;

        var expandActions = ImmutableArray.CreateBuilder<Message>();
        expandActions.Add(Message.Of("action.type-swap-rule", Name(Col), Code(oldType.Text), Code(newType.Text)));
        expandActions.Add(Message.Of("action.type-swap-expand", Name(sql.New.Value), Name(sql.Trigger.Value), Name(sql.NotNullCheck.Value)));
        yield return new StepDraft(Phase.SchemaChanges, SlugOf("type_swap_expand"), Message.Of("title.type-swap-expand", Name(table.Name.Name.Value), Name(column.Value), Code(newType.Text)),
            [new Command(sql.AddColumn), new Command(sql.ForwardSync), new Command(sql.CreateTrigger),
             new Command(PlanSql.AddConstraintIfMissing(t, sql.NotNullCheck, $"CHECK ({sql.New.Quoted} IS NOT NULL) NOT VALID"))],
            [ae], AsIs.BriefImpact("ACCESS EXCLUSIVE", t.Quoted), TimeoutPolicy.Brief,
            new Rollback([new Command(sql.DropSync), new Command($"ALTER TABLE {t.Quoted} DROP COLUMN IF EXISTS {sql.New.Quoted};\n")], DataLoss.NewObjectsOnly, Message.Of("rollback.type-swap-expand", Name(sql.New.Value))),
            PlanSql.ColumnExists(t, sql.New), context.Estimator.Metadata(), RiskLevel.Low, Message.Of("risk.type-swap-expand"), expandActions.ToImmutable());

        string dml = sql.Backfill(BatchLoops.KeyRange(table.Key, table.Key.Select(k => k.Name.Quoted)));
        yield return new StepDraft(Phase.DataMigration, SlugOf("type_swap_backfill"), Message.Of("title.backfill", Name(table.Name.Name.Value), Name(sql.New.Value)),
            [new Command(BatchLoops.Keyset(table, context.BatchSize, dml, frozenTime: false)) { OutsideTransaction = true }],
            [new LockTaken(LockMode.RowExclusive, t, Brief: false)], Message.Of("impact.batched-dml", Name(t)), TimeoutPolicy.Backfill,
            new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.new-columns-removed-with-step")),
            new Verification($"SELECT pg_catalog.count(*) FROM {t.Quoted} WHERE {sql.New.Quoted} IS DISTINCT FROM {column.Quoted};", "0"),
            context.Estimator.Batches(table, table.Rows, context.BatchSize, delete: false), RiskLevel.Medium, Message.Of("risk.type-swap-backfill", Count(table.Rows)),
            [Message.Of("action.type-swap-backfill", Name(sql.New.Value), Name(column.Value))]);

        yield return new StepDraft(Phase.DataMigration, SlugOf("type_swap_check"), Message.Of("title.validate", Name(sql.NotNullCheck.Value)),
            $"ALTER TABLE {t.Quoted} VALIDATE CONSTRAINT {sql.NotNullCheck.Quoted};\n", true,
            [new LockTaken(LockMode.ShareUpdateExclusive, t, Brief: false)], Message.Of("impact.validate-not-null-scan", Name(t)), TimeoutPolicy.LongScan,
            new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo")),
            PlanSql.ConstraintValidated(t, sql.NotNullCheck), context.Estimator.Scan(table), RiskLevel.Low, Message.Of("risk.type-swap-check"),
            [Message.Of("action.type-swap-check", Name(sql.New.Value))]);

        string regclass = SqlText.Literal(sql.Index.Quoted);
        yield return new StepDraft(Phase.DataMigration, SlugOf("type_swap_index"), Message.Of("title.create-index-concurrently", Name(sql.Index.Name.Value)),
            [
                new Command($"DROP INDEX CONCURRENTLY IF EXISTS {sql.Index.Quoted};\n")
                {
                    Label = Message.Of("label.drop-invalid-index-first"),
                    OutsideTransaction = true,
                    OnlyIf = $"EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass({regclass})::oid AND NOT indisvalid)",
                },
                new Command($"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {sql.Index.Name.Quoted} ON {t.Quoted} ({sql.New.Quoted});\n") { OutsideTransaction = true },
            ],
            [new LockTaken(LockMode.ShareUpdateExclusive, t, Brief: false)], Message.Of("impact.create-unique-index-concurrently", Name(t), Bytes(table.Bytes)),
            TimeoutPolicy.ConcurrentIndex,
            new Rollback([new Command($"DROP INDEX CONCURRENTLY IF EXISTS {sql.Index.Quoted};\n") { OutsideTransaction = true }], DataLoss.None, Message.Of("rollback.drop-index"))
            {
                Timeouts = TimeoutPolicy.ConcurrentIndex,
            },
            PlanSql.IndexValid(sql.Index), context.Estimator.IndexBuild(table), RiskLevel.Medium, Message.Of("risk.create-index-concurrently", Count(table.Rows)),
            [Message.Of("action.build-index-concurrently", Name(sql.Index.Name.Value))])
        {
            ExtraSettings = [new Setting("maintenance_work_mem", CreateIndexOperation.MaintenanceWorkMem)],
        };

        var swapActions = ImmutableArray.CreateBuilder<Message>();
        swapActions.Add(Message.Of("action.type-swap", Name(Col), Name(primaryKey.Value), Name(sql.Index.Name.Value)));
        foreach (var l in referencing.Where(l => l.OtherColumnTypes.Any(ty => SequenceWidening.Widens(ty, newType))))
        {
            swapActions.Add(Message.Of("action.type-swap-referencing-narrower", Name(l.Other.Name.Name.Value + "." + string.Join(", ", l.Columns.Select(c => c.Value))), Code(newType.Text), Name(l.Constraint.Value)));
        }

        var swapLocks = new List<LockTaken> { ae };
        swapLocks.AddRange(referencingLocks.Select(r => new LockTaken(LockMode.AccessExclusive, r, Brief: true)));
        yield return new StepDraft(Phase.DataMigration, SlugOf("type_swap"), Message.Of("title.type-swap", Name(table.Name.Name.Value), Name(column.Value), Code(newType.Text)),
            [new Command(sql.Swap(SequenceWidening.Widen(to)))],
            [.. swapLocks],
            referencingLocks.Count == 0 ? AsIs.BriefImpact("ACCESS EXCLUSIVE", t.Quoted) : Message.Of("impact.type-swap-foreign-keys", Name(t), List(referencingLocks.Select(r => Message.Of("list.name", Name(r))))),
            TimeoutPolicy.Brief,
            new Rollback([new Command(sql.Unswap(SequenceWidening.Narrow(t, column, from, to)))], DataLoss.None, Message.Of("rollback.type-swap", Code(oldType.Text), Name(sql.Index.Name.Value)))
            {
                Timeouts = TimeoutPolicy.Window,
            },
            new Verification($"SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(t)} AND attname = {SqlText.Literal(column.Value)} AND NOT attisdropped;", TypeDisplay.FormatType(newType)),
            context.Estimator.Metadata(), RiskLevel.Medium, Message.Of("risk.type-swap"), swapActions.ToImmutable());

        foreach (var l in referencing)
        {
            yield return new StepDraft(Phase.DataMigration, $"validate_fk.{l.Other.Name.Name.Value}_{l.Constraint.Value}", Message.Of("title.validate", Name(l.Constraint.Value)),
                $"ALTER TABLE {l.Other.Name.Quoted} VALIDATE CONSTRAINT {l.Constraint.Quoted};\n", true,
                [new LockTaken(LockMode.ShareUpdateExclusive, l.Other.Name, Brief: false), new LockTaken(LockMode.RowShare, t, Brief: false)],
                Message.Of("impact.validate-foreign-key-scan", Name(l.Other.Name), Name(t)), TimeoutPolicy.LongScan,
                new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo")),
                PlanSql.ConstraintValidated(l.Other.Name, l.Constraint), context.Estimator.ForeignKeyValidation(l.Other, table), RiskLevel.Low,
                Message.Of("risk.type-swap-validate-fk"), [Message.Of("action.type-swap-validate-fk", Name(l.Constraint.Value))]);
        }

        yield return new StepDraft(Phase.Cleanup, SlugOf("type_swap_drop_old"), Message.Of("title.drop-column", Name(table.Name.Name.Value), Name(sql.Old.Value)),
            [new Command(sql.DropSync), new Command($"ALTER TABLE {t.Quoted} DROP COLUMN IF EXISTS {sql.Old.Quoted};\n")],
            [ae], AsIs.BriefImpact("ACCESS EXCLUSIVE", t.Quoted), TimeoutPolicy.Brief,
            new Rollback(Message.Of("by-hand.type-swap-old-column-gone", Name(Col), Code(oldType.Text)), DataLoss.None, Message.Of("rollback.type-swap-old-column-gone")),
            PlanSql.ColumnAbsent(t, sql.Old), context.Estimator.Metadata(), RiskLevel.Medium, Message.Of("risk.type-swap-drop-old"),
            [Message.Of("action.type-swap-drop-old", Name(sql.Old.Value), Code(oldType.Text))])
        {
            Destructive = true,
            Group = StepGroup.Destructive,
        };
    }
}
