using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>ATTACH PARTITION as written: it scans <paramref name="partition"/> under ACCESS EXCLUSIVE unless a validated CHECK matches the bound.</summary>
public sealed class AttachPartitionOperation(QualifiedName table, AttachPartitionAction action, QualifiedName partition) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string sql = AsIs.AlterTable(table, action);
        yield return new AsIs(Phase.SchemaChanges, $"attach_partition.{a.Partition.Name.Value}", $"Attach partition {a.Partition.Name.Value}", sql)
        {
            Locks =
            [
                new LockTaken(context.Capabilities.AttachPartitionShareUpdateExclusive ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive, table, Brief: false),
                new LockTaken(LockMode.AccessExclusive, partition, Brief: false),
            ],
            Timeouts = TimeoutPolicy.Window,
            Impact = $"SHARE UPDATE EXCLUSIVE on {target}; ACCESS EXCLUSIVE on {partition.Quoted} while it scans the partition to check the bound (unless a valid CHECK matching the bound exists).",
            Rollback = new Rollback($"ALTER TABLE {target} DETACH PARTITION {partition.Quoted};\n", DataLoss.None, "Detaches it again."),
            Verification = new Verification($"SELECT pg_catalog.count(*) FROM pg_inherits WHERE inhrelid = {SqlText.RegClass(partition)} AND inhparent = {SqlText.RegClass(table)};", "1"),
            Risk = RiskLevel.High,
            RiskReason = "Scans the attached table under ACCESS EXCLUSIVE unless a validated CHECK matching the partition bound exists.",
            Actions = ["Before attaching: add a CHECK matching the bound NOT VALID, VALIDATE it, then attach (the scan is skipped), then drop the CHECK."],
        }.Step(context);
    }
}
