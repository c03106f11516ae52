using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>SET NOT NULL on a column that already is NOT NULL: the statement as written, brief and without a scan.</summary>
public sealed class AlreadyNotNullOperation(QualifiedName table, SetNotNullAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"set_not_null.{slugBase}_{a.Column.Value}", Message.Of("title.set-not-null-already", Name(slugBase), Name(a.Column.Value)), RiskLevel.Low,
            Message.Of("risk.already-not-null"), new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo")), PlanSql.ColumnNotNull(table, a.Column)).Step(context);
    }
}
