using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>RENAME COLUMN: brief ACCESS EXCLUSIVE, but code using the old name breaks at once; a re-run skips it once renamed.</summary>
public sealed class RenameColumnOperation(QualifiedName table, RenameColumnAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return (AsIs.Brief(sql, table, $"rename_column.{slugBase}_{a.Column.Value}", Message.Of("title.rename-column", Name(slugBase), Name(a.Column.Value), Name(a.NewName.Value)), RiskLevel.Medium,
            Message.Of("risk.rename-column"),
            new Rollback($"ALTER TABLE {target} RENAME COLUMN {a.NewName.Quoted} TO {a.Column.Quoted};\n", DataLoss.None, Message.Of("rollback.rename-back")),
            PlanSql.ColumnExists(table, a.NewName),
            Message.Of("action.rename-column-compatible-first"))
            with { Sql = RenameColumnIfPresent(table, a) }).Step(context) with { Renames = new RenameEffect(table, a.Column, a.NewName) };
    }

    /// <summary>RENAME COLUMN that a re-run skips once the column has its new name.</summary>
    private static string RenameColumnIfPresent(QualifiedName table, RenameColumnAction a)
    {
        string body =
            "BEGIN\n" +
            $"  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(a.Column.Value)} AND NOT attisdropped) THEN\n" +
            $"    ALTER TABLE {table.Quoted} RENAME COLUMN {a.Column.Quoted} TO {a.NewName.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }
}
