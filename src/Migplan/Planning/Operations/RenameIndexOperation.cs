using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ALTER INDEX ... RENAME: metadata only; SHARE UPDATE EXCLUSIVE on the index alone, the table is not locked
/// (IndexRenameFacts, PostgreSQL 15). The constraint the index backs, if any, is renamed with it.
/// </summary>
public sealed class RenameIndexOperation(AlterIndexRenameStatement statement, QualifiedName index, QualifiedName? table, Identifier? constraint)
    : Operation(statement.Location)
{
    internal static RenameIndexOperation For(PlanningScope scope, AlterIndexRenameStatement s)
    {
        var (index, owner, constraint) = scope.Catalog.FindIndexOrKey(s.Index);
        var name = index?.Name ?? (owner is not null ? new QualifiedName(owner.Name.Schema, s.Index.Name) : scope.Catalog.Resolve(s.Index));
        return new RenameIndexOperation(s, name, owner?.Name, constraint?.Name);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var renamed = new QualifiedName(index.Schema, statement.NewName);
        string sql = $"ALTER INDEX {(statement.IfExists ? "IF EXISTS " : string.Empty)}{index.Quoted} RENAME TO {statement.NewName.Quoted};\n";
        var verification = table is not null && constraint is not null
            ? PlanSql.ConstraintCount(table, statement.NewName, 1)
            : PlanSql.RelationExists(renamed);
        yield return new AsIs(Phase.SchemaChanges, $"rename_index.{index.Name.Value}", Message.Of("title.rename-index", Name(index.Name.Value), Name(statement.NewName.Value)), sql)
        {
            Locks = [new LockTaken(LockMode.ShareUpdateExclusive, index, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.rename-index"),
            Rollback = new Rollback($"ALTER INDEX {renamed.Quoted} RENAME TO {index.Name.Quoted};\n", DataLoss.None, Message.Of("rollback.rename-index-back")),
            Verification = verification,
            RiskReason = Message.Of("risk.metadata-only"),
            Actions = constraint is null ? [Message.Of("action.rename-index")] : [Message.Of("action.rename-index-and-constraint", Name(constraint.Value))],
        }.Step(context);
    }
}
