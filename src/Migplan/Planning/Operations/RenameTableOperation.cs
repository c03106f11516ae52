using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

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
        yield return (AsIs.Brief(sql, table, $"rename_table.{slugBase}", Message.Of("title.rename-table-with-view", Name(slugBase), Name(a.NewName.Value)), RiskLevel.Medium,
            Message.Of("risk.rename-table"),
            new Rollback(RenameBack(table, newName), DataLoss.None, Message.Of("rollback.rename-table-back")),
            PlanSql.RelationExists(newName),
            Message.Of("action.rename-table-with-view", Name(table), Name(newName)),
            Message.Of("action.view-columns-fixed"))
            with { Sql = RenameWithView(table, newName) }).Step(context) with { Renames = new RenameEffect(table, null, a.NewName) };
        yield return new AsIs(Phase.Cleanup, $"drop_view.{table.Name.Value}", Message.Of("title.drop-compatibility-view", Name(table.Name.Value)),
            $"DROP VIEW IF EXISTS {table.Quoted};\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.drop-compatibility-view", Name(table)),
            Rollback = new Rollback($"CREATE OR REPLACE VIEW {table.Quoted} AS SELECT * FROM {newName.Quoted};\n", DataLoss.None, Message.Of("rollback.recreate-compatibility-view")),
            Verification = PlanSql.RelationAbsent(table),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.old-name-breaks"),
            Actions = [Message.Of("action.drop-compatibility-view", Name(table))],
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
