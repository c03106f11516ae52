using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>A statement migplan does not model: carried verbatim in a step of its own, to review by hand, with its lock wait bounded.</summary>
public sealed class UnanalysedOperation(OpaqueStatement statement) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string reason = statement.Reason;
        yield return new AsIs(Phase.SchemaChanges, "unanalysed", "Not analysed: review by hand", s.Text + ";\n")
        {
            Analysed = false,
            Impact = "Unknown: this statement was not analysed. Review its locks and duration by hand before running it.",
            Timeouts = TimeoutPolicy.Unanalysed,
            Rollback = new Rollback("-- Not analysed: write this rollback by hand.\n", DataLoss.Unknown, "Not analysed: write the rollback by hand and judge its data loss."),
            Verification = Verification.ByHand("Not analysed: check by hand that the statement did what it was written for."),
            Risk = RiskLevel.Medium,
            RiskReason = $"Not analysed ({reason}): carried verbatim, review by hand.",
            Actions = [$"Carried verbatim from {s.Location}: {reason}. Review by hand."],
        }.Step(context);
    }
}
