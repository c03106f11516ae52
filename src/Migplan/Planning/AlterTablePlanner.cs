using Migplan.Analysis;
using Migplan.Planning.Operations;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>Splits ALTER TABLE into one operation per subcommand, each with its own lock and recipe.</summary>
internal sealed class AlterTablePlanner(Catalog catalog, PgCapabilities caps, ThroughputModel model, ChangeFacts facts)
{
    public IEnumerable<Operation> Plan(AlterTableStatement s)
    {
        var table = catalog.FindTable(s.Table);
        if (table is null)
        {
            if (s.IfExists)
            {
                facts.NoOps.Add(new PlanNote(s.Location.ToString(), $"Nothing to do: {catalog.Resolve(s.Table).Quoted} is not in the schema, and the statement says IF EXISTS."));
            }

            yield break; // otherwise an error reported by the schema applier
        }

        // Names of helper objects must differ from the schema's and from those the statement itself writes.
        var names = new ObjectNames(catalog);
        foreach (var written in s.Actions.SelectMany(WrittenConstraintNames))
        {
            names.ReserveConstraint(table.Name.Schema!, written);
        }

        foreach (var action in s.Actions)
        {
            foreach (var op in Plan(table, action, names))
            {
                yield return op;
            }
        }
    }

    private static IEnumerable<Identifier> WrittenConstraintNames(AlterTableAction action) => action switch
    {
        AddConstraintAction a => a.Constraint.Name is { } n ? [n] : [],
        AddColumnAction a => a.Column.Constraints.Select(c => c.Name).OfType<Identifier>(),
        RenameConstraintAction a => [a.NewName],
        _ => [],
    };

    /// <summary>The helper CHECK (col IS NOT NULL) of the online SET NOT NULL recipe: <c>table_col_not_null</c>, numbered when taken.</summary>
    private static Identifier NotNullCheckName(ObjectNames names, Table table, Identifier column) =>
        names.ChooseConstraintName(table.Name.Schema!, table.Name.Name.Value, column.Value, "not_null");

    private IEnumerable<Operation> Plan(Table table, AlterTableAction action, ObjectNames names)
    {
        var t = TableFacts.Of(table, model);
        string target = table.Name.Quoted;
        string slugBase = table.Name.Name.Value;
        string sql = $"ALTER TABLE {target} {action.Text};\n";
        var at = action.Location;
        AsIs Brief(string slug, string title, RiskLevel risk, string reason, Rollback rollback, Verification verification, params string[] actions) =>
            new(at, Phase.SchemaChanges, slug, title, sql)
            {
                Lock = new LockTaken(LockMode.AccessExclusive, target, Brief: true),
                Timeouts = TimeoutPolicy.Brief,
                Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", target),
                Rollback = rollback,
                Verification = verification,
                Risk = risk,
                RiskReason = reason,
                Actions = [.. actions],
            };

        switch (action)
        {
            case AddColumnAction a:
                string key = table.Name.Key + "." + a.Column.Name.Value;
                if (a.Column.IsNotNull)
                {
                    facts.NotNullOrigins.TryAdd(key, at);
                }

                yield return new AddColumnOperation(at, t, a.Column, a.Column.IsNotNull ? NotNullCheckName(names, table, a.Column.Name) : null);
                break;
            case SetNotNullAction a:
                string nnKey = table.Name.Key + "." + a.Column.Value;
                var column = table.FindColumn(a.Column);
                if (column is { NotNull: true })
                {
                    yield return Brief($"set_not_null.{slugBase}_{a.Column.Value}", $"Set {slugBase}.{a.Column.Value} NOT NULL (already NOT NULL)", RiskLevel.Low,
                        "The column is already NOT NULL: no scan.", new Rollback(PlanSql.NothingToUndo, DataLoss.None, "Nothing to undo."), PlanSql.ColumnNotNull(table.Name, a.Column)).Build();
                    break;
                }

                yield return new SetNotNullOperation(at, t, a.Column, NotNullCheckName(names, table, a.Column));
                facts.NotNullOrigins.TryAdd(nnKey, at);
                break;
            case DropNotNullAction a:
                yield return Brief($"drop_not_null.{slugBase}_{a.Column.Value}", $"Drop NOT NULL on {slugBase}.{a.Column.Value}", RiskLevel.Low, "Metadata only.",
                    new Rollback($"-- Re-adding NOT NULL needs the safe recipe (CHECK NOT VALID, VALIDATE, SET NOT NULL): plan it with migplan.\n", DataLoss.None,
                        "Re-adding NOT NULL is a new migration (NULLs may have been written since)."),
                    new Verification(PlanSql.ColumnNotNull(table.Name, a.Column).Sql, "f"), "Drop the NOT NULL: metadata only.").Build();
                break;
            case SetDefaultAction a:
                var previous = table.FindColumn(a.Column)?.Default;
                yield return Brief($"set_default.{slugBase}_{a.Column.Value}", $"Set default of {slugBase}.{a.Column.Value}", RiskLevel.Low, "Metadata only: existing rows are not touched.",
                    new Rollback(previous is null ? $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} DROP DEFAULT;\n" : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {previous.Text};\n",
                        DataLoss.None, "Restores the previous default; rows written meanwhile keep the new one."),
                    PlanSql.ColumnDefault(table.Name, a.Column, present: true), "Set the default for new rows: existing rows are not rewritten.").Build();
                break;
            case DropDefaultAction a:
                var old = table.FindColumn(a.Column)?.Default;
                yield return Brief($"drop_default.{slugBase}_{a.Column.Value}", $"Drop default of {slugBase}.{a.Column.Value}", RiskLevel.Low, "Metadata only.",
                    new Rollback(old is null ? PlanSql.NothingToUndo : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {old.Text};\n", DataLoss.None, "Restores the previous default."),
                    PlanSql.ColumnDefault(table.Name, a.Column, present: false), "Drop the default: metadata only.").Build();
                break;
            case AlterColumnTypeAction a:
                yield return AlterType(table, t, a, sql, Brief);
                break;
            case RenameColumnAction a:
                yield return (Brief($"rename_column.{slugBase}_{a.Column.Value}", $"Rename {slugBase}.{a.Column.Value} to {a.NewName.Value}", RiskLevel.Medium,
                    "Brief lock, but every running query or application instance that still uses the old name fails at once.",
                    new Rollback($"ALTER TABLE {target} RENAME COLUMN {a.NewName.Quoted} TO {a.Column.Quoted};\n", DataLoss.None, "Renames it back; no data changes."),
                    PlanSql.ColumnExists(table.Name, a.NewName),
                    "Deploy application code that works with both names first (or rename in the same deploy window); otherwise use expand/contract: add the new column, sync it with a trigger, switch the application, drop the old one.")
                    with { Sql = RenameColumnIfPresent(table, a) }).Build();
                break;
            case RenameTableAction a:
                var newName = new QualifiedName(table.Name.Schema, a.NewName);
                yield return (Brief($"rename_table.{slugBase}", $"Rename table {slugBase} to {a.NewName.Value}, keeping a view with the old name", RiskLevel.Medium,
                    "Brief lock; a simple view with the old name keeps the running application working (it is auto-updatable), until Cleanup drops it.",
                    new Rollback(RenameBack(table.Name, newName), DataLoss.None, "Drops the compatibility view and renames the table back."),
                    PlanSql.RelationExists(newName),
                    $"Rename the table and, in the same transaction, create the view {table.Name.Quoted} AS SELECT * FROM {newName.Quoted}: the old name keeps working for reads and writes (a simple view is auto-updatable), so both application versions run during the deploy.",
                    "The view has the table's columns as they are now: columns added to the table later do not appear in it.")
                    with { Sql = RenameWithView(table.Name, newName) }).Build();
                yield return new AsIs(at, Phase.Cleanup, $"drop_view.{table.Name.Name.Value}", $"Drop compatibility view {table.Name.Name.Value}",
                    $"DROP VIEW IF EXISTS {table.Name.Quoted};\n")
                {
                    Lock = new LockTaken(LockMode.AccessExclusive, table.Name.Quoted, Brief: true),
                    Timeouts = TimeoutPolicy.Brief,
                    Impact = $"ACCESS EXCLUSIVE on the view {table.Name.Quoted} only, for milliseconds once granted; queries that still use the old name fail from now on.",
                    Rollback = new Rollback($"CREATE OR REPLACE VIEW {table.Name.Quoted} AS SELECT * FROM {newName.Quoted};\n", DataLoss.None, "Recreates the compatibility view."),
                    Verification = PlanSql.RelationAbsent(table.Name),
                    Risk = RiskLevel.Medium,
                    RiskReason = "Any code still using the old name breaks.",
                    Actions = [$"Drop the view {table.Name.Quoted} once no deployed code uses the old name (pg_stat_statements, application logs)."],
                }.Build();
                break;
            case SetSchemaAction a:
                yield return Brief($"set_schema.{slugBase}", $"Move {slugBase} to schema {a.Schema.Value}", RiskLevel.Medium, "Queries that use the old qualified name fail at once.",
                    new Rollback($"ALTER TABLE {new QualifiedName(a.Schema, table.Name.Name).Quoted} SET SCHEMA {table.Name.Schema!.Quoted};\n", DataLoss.None, "Moves it back."),
                    PlanSql.RelationExists(new QualifiedName(a.Schema, table.Name.Name)), "Move the table to the other schema: metadata only.").Build();
                break;
            case AddConstraintAction a:
                yield return AddConstraint(table, t, a);
                break;
            case DropConstraintAction a:
                yield return DropConstraint(table, a, sql, Brief);
                break;
            case ValidateConstraintAction a:
                var validated = table.FindConstraint(a.Name);
                yield return new AsIs(at, Phase.Cleanup, $"validate.{a.Name.Value}", $"Validate {a.Name.Value}", sql)
                {
                    Lock = new LockTaken(LockMode.ShareUpdateExclusive, target, Brief: false),
                    Timeouts = TimeoutPolicy.LongScan,
                    Impact = $"SHARE UPDATE EXCLUSIVE on {target} during a full scan: reads and writes continue.",
                    Verification = PlanSql.ConstraintValidated(table.Name, a.Name),
                    Estimate = e => validated?.Kind == ConstraintKind.ForeignKey ? e.ForeignKeyValidation(t) : e.Scan(t),
                    Risk = RiskLevel.Medium,
                    RiskReason = $"Scans {t.Rows:N0} rows without blocking writes; fails if a row violates the constraint.",
                    Actions = ["Validate the constraint."],
                }.Build();
                break;
            case RenameConstraintAction a:
                yield return Brief($"rename_constraint.{a.Name.Value}", $"Rename constraint {a.Name.Value}", RiskLevel.Low, "Metadata only.",
                    new Rollback($"ALTER TABLE {target} RENAME CONSTRAINT {a.NewName.Quoted} TO {a.Name.Quoted};\n", DataLoss.None, "Renames it back."),
                    PlanSql.ConstraintCount(table.Name, a.NewName, 1), "Rename the constraint.").Build();
                break;
            case DropColumnAction a:
                var dependents = table.Indexes.Where(i => i.Columns.Any(c => c?.Value == a.Column.Value)).Select(i => "index " + i.Name.Name.Value)
                    .Concat(table.Constraints.Where(c => c.Columns.Any(col => col.Value == a.Column.Value)).Select(c => "constraint " + c.Name?.Value))
                    .ToList();
                yield return table.CreatedInChange
                    ? Brief($"drop_column.{slugBase}_{a.Column.Value}", $"Drop column {slugBase}.{a.Column.Value}", RiskLevel.Low, "The table is new.",
                        new Rollback(PlanSql.NothingToUndo, DataLoss.None, "The table is new."), PlanSql.ColumnAbsent(table.Name, a.Column)).Build()
                    : new DropColumnOperation(at, t, a.Column, table.FindColumn(a.Column)?.Type.Text, a.Cascade, [.. dependents]);
                break;
            case AttachPartitionAction a:
                yield return new AsIs(at, Phase.SchemaChanges, $"attach_partition.{a.Partition.Name.Value}", $"Attach partition {a.Partition.Name.Value}", sql)
                {
                    Lock = new LockTaken(LockMode.AccessExclusive, catalog.Resolve(a.Partition).Quoted, Brief: false),
                    Timeouts = TimeoutPolicy.Window,
                    Impact = $"SHARE UPDATE EXCLUSIVE on {target}; ACCESS EXCLUSIVE on {catalog.Resolve(a.Partition).Quoted} while it scans the partition to check the bound (unless a valid CHECK matching the bound exists).",
                    Rollback = new Rollback($"ALTER TABLE {target} DETACH PARTITION {catalog.Resolve(a.Partition).Quoted};\n", DataLoss.None, "Detaches it again."),
                    Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_inherits WHERE inhrelid = {SqlText.RegClass(catalog.Resolve(a.Partition))} AND inhparent = {SqlText.RegClass(table.Name)};", "1"),
                    Risk = RiskLevel.High,
                    RiskReason = "Scans the attached table under ACCESS EXCLUSIVE unless a validated CHECK matching the partition bound exists.",
                    Actions = ["Before attaching: add a CHECK matching the bound NOT VALID, VALIDATE it, then attach (the scan is skipped), then drop the CHECK."],
                }.Build();
                break;
            case DetachPartitionAction a:
                bool concurrently = a.Concurrently || caps.DetachConcurrently && !a.Finalize;
                var partition = catalog.Resolve(a.Partition);
                yield return new AsIs(at, Phase.Cleanup, $"detach_partition.{a.Partition.Name.Value}", $"Detach partition {a.Partition.Name.Value}",
                    concurrently ? $"ALTER TABLE {target} DETACH PARTITION {partition.Quoted} CONCURRENTLY;\n" : sql)
                {
                    Transactional = !concurrently,
                    Lock = new LockTaken(concurrently ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive, target, Brief: !concurrently),
                    Timeouts = concurrently ? TimeoutPolicy.ConcurrentIndex : TimeoutPolicy.Brief,
                    Impact = concurrently ? $"CONCURRENTLY: SHARE UPDATE EXCLUSIVE on {target}; queries continue." : AsIs.BriefImpact("ACCESS EXCLUSIVE", target),
                    Rollback = new Rollback($"-- Re-attach with: ALTER TABLE {SqlText.OneLine(target)} ATTACH PARTITION {SqlText.OneLine(partition.Quoted)} FOR VALUES ...; (its original bound)\n", DataLoss.None, "Re-attach with its bound."),
                    Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_inherits WHERE inhrelid = {SqlText.RegClass(partition)};", "0"),
                    Risk = RiskLevel.Medium,
                    RiskReason = "Rows of the partition disappear from queries on the parent.",
                    Actions = [concurrently && !a.Concurrently ? "Detached CONCURRENTLY (PostgreSQL 14+) instead of under ACCESS EXCLUSIVE on the parent." : "Detach the partition."],
                }.Build();
                break;
            case SetTriggerStateAction a:
                yield return new AsIs(at, Phase.SchemaChanges, $"{(a.Enable ? "enable" : "disable")}_trigger_{slugBase}", $"{(a.Enable ? "Enable" : "Disable")} trigger {a.Trigger?.Value ?? a.Target} on {slugBase}", sql)
                {
                    Lock = new LockTaken(LockMode.ShareRowExclusive, target, Brief: true),
                    Timeouts = TimeoutPolicy.Brief,
                    Impact = $"SHARE ROW EXCLUSIVE on {target} for milliseconds once granted: writes wait while it waits (at most lock_timeout); reads continue.",
                    Rollback = new Rollback($"ALTER TABLE {target} {(a.Enable ? "DISABLE" : "ENABLE")} TRIGGER {a.Trigger?.Quoted ?? a.Target};\n", DataLoss.None, "Restores the trigger's state."),
                    Verification = new Verification("SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = " + SqlText.RegClass(table.Name) + " AND NOT tgisinternal ORDER BY tgname;", a.Enable ? "tgenabled = O for the trigger" : "tgenabled = D for the trigger"),
                    Risk = RiskLevel.Medium,
                    RiskReason = a.Enable ? "Brief write lock." : "Brief write lock; while disabled, whatever the trigger maintains is not maintained.",
                    Actions = ["Change the trigger's state."],
                }.Build();
                break;
            default:
                throw new System.Diagnostics.UnreachableException(action.GetType().Name);
        }
    }

    /// <summary>Renames a table and leaves a view with its old name, in one transaction; a re-run after success does nothing.</summary>
    private static string RenameWithView(QualifiedName oldName, QualifiedName newName)
    {
        string body =
            "BEGIN\n" +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(newName.Quoted)}) IS NULL THEN\n" +
            $"    ALTER TABLE {oldName.Quoted} RENAME TO {newName.Name.Quoted};\n" +
            $"    CREATE VIEW {oldName.Quoted} AS SELECT * FROM {newName.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    private static string RenameBack(QualifiedName oldName, QualifiedName newName)
    {
        string body =
            "BEGIN\n" +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(newName.Quoted)}) IS NOT NULL THEN\n" +
            $"    DROP VIEW IF EXISTS {oldName.Quoted};\n" +
            $"    ALTER TABLE {newName.Quoted} RENAME TO {oldName.Name.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    /// <summary>RENAME COLUMN that a re-run skips once the column has its new name.</summary>
    private static string RenameColumnIfPresent(Table table, RenameColumnAction a)
    {
        string body =
            "BEGIN\n" +
            $"  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table.Name)} AND attname = {SqlText.Literal(a.Column.Value)} AND NOT attisdropped) THEN\n" +
            $"    ALTER TABLE {table.Name.Quoted} RENAME COLUMN {a.Column.Quoted} TO {a.NewName.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    private Operation AlterType(Table table, TableFacts t, AlterColumnTypeAction a, string sql, Func<string, string, RiskLevel, string, Rollback, Verification, string[], AsIs> brief)
    {
        var column = table.FindColumn(a.Column);
        string slug = $"alter_type.{table.Name.Name.Value}_{a.Column.Value}";
        string title = $"Change type of {table.Name.Name.Value}.{a.Column.Value} to {a.Type.Text}";
        var rollback = new Rollback(column is null ? "-- Change the type back by hand.\n" : $"ALTER TABLE {table.Name.Quoted} ALTER COLUMN {a.Column.Quoted} TYPE {column.Type.Text};\n",
            DataLoss.None, "Changes the type back (the same lock and, unless binary-coercible, the same rewrite).");
        var verification = new Verification($"SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table.Name)} AND attname = {SqlText.Literal(a.Column.Value)};", TypeDisplay.FormatType(a.Type));
        if (column is null || !TypeChanges.IsBinaryCoercible(a.Type, column.Type, hasUsing: false))
        {
            // Going back is a rewrite (a narrowing or a real conversion), even when going forward is not.
            rollback = rollback with
            {
                Loss = DataLoss.DataLoss,
                Description = $"Changes the type back, which rewrites the table under ACCESS EXCLUSIVE (run it in a window); it fails if a value written since does not fit {column?.Type.Text ?? "the old type"}, and such values must be changed or removed first.",
                Timeouts = TimeoutPolicy.Window,
            };
        }

        if (column is not null && TypeChanges.IsBinaryCoercible(column.Type, a.Type, a.Using is not null))
        {
            return brief(slug, title, RiskLevel.Low, $"{column.Type.Text} to {a.Type.Text} is binary-coercible: no rewrite, no index rebuild.", rollback, verification,
                [$"Change the type: {column.Type.Text} to {a.Type.Text} needs no rewrite."]).Build();
        }

        bool keyColumn = table.Constraints.Any(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.ForeignKey && c.Columns.Any(col => col.Value == a.Column.Value));
        return new AsIs(a.Location, Phase.SchemaChanges, slug, title, sql)
        {
            Lock = new LockTaken(LockMode.AccessExclusive, table.Name.Quoted, Brief: false),
            Timeouts = TimeoutPolicy.Window,
            Impact = $"ACCESS EXCLUSIVE on {table.Name.Quoted} for the whole rewrite of the table and the rebuild of its indexes: every read and write waits.",
            Rollback = rollback,
            Verification = verification,
            Estimate = e => e.Rewrite(t),
            Risk = t.IsEmpty ? RiskLevel.Low : RiskLevel.High,
            RiskReason = t.IsEmpty ? "The table is empty." : $"{column?.Type.Text ?? "The old type"} to {a.Type.Text} rewrites all {t.Rows:N0} rows ({Estimator.Size(t.Bytes)}) under ACCESS EXCLUSIVE{(keyColumn ? "; it is a key column, so referencing tables are checked too" : string.Empty)}.",
            Actions = [t.IsEmpty ? "Change the type (empty table)." :
                "No online form is generated for a rewriting type change yet: run it in a maintenance window, or do it by hand as expand/contract " +
                "(new column, trigger to keep it in sync, batched backfill, concurrent indexes, swap in one short transaction)."],
        }.Build();
    }

    private Operation AddConstraint(Table table, TableFacts t, AddConstraintAction a)
    {
        var c = a.Constraint;
        var name = c.Name ?? throw new System.Diagnostics.UnreachableException("constraints are named by StatementNaming before they are planned");
        TableFacts? referenced = c is ForeignKeyConstraint fk && catalog.FindTable(fk.Reference.Table) is { } rt ? TableFacts.Of(rt, model) : null;
        return new AddConstraintOperation(a.Location, t, c, name, referenced, Phase.Cleanup);
    }

    private Operation DropConstraint(Table table, DropConstraintAction a, string sql, Func<string, string, RiskLevel, string, Rollback, Verification, string[], AsIs> brief)
    {
        var constraint = table.FindConstraint(a.Name);
        var op = brief($"drop_constraint.{a.Name.Value}", $"Drop constraint {a.Name.Value}", RiskLevel.Low, "Metadata only.",
            new Rollback($"-- Re-add {SqlText.OneLine(a.Name.Value)} with the safe recipe (ADD ... NOT VALID, then VALIDATE CONSTRAINT); its definition is in the schema dump.\n",
                DataLoss.None, "Re-add it NOT VALID and validate it; rows written meanwhile may violate it."),
            PlanSql.ConstraintCount(table.Name, a.Name, 0), ["Drop the constraint."]) with { Phase = Phase.Cleanup };
        if (constraint is { Kind: ConstraintKind.ForeignKey, ReferencedTable: { } referenced })
        {
            op = op with
            {
                Impact = $"ACCESS EXCLUSIVE on {table.Name.Quoted} and on the referenced {referenced.Quoted} for milliseconds once granted: reads and writes of both wait while it waits (at most lock_timeout).",
                Risk = RiskLevel.Medium,
                RiskReason = $"Locks the referenced table {referenced.Quoted} too.",
            };
        }

        return op.Build();
    }
}
