using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

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
        yield return AsIs.Brief(sql, table, $"drop_default.{slugBase}_{a.Column.Value}", $"Drop default of {slugBase}.{a.Column.Value}", RiskLevel.Low, "Metadata only.",
            new Rollback(old is null ? PlanSql.NothingToUndo : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {old};\n", DataLoss.None, "Restores the previous default."),
            PlanSql.ColumnDefault(table, a.Column, present: false), "Drop the default: metadata only.").Step(context);
    }
}
