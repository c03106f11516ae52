using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>ALTER TYPE ... ADD VALUE in a step of its own, outside a transaction block (the new value cannot be used in the transaction that adds it).</summary>
public sealed class EnumAddValueOperation(AlterTypeAddValueStatement statement, QualifiedName type) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.SchemaChanges, $"enum_add_value.{s.Type.Name.Value}", Message.Of("title.enum-add-value", Text(s.Label), Name(s.Type.Name.Value)),
            $"ALTER TYPE {type.Quoted} ADD VALUE IF NOT EXISTS {SqlText.Literal(s.Label)}{(s.Position is null ? string.Empty : " " + s.Position)};\n")
        {
            Transactional = false,
            Rollback = new Rollback(
                Message.Of("by-hand.enum-value-stays", Code(SqlText.Literal(s.Label)), Name(type), Name(new QualifiedName(type.Schema, PlanSql.MakeName(type.Name.Value, null, "new"))), Name(type.Name.Quoted)),
                DataLoss.None,
                Message.Of("rollback.enum-value-stays")),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_enum WHERE enumtypid = {SqlText.Literal(type.Quoted)}::regtype::oid AND enumlabel = {SqlText.Literal(s.Label)};", "1"),
            Actions = [Message.Of("action.enum-value-own-step")],
        }.Step(context);
    }
}
