using Migplan.Analysis;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>
/// ALTER COLUMN TYPE: brief and metadata only when the change is binary-coercible; otherwise a rewrite of
/// the table under ACCESS EXCLUSIVE, for a maintenance window. <paramref name="oldType"/> is the column's
/// type before the change (null when the schema does not know the column); <paramref name="keyColumn"/>
/// says whether a primary or foreign key uses it.
/// </summary>
public sealed class AlterColumnTypeOperation(TableFacts table, AlterColumnTypeAction action, TypeName? oldType, bool keyColumn) : Operation(action.Location)
{
    internal static AlterColumnTypeOperation For(PlanningScope scope, Table table, AlterColumnTypeAction a) =>
        new(scope.Facts(table), a, table.FindColumn(a.Column)?.Type,
            table.Constraints.Any(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.ForeignKey && c.Columns.Any(col => col.Value == a.Column.Value)));

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        var t = table;
        string sql = AsIs.AlterTable(table.Name, action);
        string slug = $"alter_type.{table.Name.Name.Value}_{a.Column.Value}";
        string title = $"Change type of {table.Name.Name.Value}.{a.Column.Value} to {a.Type.Text}";
        var rollback = new Rollback(oldType is null ? "-- Change the type back by hand.\n" : $"ALTER TABLE {table.Name.Quoted} ALTER COLUMN {a.Column.Quoted} TYPE {oldType.Text};\n",
            DataLoss.None, "Changes the type back (the same lock and, unless binary-coercible, the same rewrite).");
        var verification = new Verification($"SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table.Name)} AND attname = {SqlText.Literal(a.Column.Value)};", TypeDisplay.FormatType(a.Type));
        if (oldType is null || !TypeChanges.IsBinaryCoercible(a.Type, oldType, hasUsing: false))
        {
            // Going back is a rewrite (a narrowing or a real conversion), even when going forward is not.
            rollback = rollback with
            {
                Loss = DataLoss.DataLoss,
                Description = $"Changes the type back, which rewrites the table under ACCESS EXCLUSIVE (run it in a window); it fails if a value written since does not fit {oldType?.Text ?? "the old type"}, and such values must be changed or removed first.",
                Timeouts = TimeoutPolicy.Window,
            };
        }

        if (oldType is not null && TypeChanges.IsBinaryCoercible(oldType, a.Type, a.Using is not null))
        {
            yield return AsIs.Brief(sql, table.Name, slug, title, RiskLevel.Low, $"{oldType.Text} to {a.Type.Text} is binary-coercible: no rewrite, no index rebuild.", rollback, verification,
                [$"Change the type: {oldType.Text} to {a.Type.Text} needs no rewrite."]).Step(context);
            yield break;
        }

        yield return new AsIs(Phase.SchemaChanges, slug, title, sql)
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table.Name, Brief: false)],
            Timeouts = TimeoutPolicy.Window,
            Impact = $"ACCESS EXCLUSIVE on {table.Name.Quoted} for the whole rewrite of the table and the rebuild of its indexes: every read and write waits.",
            Rollback = rollback,
            Verification = verification,
            Estimate = context.Estimator.Rewrite(t),
            Risk = t.IsEmpty ? RiskLevel.Low : RiskLevel.High,
            RiskReason = t.IsEmpty ? "The table is empty." : $"{oldType?.Text ?? "The old type"} to {a.Type.Text} rewrites all {t.Rows:N0} rows ({Estimator.Size(t.Bytes)}) under ACCESS EXCLUSIVE{(keyColumn ? "; it is a key column, so referencing tables are checked too" : string.Empty)}.",
            Actions = [t.IsEmpty ? "Change the type (empty table)." :
                "No online form is generated for a rewriting type change yet: run it in a maintenance window, or do it by hand as expand/contract " +
                "(new column, trigger to keep it in sync, batched backfill, concurrent indexes, swap in one short transaction)."],
        }.Step(context);
    }
}
