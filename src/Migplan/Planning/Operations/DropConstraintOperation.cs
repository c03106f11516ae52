using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

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
        var op = AsIs.Brief(sql, table, $"drop_constraint.{a.Name.Value}", $"Drop constraint {a.Name.Value}", RiskLevel.Low, "Metadata only.",
            new Rollback($"-- Re-add {SqlText.OneLine(a.Name.Value)} with the safe recipe (ADD ... NOT VALID, then VALIDATE CONSTRAINT); its definition is in the schema dump.\n",
                DataLoss.None, "Re-add it NOT VALID and validate it; rows written meanwhile may violate it."),
            PlanSql.ConstraintCount(table, a.Name, 0), ["Drop the constraint."]) with { Phase = Phase.Cleanup };
        if (referenced is not null)
        {
            op = op with
            {
                Impact = $"ACCESS EXCLUSIVE on {table.Quoted} and on the referenced {referenced.Quoted} for milliseconds once granted: reads and writes of both wait while it waits (at most lock_timeout).",
                Risk = RiskLevel.Medium,
                RiskReason = $"Locks the referenced table {referenced.Quoted} too.",
            };
        }

        yield return op.Step(context);
    }
}
