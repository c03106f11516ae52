using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>CREATE TYPE as written: catalog only, no table lock.</summary>
public sealed class CreateTypeOperation(CreateTypeStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.SchemaChanges, $"create_type.{s.Name.Name.Value}", Message.Of("title.create-type", Name(s.Name.Name.Value)), s.Text + ";\n")
        {
            Rollback = new Rollback($"DROP TYPE IF EXISTS {name.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-new-type")),
            Verification = new Verification($"SELECT to_regtype({SqlText.Literal(name.Quoted)}) IS NOT NULL;", "t"),
            Actions = [Message.Of("action.create-type")],
        }.Step(context);
    }
}
