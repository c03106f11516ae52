using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>
/// RENAME TO, keeping a simple (auto-updatable) view with the old name so both application versions run
/// during the deploy; Cleanup drops the view once no code uses the old name.
/// </summary>
public sealed class RenameTableOperation(QualifiedName table, RenameTableAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        var newName = new QualifiedName(table.Schema, a.NewName);
        yield return (AsIs.Brief(sql, table, $"rename_table.{slugBase}", $"Rename table {slugBase} to {a.NewName.Value}, keeping a view with the old name", RiskLevel.Medium,
            "Brief lock; a simple view with the old name keeps the running application working (it is auto-updatable), until Cleanup drops it.",
            new Rollback(RenameBack(table, newName), DataLoss.None, "Drops the compatibility view and renames the table back."),
            PlanSql.RelationExists(newName),
            $"Rename the table and, in the same transaction, create the view {table.Quoted} AS SELECT * FROM {newName.Quoted}: the old name keeps working for reads and writes (a simple view is auto-updatable), so both application versions run during the deploy.",
            "The view has the table's columns as they are now: columns added to the table later do not appear in it.")
            with { Sql = RenameWithView(table, newName) }).Step(context);
        yield return new AsIs(Phase.Cleanup, $"drop_view.{table.Name.Value}", $"Drop compatibility view {table.Name.Value}",
            $"DROP VIEW IF EXISTS {table.Quoted};\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = $"ACCESS EXCLUSIVE on the view {table.Quoted} only, for milliseconds once granted; queries that still use the old name fail from now on.",
            Rollback = new Rollback($"CREATE OR REPLACE VIEW {table.Quoted} AS SELECT * FROM {newName.Quoted};\n", DataLoss.None, "Recreates the compatibility view."),
            Verification = PlanSql.RelationAbsent(table),
            Risk = RiskLevel.Medium,
            RiskReason = "Any code still using the old name breaks.",
            Actions = [$"Drop the view {table.Quoted} once no deployed code uses the old name (pg_stat_statements, application logs)."],
        }.Step(context);
    }

    /// <summary>Renames a table and leaves a view with its old name, in one transaction; a re-run after success does nothing.</summary>
    private static string RenameWithView(QualifiedName oldName, QualifiedName newName)
    {
        string body =
            "BEGIN\n" +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(newName.Quoted)}) IS NULL THEN\n" +
            $"    ALTER TABLE {oldName.Quoted} RENAME TO {newName.Name.Quoted};\n" +
            $"    CREATE VIEW {oldName.Quoted} AS SELECT * FROM {newName.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    private static string RenameBack(QualifiedName oldName, QualifiedName newName)
    {
        string body =
            "BEGIN\n" +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(newName.Quoted)}) IS NOT NULL THEN\n" +
            $"    DROP VIEW IF EXISTS {oldName.Quoted};\n" +
            $"    ALTER TABLE {newName.Quoted} RENAME TO {oldName.Name.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }
}
