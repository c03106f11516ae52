using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP CONSTRAINT in Cleanup: brief ACCESS EXCLUSIVE, on the referenced table too for a foreign key
/// (<paramref name="referenced"/>, null for other constraints).
/// </summary>
public sealed class DropConstraintOperation(QualifiedName table, DropConstraintAction action, QualifiedName? referenced) : Operation(action.Location)
{
    internal static DropConstraintOperation For(Table table, DropConstraintAction a) =>
        new(table.Name, a, table.FindConstraint(a.Name) is { Kind: ConstraintKind.ForeignKey, ReferencedTable: { } r } ? r : null);

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string sql = AsIs.AlterTable(table, action);
        var op = AsIs.Brief(sql, table, $"drop_constraint.{a.Name.Value}", Message.Of("title.drop-constraint", Name(a.Name.Value)), RiskLevel.Low, Message.Of("risk.metadata-only"),
            new Rollback(Message.Of("by-hand.readd-constraint", Name(a.Name.Value)),
                DataLoss.None, Message.Of("rollback.readd-constraint-not-valid")),
            PlanSql.ConstraintCount(table, a.Name, 0), [Message.Of("action.drop-constraint")]) with { Phase = Phase.Cleanup };
        if (referenced is not null)
        {
            op = op with
            {
                Impact = Message.Of("impact.drop-foreign-key", Name(table), Name(referenced)),
                Risk = RiskLevel.Medium,
                RiskReason = Message.Of("risk.locks-referenced-table", Name(referenced)),
            };
        }

        yield return op.Step(context);
    }
}
