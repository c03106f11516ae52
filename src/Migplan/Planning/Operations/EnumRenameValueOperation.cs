using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ALTER TYPE ... RENAME VALUE: a change of pg_enum only. Rows store the value's oid, not its label, so no table is
/// rewritten or locked (measured: writers of a table using the type go on while it is held); what breaks is every
/// writer of the old label, so the step is a deploy point. Undone by renaming back.
/// </summary>
public sealed class EnumRenameValueOperation(AlterTypeRenameValueStatement statement, QualifiedName type) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string old = SqlText.Literal(s.Old);
        string renamed = SqlText.Literal(s.New);
        yield return new AsIs(Phase.SchemaChanges, $"enum_rename_value.{s.Type.Name.Value}", Message.Of("title.enum-rename-value", Text(s.Old), Name(s.Type.Name.Value), Text(s.New)),
            $"ALTER TYPE {type.Quoted} RENAME VALUE {old} TO {renamed};\n")
        {
            Timeouts = TimeoutPolicy.Brief,
            Rerunnable = false, // a second run fails: the old label is gone
            Impact = Message.Of("impact.enum-rename-value", Name(type)),
            Rollback = new Rollback($"ALTER TYPE {type.Quoted} RENAME VALUE {renamed} TO {old};\n", DataLoss.None, Message.Of("rollback.enum-rename-value-back")),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_enum WHERE enumtypid = {SqlText.Literal(type.Quoted)}::regtype::oid AND enumlabel = {renamed};", "1"),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.enum-rename-value", Code(old), Code(renamed)),
            Actions = [Message.Of("action.enum-rename-value", Code(old), Code(renamed)), Message.Of("action.enum-rename-value-writers", Code(old), Code(renamed), Name(type))],
        }.Step(context);
    }
}
