using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>INSERT as written, in Data Migration: one transaction for all its rows.</summary>
public sealed class InsertOperation(InsertStatement statement, QualifiedName name) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        yield return new AsIs(Phase.DataMigration, $"insert.{name.Name.Value}", Message.Of("title.insert", Name(name.Name.Value)), s.Text + ";\n")
        {
            Locks = [new LockTaken(LockMode.RowExclusive, name, Brief: false)],
            Rerunnable = false, // the rows would be inserted twice
            Impact = Message.Of("impact.insert", Name(name)),
            Rollback = new Rollback(Message.Of("by-hand.delete-inserted-rows"), DataLoss.ExistingData, Message.Of("rollback.delete-inserted-rows")),
            Verification = s.OnConflict is null
                ? new Verification($"SELECT pg_catalog.count(*) FROM {name.Quoted};", new Expectation(ExpectationKind.Increase))
                : Verification.ByHand(Message.Of("judge.insert-on-conflict")),
            Risk = s.IsSelect ? RiskLevel.Medium : RiskLevel.Low,
            RiskReason = Message.Of(s.IsSelect ? "risk.insert-select" : "risk.insert-values"),
            Actions = [Message.Of(s.IsSelect ? "action.insert-select" : "action.insert-values")],
        }.Step(context);
    }
}
