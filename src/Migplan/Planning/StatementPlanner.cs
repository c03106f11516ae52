using System.Collections.Immutable;
using Migplan.Analysis;
using Migplan.Planning.Operations;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>
/// Turns one change statement into operations, looking at the schema as it is just before the
/// statement (the caller applies the statement to the catalog afterwards).
/// </summary>
internal sealed class StatementPlanner(PlanningScope scope)
{
    private readonly Catalog catalog = scope.Catalog;
    private readonly ChangeFacts facts = scope.Change;
    private readonly AlterTablePlanner alterTable = new(scope);

    public IEnumerable<Operation> Plan(Statement statement) => statement switch
    {
        AlterTableStatement s => alterTable.Plan(s),
        CreateTableStatement s => [CreateTable(s)],
        CreateIndexStatement s => CreateIndex(s),
        DropTableStatement s => s.Names.SelectMany(n => DropTable(s, n)),
        DropIndexStatement s => s.Names.SelectMany(n => DropIndex(s, n)),
        UpdateStatement s => Dml(s.Location, false, s.Table, s.Alias, s.Set, s.From, s.Where),
        DeleteStatement s => Dml(s.Location, true, s.Table, s.Alias, [], s.Using, s.Where),
        InsertStatement s => [Insert(s)],
        TruncateStatement s => [Truncate(s)],
        CreateTypeStatement s => [new AsIs(Phase.SchemaChanges, $"create_type.{s.Name.Name.Value}", $"Create type {s.Name.Name.Value}", s.Text + ";\n")
        {
            Rollback = new Rollback($"DROP TYPE IF EXISTS {catalog.Resolve(s.Name).Quoted};\n", DataLoss.None, "Drops the new type (nothing uses it yet)."),
            Verification = new Verification($"SELECT to_regtype({SqlText.Literal(catalog.Resolve(s.Name).Quoted)}) IS NOT NULL;", "t"),
            Actions = ["Create the type: catalog only, no table lock."],
        }.Build(s.Location)],
        CreateSequenceStatement s => [new AsIs(Phase.SchemaChanges, $"create_sequence.{s.Name.Name.Value}", $"Create sequence {s.Name.Name.Value}", s.Text + ";\n")
        {
            Rollback = new Rollback($"DROP SEQUENCE IF EXISTS {catalog.Resolve(s.Name).Quoted};\n", DataLoss.None, "Drops the new sequence."),
            Verification = PlanSql.RelationExists(catalog.Resolve(s.Name)),
            Actions = ["Create the sequence: catalog only, no table lock."],
        }.Build(s.Location)],
        AlterTypeAddValueStatement s => [new AsIs(Phase.SchemaChanges, $"enum_add_value.{s.Type.Name.Value}", $"Add value {s.Label} to type {s.Type.Name.Value}",
            $"ALTER TYPE {catalog.Resolve(s.Type).Quoted} ADD VALUE IF NOT EXISTS {SqlText.Literal(s.Label)}{(s.Position is null ? string.Empty : " " + s.Position)};\n")
        {
            Transactional = false,
            Rollback = new Rollback("-- An enum value cannot be removed in place; leave it unused (harmless), or recreate the type in a maintenance window.\n", DataLoss.None,
                "Enum values cannot be dropped; an unused value is harmless."),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_enum WHERE enumtypid = {SqlText.Literal(catalog.Resolve(s.Type).Quoted)}::regtype::oid AND enumlabel = {SqlText.Literal(s.Label)};", "1"),
            Actions = ["Own step, committed before any statement uses the new value (it cannot be used in the transaction that adds it)."],
        }.Build(s.Location)],
        OpaqueStatement s => [Unanalysed(s, s.Reason)],
        TransactionStatement or SetStatement => [],
        _ => throw new System.Diagnostics.UnreachableException(statement.GetType().Name),
    };

    private static Operation Unanalysed(Statement s, string reason) =>
        new AsIs(Phase.SchemaChanges, "unanalysed", "Not analysed: review by hand", s.Text + ";\n")
        {
            Analysed = false,
            Impact = "Unknown: this statement was not analysed. Review its locks and duration by hand before running it.",
            Timeouts = TimeoutPolicy.Unanalysed,
            Rollback = new Rollback("-- Not analysed: write this rollback by hand.\n", DataLoss.Unknown, "Not analysed: write the rollback by hand and judge its data loss."),
            Verification = new Verification("-- not analysed: verify by hand", "checked by the reviewer"),
            Risk = RiskLevel.Medium,
            RiskReason = $"Not analysed ({reason}): carried verbatim, review by hand.",
            Actions = [$"Carried verbatim from {s.Location}: {reason}. Review by hand."],
        }.Build(s.Location);

    private TableFacts Facts(Table table) => scope.Facts(table);

    private Operation CreateTable(CreateTableStatement s)
    {
        var name = catalog.Resolve(s.Name);
        var referenced = s.Constraints.OfType<ForeignKeyConstraint>().Select(f => f.Reference.Table)
            .Concat(s.Columns.SelectMany(c => c.Constraints.OfType<ReferencesColumnConstraint>()).Select(r => r.Reference.Table))
            .Select(catalog.Resolve).DistinctBy(n => n.Key).ToList();
        string lockText = referenced.Count == 0 ? "No lock on existing tables."
            : $"SHARE ROW EXCLUSIVE on {string.Join(", ", referenced.Select(r => r.Quoted))} (its foreign keys) for milliseconds once granted: writes to them wait while it waits (at most lock_timeout).";
        return new AsIs(Phase.SchemaChanges, $"create_table.{name.Name.Value}", $"Create table {name.Name.Value}", s.Text + ";\n")
        {
            Lock = referenced.Count == 0 ? null : new LockTaken(LockMode.ShareRowExclusive, string.Join(", ", referenced.Select(r => r.Quoted)), Brief: true),
            Timeouts = referenced.Count == 0 ? null : TimeoutPolicy.Brief,
            Impact = lockText,
            Rollback = new Rollback($"DROP TABLE IF EXISTS {name.Quoted};\n", DataLoss.DataLoss, $"Drops the new table and anything written to it since."),
            Verification = PlanSql.RelationExists(name),
            RiskReason = "A new table: nothing reads it yet.",
            Actions = [$"Create {name.Quoted}."],
        }.Build(s.Location);
    }

    private IEnumerable<Operation> CreateIndex(CreateIndexStatement s)
    {
        var table = catalog.FindTable(s.Table);
        if (table is null)
        {
            yield break; // reported by the schema applier
        }

        var name = new QualifiedName(table.Name.Schema, s.Name ?? throw new System.Diagnostics.UnreachableException("indexes are named by StatementNaming before they are planned"));
        var t = Facts(table);
        var columns = s.Elements.SelectMany(e => e.Column is not null ? [e.Column.Value] : e.Expression?.Columns.Select(c => c.Column.Value) ?? [])
            .Concat(s.Where?.Columns.Select(c => c.Column.Value) ?? [])
            .ToList();
        string key = table.Name.Key;
        bool backfilledEarlier = columns.Any(c => facts.Backfilled.Contains(key + "." + c));
        var op = new CreateIndexOperation(s.Location, t, s, name, afterBackfill: false)
        {
            DuplicatesCheckable = !table.CreatedInChange && columns.All(c => table.FindColumn(new Identifier(c)) is not { AddedInChange: true }),
        };
        facts.PendingIndexes.Add((op, key, columns, backfilledEarlier));
        yield return op;
    }

    private IEnumerable<Operation> DropTable(DropTableStatement s, QualifiedName n)
    {
        var table = catalog.FindTable(n);
        if (table is null)
        {
            if (s.IfExists)
            {
                yield return new AsIs(Phase.Cleanup, $"drop_table.{n.Name.Value}", $"Drop table {n.Name.Value} if it exists", $"DROP TABLE IF EXISTS {catalog.Resolve(n).Quoted};\n")
                {
                    Lock = new LockTaken(LockMode.AccessExclusive, catalog.Resolve(n).Quoted, Brief: true),
                    Impact = "The table is not in the schema: nothing to drop if the schema is current.",
                    Verification = PlanSql.RelationAbsent(catalog.Resolve(n)),
                    Destructive = true,
                    Risk = RiskLevel.Medium,
                    RiskReason = "The table is not in the given schema; check the schema is current.",
                }.Build(s.Location);
            }

            yield break;
        }

        var facts = Facts(table);
        var dependents = table.Indexes.Select(i => "index " + i.Name.Name.Value)
            .Concat(catalog.ReferencingForeignKeys(table).Select(r => $"foreign key {r.Constraint.Name?.Value} of {r.Table.Name.Quoted}"))
            .ToImmutableArray();
        if (table.CreatedInChange)
        {
            yield return new AsIs(Phase.Cleanup, $"drop_table.{table.Name.Name.Value}", $"Drop table {table.Name.Name.Value}", s.Text + ";\n")
            {
                Lock = new LockTaken(LockMode.AccessExclusive, table.Name.Quoted, Brief: true),
                Timeouts = TimeoutPolicy.Brief,
                Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", table.Name.Quoted),
                Verification = PlanSql.RelationAbsent(table.Name),
                Destructive = true,
                RiskReason = "The table was created by this change.",
            }.Build(s.Location);
            yield break;
        }

        var foreignKeys = table.Constraints
            .Where(c => c.Kind == ConstraintKind.ForeignKey && c.Name is not null && c.ReferencedTable is not null && c.ReferencedTable.Key != table.Name.Key)
            .Select(c => new OutgoingForeignKey(c.Name!, c.ReferencedTable!, c.Definition))
            .ToImmutableArray();
        yield return new DropTableOperation(s.Location, facts, s.Cascade, dependents, foreignKeys);
    }

    private IEnumerable<Operation> DropIndex(DropIndexStatement s, QualifiedName n)
    {
        var index = catalog.FindIndex(n);
        var name = index?.Name ?? catalog.Resolve(n);
        string recreate = index?.Definition is { } d
            ? $"CREATE {(d.Unique ? "UNIQUE " : string.Empty)}INDEX CONCURRENTLY IF NOT EXISTS {name.Name.Quoted} ON {index.Table.Name.Quoted} {CreateIndexOperation.Definition(d)};\n"
            : $"-- Recreate {SqlText.OneLine(name.Quoted)} with CREATE INDEX CONCURRENTLY and its original definition (pg_dump --schema-only shows it).\n";
        string target = index?.Table.Name.Quoted ?? "its table";
        yield return new AsIs(Phase.Cleanup, $"drop_index.{name.Name.Value}", $"Drop index {name.Name.Value} concurrently",
            $"DROP INDEX CONCURRENTLY IF EXISTS {name.Quoted}{(s.Cascade ? " CASCADE" : string.Empty)};\n")
        {
            Transactional = false,
            Lock = new LockTaken(LockMode.ShareUpdateExclusive, target, Brief: false),
            Timeouts = TimeoutPolicy.ConcurrentIndex,
            Impact = $"CONCURRENTLY: SHARE UPDATE EXCLUSIVE on {target}; reads and writes continue. It waits for transactions using the index to finish.",
            Rollback = new Rollback(recreate, DataLoss.None, "Rebuilds the index concurrently."),
            Verification = PlanSql.RelationAbsent(name),
            Risk = RiskLevel.Medium,
            RiskReason = "Queries that used the index get slower plans; check pg_stat_user_indexes.idx_scan is 0 first.",
            Actions = [$"Check the index is unused: SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = pg_catalog.to_regclass({SqlText.Literal(name.Quoted)})::oid;",
                s.Concurrently ? "Drop it concurrently, as written." : "Written without CONCURRENTLY (ACCESS EXCLUSIVE on the table): the plan drops it CONCURRENTLY instead."],
        }.Build(s.Location);
    }

    private IEnumerable<Operation> Dml(SourceLocation at, bool isDelete, QualifiedName targetName, Identifier? alias, ImmutableArray<SetClause> set, ImmutableArray<FromItem> from, SqlExpression? where)
    {
        var table = catalog.FindTable(targetName);
        if (table is null)
        {
            yield break;
        }

        var joined = from.Select(f => new JoinedTable(f, f.Table is null ? null : catalog.FindTable(f.Table) is { } jt ? Facts(jt) : null)).ToImmutableArray();
        bool onlyNew = !isDelete && set.SelectMany(c => c.Columns).All(c => table.FindColumn(c) is { AddedInChange: true });
        int ordinal = facts.DmlPerTable.GetValueOrDefault(table.Id) + 1;
        facts.DmlPerTable[table.Id] = ordinal;
        var op = new BatchedDmlOperation(at, isDelete, Facts(table), alias, set, joined, where, onlyNew, at.Text)
        {
            Position = new DmlPosition(table.Id, ordinal),
            // The coverage check runs in step 1, before the change: only when it reads nothing the change creates.
            CoverageCheckable = !table.CreatedInChange && (where is null || where.Columns.All(c => !UsesNew(table, joined, c.Column))) && joined.All(j => j.Facts is { CreatedInChange: false }),
        };
        foreach (var c in op.SetColumns)
        {
            facts.Backfilled.Add(table.Name.Key + "." + c.Value);
            facts.BackfillOrigins.TryAdd(table.Name.Key + "." + c.Value, at);
        }

        yield return op;
    }

    /// <summary>True when a column of that name in the target or a joined table was added by the change (it does not exist yet in step 1).</summary>
    private bool UsesNew(Table target, ImmutableArray<JoinedTable> joined, Identifier column)
    {
        if (target.FindColumn(column) is { AddedInChange: true })
        {
            return true;
        }

        foreach (var j in joined)
        {
            if (j.Item.Table is { } name && catalog.FindTable(name)?.FindColumn(column) is { AddedInChange: true })
            {
                return true;
            }
        }

        return false;
    }

    private Operation Insert(InsertStatement s)
    {
        var table = catalog.FindTable(s.Table);
        var name = table?.Name ?? catalog.Resolve(s.Table);
        return new AsIs(Phase.DataMigration, $"insert.{name.Name.Value}", $"Insert into {name.Name.Value}", s.Text + ";\n")
        {
            Lock = new LockTaken(LockMode.RowExclusive, name.Quoted, Brief: false),
            Impact = $"ROW EXCLUSIVE on {name.Quoted}: reads and writes continue; one transaction for all inserted rows.",
            Rollback = new Rollback("-- Delete the inserted rows by hand (identify them by the INSERT's source query).\n", DataLoss.DataLoss, "Delete the inserted rows by hand."),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM {name.Quoted};", "the previous count plus the rows inserted"),
            Risk = s.IsSelect ? RiskLevel.Medium : RiskLevel.Low,
            RiskReason = s.IsSelect ? "INSERT ... SELECT runs as one transaction: WAL burst and replica lag grow with the rows copied." : "A few literal rows.",
            Actions = [s.IsSelect ? "Run as one statement; if the source is large, split it by key ranges of the source." : "Insert the rows."],
        }.Build(s.Location);
    }

    private Operation Truncate(TruncateStatement s)
    {
        var names = s.Tables.Select(catalog.Resolve).ToList();
        string list = string.Join(", ", names.Select(n => n.Quoted));
        return new AsIs(Phase.Cleanup, $"truncate.{names[0].Name.Value}", $"Truncate {string.Join(", ", names.Select(n => n.Name.Value))}", s.Text + ";\n")
        {
            Lock = new LockTaken(LockMode.AccessExclusive, list, Brief: true),
            Timeouts = TimeoutPolicy.Brief,
            Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", list),
            Rollback = new Rollback($"-- The rows of {SqlText.OneLine(list)} come back only from a backup.\n", DataLoss.RestoreFromBackup, "Data comes back only from a backup."),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM {names[0].Quoted};", "0"),
            Risk = RiskLevel.High,
            RiskReason = "Destructive: every row is removed.",
            Destructive = true,
            Actions = ["Confirm a verified backup and that the application no longer needs these rows."],
        }.Build(s.Location);
    }
}
