using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

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
        yield return AsIs.Brief(sql, table, $"set_default.{slugBase}_{a.Column.Value}", $"Set default of {slugBase}.{a.Column.Value}", RiskLevel.Low, "Metadata only: existing rows are not touched.",
            new Rollback(previous is null ? $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} DROP DEFAULT;\n" : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {previous};\n",
                DataLoss.None, "Restores the previous default; rows written meanwhile keep the new one."),
            PlanSql.ColumnDefault(table, a.Column, present: true), "Set the default for new rows: existing rows are not rewritten.").Step(context);
    }
}
