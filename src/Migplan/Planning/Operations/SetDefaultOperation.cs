using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>SET DEFAULT: metadata only (existing rows keep their values); the rollback restores <paramref name="previous"/>, the default it replaces.</summary>
public sealed class SetDefaultOperation(QualifiedName table, SetDefaultAction action, string? previous) : Operation(action.Location)
{
    internal static SetDefaultOperation For(Table table, SetDefaultAction a) => new(table.Name, a, table.FindColumn(a.Column)?.Default?.Text);

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"set_default.{slugBase}_{a.Column.Value}", Message.Of("title.set-default", Name(slugBase), Name(a.Column.Value)), RiskLevel.Low, Message.Of("risk.metadata-only-rows-untouched"),
            new Rollback(previous is null ? $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} DROP DEFAULT;\n" : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {previous};\n",
                DataLoss.None, Message.Of("rollback.restore-previous-default-new-rows-keep")),
            PlanSql.ColumnDefault(table, a.Column, present: true), Message.Of("action.set-default")).Step(context);
    }
}
