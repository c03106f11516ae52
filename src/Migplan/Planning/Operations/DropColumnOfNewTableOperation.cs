using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DROP COLUMN on a table the change creates: as written, nothing to keep.</summary>
public sealed class DropColumnOfNewTableOperation(QualifiedName table, DropColumnAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"drop_column.{slugBase}_{a.Column.Value}", Message.Of("title.drop-column", Name(slugBase), Name(a.Column.Value)), RiskLevel.Low, Message.Of("risk.new-table-column"),
            new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.new-table-column")), PlanSql.ColumnAbsent(table, a.Column)).Step(context);
    }
}
