using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DROP TABLE IF EXISTS of a table the schema does not have: kept (the schema may be stale), destructive.</summary>
public sealed class DropAbsentTableOperation(DropTableStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        yield return new AsIs(Phase.Cleanup, $"drop_table.{name.Name.Value}", Message.Of("title.drop-table-if-exists", Name(name.Name.Value)), $"DROP TABLE IF EXISTS {name.Quoted};\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, name, Brief: true)],
            Impact = Message.Of("impact.table-not-in-schema"),
            Verification = PlanSql.RelationAbsent(name),
            Destructive = true,
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.table-not-in-schema"),
        }.Step(context);
    }
}
