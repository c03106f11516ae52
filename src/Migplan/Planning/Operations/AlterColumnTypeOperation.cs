using Migplan.Analysis;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

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
            table.Constraints.Any(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.ForeignKey && c.Columns.Any(col => col.Value == a.Column.Value)))
        {
            RevalidatedForeignKeys = RewriteForeignKeys.Revalidated(scope, table, a.Column),
        };

    /// <summary>The foreign keys a rewrite validates again, both ways (see <see cref="RewriteForeignKeys"/>): part of its estimate.</summary>
    public IReadOnlyList<(TableFacts Referencing, TableFacts Referenced)> RevalidatedForeignKeys { get; init; } = [];

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        var t = table;
        string sql = AsIs.AlterTable(table.Name, action);
        string slug = $"alter_type.{table.Name.Name.Value}_{a.Column.Value}";
        var title = Message.Of("title.alter-type", Name(table.Name.Name.Value), Name(a.Column.Value), Code(a.Type.Text));
        var rollback = oldType is null
            ? new Rollback(Message.Of("by-hand.change-type-back"), DataLoss.None, Message.Of("rollback.change-type-back"))
            : new Rollback($"ALTER TABLE {table.Name.Quoted} ALTER COLUMN {a.Column.Quoted} TYPE {oldType.Text};\n", DataLoss.None, Message.Of("rollback.change-type-back"));
        var verification = new Verification($"SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table.Name)} AND attname = {SqlText.Literal(a.Column.Value)};", TypeDisplay.FormatType(a.Type));
        if (oldType is null || !TypeChanges.IsBinaryCoercible(a.Type, oldType, hasUsing: false))
        {
            // Going back is a rewrite (a narrowing or a real conversion), even when going forward is not.
            rollback = rollback with
            {
                Loss = DataLoss.ExistingData,
                Description = oldType is null ? Message.Of("rollback.change-type-back-rewrite-unknown-type") : Message.Of("rollback.change-type-back-rewrite", Code(oldType.Text)),
                Timeouts = TimeoutPolicy.Window,
            };
        }

        if (a.Using is not null && rollback.Loss == DataLoss.None)
        {
            // Only the type goes back: what USING computed from each value stays.
            rollback = rollback with { Loss = DataLoss.ExistingData, Description = Message.Of("rollback.change-type-back-using") };
        }

        if (oldType is not null && TypeChanges.IsBinaryCoercible(oldType, a.Type, a.Using is not null))
        {
            yield return AsIs.Brief(sql, table.Name, slug, title, RiskLevel.Low, Message.Of("risk.binary-coercible-type", Code(oldType.Text), Code(a.Type.Text)), rollback, verification,
                [Message.Of("action.binary-coercible-type", Code(oldType.Text), Code(a.Type.Text))]).Step(context);
            yield break;
        }

        yield return new AsIs(Phase.SchemaChanges, slug, title, sql)
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table.Name, Brief: false)],
            Timeouts = TimeoutPolicy.Window,
            Impact = Message.Of("impact.type-rewrite", Name(table.Name)),
            Rollback = rollback,
            Verification = verification,
            Estimate = context.Estimator.Rewrite(t, RevalidatedForeignKeys),
            Risk = t.IsEmpty ? RiskLevel.Low : RiskLevel.High,
            RiskReason = t.IsEmpty ? Message.Of("risk.empty-table") : RewriteReason(t),
            Actions = [Message.Of(t.IsEmpty ? "action.change-type-empty-table" : "action.type-rewrite-no-online-form")],
        }.Step(context);
    }

    private Message RewriteReason(TableFacts t)
    {
        string id = keyColumn ? "risk.type-rewrite-key-column" : "risk.type-rewrite";
        return oldType is null
            ? Message.Of(id + "-unknown-type", Code(action.Type.Text), Count(t.Rows), Bytes(t.Bytes))
            : Message.Of(id, Code(oldType.Text), Code(action.Type.Text), Count(t.Rows), Bytes(t.Bytes));
    }
}
