using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// A foreign key on a partitioned table. PostgreSQL 15 refuses it NOT VALID there ("cannot add NOT VALID foreign key on
/// partitioned table"), and as written it validates every partition under SHARE ROW EXCLUSIVE on all of them. So each leaf
/// partition gets the key (same name, as PostgreSQL names a partition's copy) NOT VALID and then VALIDATE (writes continue),
/// and one brief step adds it to the partitioned table: PostgreSQL then takes over the partitions' validated keys without
/// a scan. Measured: that step takes SHARE ROW EXCLUSIVE on the table and every partition and ACCESS EXCLUSIVE on the
/// referenced table (the partitions' own action triggers on it are dropped), each for a moment.
/// </summary>
public sealed class PartitionedForeignKey(ImmutableArray<TableFacts> leaves, ImmutableArray<QualifiedName> partitions)
{
    public ImmutableArray<TableFacts> Leaves { get; } = leaves;

    /// <summary>Every partition under the table, sub-partitioned ones too.</summary>
    public ImmutableArray<QualifiedName> Partitions { get; } = partitions;

    internal static PartitionedForeignKey Of(PlanningScope scope, Table table)
    {
        var leaves = ImmutableArray.CreateBuilder<TableFacts>();
        var all = ImmutableArray.CreateBuilder<QualifiedName>();
        Walk(table);
        return new PartitionedForeignKey(leaves.ToImmutable(), all.ToImmutable());

        void Walk(Table parent)
        {
            foreach (var p in parent.Partitions)
            {
                all.Add(p.Name);
                if (p.IsPartitioned)
                {
                    Walk(p);
                }
                else
                {
                    leaves.Add(scope.Facts(p));
                }
            }
        }
    }

    /// <summary>The locks of the step that adds the key to the partitioned table once every partition has it validated.</summary>
    public ImmutableArray<LockTaken> AttachLocks(QualifiedName table, QualifiedName? referenced) =>
    [
        new LockTaken(LockMode.ShareRowExclusive, table, Brief: true),
        .. Partitions.Select(p => new LockTaken(LockMode.ShareRowExclusive, p, Brief: true)),
        .. referenced is null ? [] : new[] { new LockTaken(LockMode.AccessExclusive, referenced, Brief: true) },
    ];

    public static Message Impact(QualifiedName table, QualifiedName? referenced, int partitions) =>
        Message.Of("impact.attach-partition-foreign-keys", Name(table.Quoted), Count(partitions), Name(referenced?.Quoted ?? "?"));
}
