using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DROP TABLE of a table the change itself creates: as written, brief, nothing to keep.</summary>
public sealed class DropNewTableOperation(DropTableStatement statement, QualifiedName table) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.Cleanup, $"drop_table.{table.Name.Value}", Message.Of("title.drop-table", Name(table.Name.Value)), s.Text + ";\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", table.Quoted),
            Verification = PlanSql.RelationAbsent(table),
            Destructive = true,
            RiskReason = Message.Of("risk.table-created-by-change"),
        }.Step(context);
    }
}
