using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>DROP TABLE IF EXISTS of a table the schema does not have: kept (the schema may be stale), destructive.</summary>
public sealed class DropAbsentTableOperation(DropTableStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        yield return new AsIs(Phase.Cleanup, $"drop_table.{name.Name.Value}", $"Drop table {name.Name.Value} if it exists", $"DROP TABLE IF EXISTS {name.Quoted};\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, name, Brief: true)],
            Impact = "The table is not in the schema: nothing to drop if the schema is current.",
            Verification = PlanSql.RelationAbsent(name),
            Destructive = true,
            Risk = RiskLevel.Medium,
            RiskReason = "The table is not in the given schema; check the schema is current.",
        }.Step(context);
    }
}
