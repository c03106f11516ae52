using System.Collections.Immutable;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>TRUNCATE in Cleanup: destructive, brief ACCESS EXCLUSIVE on every table it names (<paramref name="names"/>).</summary>
public sealed class TruncateOperation(TruncateStatement statement, ImmutableArray<QualifiedName> names) : Operation(statement.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string list = string.Join(", ", names.Select(n => n.Quoted));
        yield return new AsIs(Phase.Cleanup, $"truncate.{names[0].Name.Value}", Message.Of("title.truncate", Name(string.Join(", ", names.Select(n => n.Name.Value)))), s.Text + ";\n")
        {
            Locks = [.. names.Select(n => new LockTaken(LockMode.AccessExclusive, n, Brief: true))],
            Timeouts = TimeoutPolicy.Brief,
            Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", list),
            Rollback = new Rollback(Message.Of("by-hand.truncated-rows", Name(list)), DataLoss.RestoreFromBackup, Message.Of("rollback.restore-from-backup")),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM {names[0].Quoted};", "0"),
            Risk = RiskLevel.High,
            RiskReason = Message.Of("risk.truncate"),
            Destructive = true,
            Actions = [Message.Of("action.truncate-confirm-backup")],
        }.Step(context);
    }
}
