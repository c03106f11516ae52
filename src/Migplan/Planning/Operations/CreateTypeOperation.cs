using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>CREATE TYPE as written: catalog only, no table lock.</summary>
public sealed class CreateTypeOperation(CreateTypeStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.SchemaChanges, $"create_type.{s.Name.Name.Value}", $"Create type {s.Name.Name.Value}", s.Text + ";\n")
        {
            Rollback = new Rollback($"DROP TYPE IF EXISTS {name.Quoted};\n", DataLoss.None, "Drops the new type (nothing uses it yet)."),
            Verification = new Verification($"SELECT to_regtype({SqlText.Literal(name.Quoted)}) IS NOT NULL;", "t"),
            Actions = ["Create the type: catalog only, no table lock."],
        }.Step(context);
    }
}
