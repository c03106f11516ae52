using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DROP NOT NULL: metadata only, brief ACCESS EXCLUSIVE; putting it back is a migration of its own.</summary>
public sealed class DropNotNullOperation(QualifiedName table, DropNotNullAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"drop_not_null.{slugBase}_{a.Column.Value}", Message.Of("title.drop-not-null", Name(slugBase), Name(a.Column.Value)), RiskLevel.Low, Message.Of("risk.metadata-only"),
            new Rollback(Message.Of("by-hand.not-null-needs-safe-recipe"), DataLoss.None,
                Message.Of("rollback.not-null-is-new-migration")),
            new Verification(PlanSql.ColumnNotNull(table, a.Column).Sql, "f"), Message.Of("action.drop-not-null")).Step(context);
    }
}
