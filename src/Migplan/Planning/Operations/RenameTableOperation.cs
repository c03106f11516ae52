using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// RENAME TO, keeping a simple (auto-updatable) view with the old name, created in the same transaction, so both
/// application versions run during the deploy; Cleanup drops the view once every instance uses the new name (a deploy
/// gate). Where a later statement of the change drops or retypes one of the table's columns (the view would make it
/// fail), the table is renamed without the view, and the plan says so. Every dependent of the table is listed.
/// </summary>
public sealed class RenameTableOperation : Operation
{
    private readonly QualifiedName _table;
    private readonly RenameTableAction _action;

    private RenameTableOperation(QualifiedName table, RenameTableAction action) : base(action.Location)
    {
        _table = table;
        _action = action;
    }

    internal ImmutableArray<RenameDependent> Dependents { get; private init; } = [];

    private int TableId { get; init; } = -1;

    /// <summary>The table in the catalog, whose name follows later renames: at the end of the change it is the name Cleanup sees.</summary>
    private Table? Renamed { get; init; }

    private int ReshapesSeen { get; init; }

    internal static RenameTableOperation For(PlanningScope scope, Table table, RenameTableAction action) =>
        new(table.Name, action)
        {
            Dependents = table.CreatedInChange ? [] : RenameDependents.OfTable(scope, table),
            TableId = table.Id,
            Renamed = table,
            ReshapesSeen = scope.Change.Reshapes.GetValueOrDefault(table.Id),
        };

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = _action;
        var table = _table;
        string slugBase = table.Name.Value;
        var newName = new QualifiedName(table.Schema, a.NewName);
        var dependentActions = RenameDependents.Actions(Dependents, Name(table.Quoted)).ToList();
        if (context.Change.ReshapedAfter(TableId, ReshapesSeen))
        {
            context.Notes.Add(new PlanNote(Origin.ToString(), Message.Of("note.no-compat-view-reshaped", Name(table.Quoted))));
            yield return (AsIs.Brief(AsIs.AlterTable(table, a), table, $"rename_table.{slugBase}", Message.Of("title.rename-table", Name(slugBase), Name(a.NewName.Value)), RiskLevel.Medium,
                RenameDependents.Risk(Message.Of("risk.rename-table-without-view"), Dependents),
                new Rollback($"ALTER TABLE {newName.Quoted} RENAME TO {table.Name.Quoted};\n", DataLoss.None, Message.Of("rollback.rename-back")),
                PlanSql.RelationExists(newName),
                [Message.Of("action.rename-table-compatible-first"), .. dependentActions])
                with { Sql = RenameIfPresent(table, newName) }).Step(context) with { Renames = new RenameEffect(table, null, a.NewName) };
            yield break;
        }

        yield return (AsIs.Brief(AsIs.AlterTable(table, a), table, $"rename_table.{slugBase}", Message.Of("title.rename-table-with-view", Name(slugBase), Name(a.NewName.Value)), RiskLevel.Medium,
            RenameDependents.Risk(Message.Of("risk.rename-table"), Dependents),
            new Rollback(RenameBack(table, newName), DataLoss.None, Message.Of("rollback.rename-table-back")),
            PlanSql.RelationExists(newName),
            [Message.Of("action.rename-table-with-view", Name(table), Name(newName)), Message.Of("action.view-columns-fixed"), .. dependentActions])
            with { Sql = RenameWithView(context, table, newName) }).Step(context) with { Renames = new RenameEffect(table, null, a.NewName) };
        yield return new AsIs(Phase.Cleanup, $"drop_view.{table.Name.Value}", Message.Of("title.drop-compatibility-view", Name(table.Name.Value)),
            $"DROP VIEW IF EXISTS {table.Quoted};\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.drop-compatibility-view", Name(table)),
            Rollback = new Rollback(Recreate(context, table, Renamed?.Name ?? newName), DataLoss.None, Message.Of("rollback.recreate-compatibility-view")),
            Verification = PlanSql.RelationAbsent(table),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.old-name-breaks"),
            Actions = [Message.Of("action.drop-compatibility-view", Name(table))],
        }.Step(context) with
        {
            // Not a companion: dropping the view frees the old name, which a later statement of the change may take.
            Gate = new Gate([], [Message.Of("confirm.application-uses-new-table-name", Name(newName.Quoted), Name(table.Quoted))]),
        };
    }

    /// <summary>Renames a table and leaves a view with its old name, in one transaction; a re-run after success does nothing.</summary>
    private static string RenameWithView(PlanContext context, QualifiedName oldName, QualifiedName newName) =>
        SqlText.DoBlock(
            "DECLARE\n  g record;\n" +
            "BEGIN\n" +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(newName.Quoted)}) IS NULL THEN\n" +
            $"    ALTER TABLE {oldName.Quoted} RENAME TO {newName.Name.Quoted};\n" +
            CompatibilityViews.Create(context.Capabilities, oldName, newName, "*") +
            "  END IF;\n" +
            "END\n");

    /// <summary>The compatibility view again (for the rollback of its drop), unless it exists.</summary>
    private static string Recreate(PlanContext context, QualifiedName oldName, QualifiedName newName) =>
        CompatibilityViews.CreateIfMissing(context.Capabilities, oldName, newName, "*", createSchema: false);

    /// <summary>A plain RENAME TO that a re-run skips once the table has its new name.</summary>
    private static string RenameIfPresent(QualifiedName oldName, QualifiedName newName) =>
        SqlText.DoBlock(
            "BEGIN\n" +
            $"  IF pg_catalog.to_regclass({SqlText.Literal(newName.Quoted)}) IS NULL THEN\n" +
            $"    ALTER TABLE {oldName.Quoted} RENAME TO {newName.Name.Quoted};\n" +
            "  END IF;\n" +
            "END\n");

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
