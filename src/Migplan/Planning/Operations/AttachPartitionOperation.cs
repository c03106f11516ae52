using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>ATTACH PARTITION as written: it scans <paramref name="partition"/> under ACCESS EXCLUSIVE unless a validated CHECK matches the bound.</summary>
public sealed class AttachPartitionOperation(QualifiedName table, AttachPartitionAction action, QualifiedName partition) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string sql = AsIs.AlterTable(table, action);
        yield return new AsIs(Phase.SchemaChanges, $"attach_partition.{a.Partition.Name.Value}", Message.Of("title.attach-partition", Name(a.Partition.Name.Value)), sql)
        {
            Locks =
            [
                new LockTaken(context.Capabilities.AttachPartitionShareUpdateExclusive ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive, table, Brief: false),
                new LockTaken(LockMode.AccessExclusive, partition, Brief: false),
            ],
            Timeouts = TimeoutPolicy.Window,
            Impact = Message.Of("impact.attach-partition", Name(target), Name(partition)),
            Rollback = new Rollback($"ALTER TABLE {target} DETACH PARTITION {partition.Quoted};\n", DataLoss.None, Message.Of("rollback.detach-again")),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_inherits WHERE inhrelid = {SqlText.RegClass(partition)} AND inhparent = {SqlText.RegClass(table)};", "1"),
            Risk = RiskLevel.High,
            RiskReason = Message.Of("risk.attach-partition-scan"),
            Actions = [Message.Of("action.attach-partition-check-first")],
        }.Step(context);
    }
}
