using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DROP DEFAULT: metadata only; the rollback restores <paramref name="old"/>, the default it drops.</summary>
public sealed class DropDefaultOperation(QualifiedName table, DropDefaultAction action, string? old) : Operation(action.Location)
{
    internal static DropDefaultOperation For(Table table, DropDefaultAction a) => new(table.Name, a, table.FindColumn(a.Column)?.Default?.Text);

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"drop_default.{slugBase}_{a.Column.Value}", Message.Of("title.drop-default", Name(slugBase), Name(a.Column.Value)), RiskLevel.Low, Message.Of("risk.metadata-only"),
            new Rollback(old is null ? Rollback.NothingToUndo : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {old};\n", DataLoss.None, Message.Of("rollback.restore-previous-default")),
            PlanSql.ColumnDefault(table, a.Column, present: false), Message.Of("action.drop-default")).Step(context);
    }
}
