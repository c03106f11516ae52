using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>RENAME CONSTRAINT: metadata only, brief ACCESS EXCLUSIVE.</summary>
public sealed class RenameConstraintOperation(QualifiedName table, RenameConstraintAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"rename_constraint.{a.Name.Value}", Message.Of("title.rename-constraint", Name(a.Name.Value)), RiskLevel.Low, Message.Of("risk.metadata-only"),
            new Rollback($"ALTER TABLE {target} RENAME CONSTRAINT {a.NewName.Quoted} TO {a.Name.Quoted};\n", DataLoss.None, Message.Of("rollback.rename-constraint-back")),
            PlanSql.ConstraintCount(table, a.NewName, 1), Message.Of("action.rename-constraint")).Step(context);
    }
}
