using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>CREATE SEQUENCE as written: catalog only, no table lock.</summary>
public sealed class CreateSequenceOperation(CreateSequenceStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.SchemaChanges, $"create_sequence.{s.Name.Name.Value}", Message.Of("title.create-sequence", Name(s.Name.Name.Value)), s.Text + ";\n")
        {
            Rollback = new Rollback($"DROP SEQUENCE IF EXISTS {name.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-new-sequence")),
            Verification = PlanSql.RelationExists(name),
            Actions = [Message.Of("action.create-sequence")],
        }.Step(context);
    }
}
