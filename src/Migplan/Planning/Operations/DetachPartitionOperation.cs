using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DETACH PARTITION in Cleanup, CONCURRENTLY where the server can (PostgreSQL 14+) unless FINALIZE is asked for.</summary>
public sealed class DetachPartitionOperation(QualifiedName table, DetachPartitionAction action, QualifiedName partition) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string sql = AsIs.AlterTable(table, action);
        bool concurrently = a.Concurrently || context.Capabilities.DetachConcurrently && !a.Finalize;
        yield return new AsIs(Phase.Cleanup, $"detach_partition.{a.Partition.Name.Value}", Message.Of("title.detach-partition", Name(a.Partition.Name.Value)),
            concurrently ? $"ALTER TABLE {target} DETACH PARTITION {partition.Quoted} CONCURRENTLY;\n" : sql)
        {
            Transactional = !concurrently,
            Locks = [new LockTaken(concurrently ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive, table, Brief: !concurrently)],
            Timeouts = concurrently ? TimeoutPolicy.ConcurrentIndex : TimeoutPolicy.Brief,
            Impact = concurrently ? Message.Of("impact.detach-concurrently", Name(target)) : AsIs.BriefImpact("ACCESS EXCLUSIVE", target),
            Rollback = new Rollback(Message.Of("by-hand.reattach-partition", Name(target), Name(partition)), DataLoss.None, Message.Of("rollback.reattach")),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_inherits WHERE inhrelid = {SqlText.RegClass(partition)};", "0"),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.detach-partition"),
            Actions = [Message.Of(concurrently && !a.Concurrently ? "action.detach-made-concurrent" : "action.detach-partition")],
        }.Step(context);
    }
}
