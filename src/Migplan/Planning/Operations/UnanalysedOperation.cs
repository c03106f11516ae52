using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>A statement migplan does not model: carried verbatim in a step of its own, to review by hand, with its lock wait bounded.</summary>
public sealed class UnanalysedOperation(OpaqueStatement statement) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string reason = statement.Reason;
        yield return new AsIs(Phase.SchemaChanges, "unanalysed", Message.Of("title.unanalysed"), s.Text + ";\n")
        {
            Analysed = false,
            Rerunnable = false, // not analysed: not known to be harmless
            Impact = Message.Of("impact.unanalysed"),
            Timeouts = TimeoutPolicy.Unanalysed,
            Rollback = new Rollback(Message.Of("by-hand.unanalysed"), DataLoss.Unknown, Message.Of("rollback.unanalysed")),
            Verification = Verification.ByHand(Message.Of("judge.unanalysed")),
            Estimate = Estimate.NotEstimated,
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.unanalysed", Text(reason)),
            Actions = [Message.Of("action.unanalysed", Text(s.Location.ToString()), Text(reason))],
        }.Step(context);
    }
}
