using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>One partition under a partitioned table, as it was when the index was planned, with the index it gets.</summary>
public sealed record PartitionIndexMember(TableFacts Table, bool Partitioned, QualifiedName Index, QualifiedName ParentIndex);

/// <summary>
/// An index or key on a partitioned table, which PostgreSQL cannot build CONCURRENTLY ("cannot create index on
/// partitioned table concurrently"): each leaf partition's index is built CONCURRENTLY in a step of its own (its own
/// estimate, the cleanup of an INVALID leftover first, as <see cref="CreateIndexOperation"/> does; for a key, the leaf's
/// constraint is then added USING INDEX), and one brief step then makes the partitioned table's index ON ONLY it (and on
/// each sub-partitioned partition) and attaches every partition's index (ALTER INDEX ... ATTACH PARTITION): after the
/// last attach the partitioned index is valid by itself. The names are those PostgreSQL gives the partitions' indexes
/// when the index is made on the partitioned table as written (<see cref="PartitionIndexes"/>).
/// Measured on PostgreSQL 15: CREATE INDEX ON ONLY takes SHARE on that table only; ALTER TABLE ONLY ... ADD PRIMARY KEY
/// takes ACCESS EXCLUSIVE on that table only; ATTACH PARTITION takes ACCESS SHARE on both tables, SHARE UPDATE EXCLUSIVE
/// on the parent index and ACCESS EXCLUSIVE on the attached index; DROP INDEX of the partitioned index (CONCURRENTLY is
/// refused for it) takes ACCESS EXCLUSIVE on the table and every partition and drops every attached index with it.
/// </summary>
public sealed class PartitionedIndex(TableFacts table, QualifiedName index, ImmutableArray<PartitionIndexMember> members)
{
    public TableFacts Table { get; } = table;

    public QualifiedName Index { get; } = index;

    public ImmutableArray<PartitionIndexMember> Members { get; } = members;

    /// <summary>The partitions of <paramref name="table"/> as they are now, with their indexes' names.</summary>
    internal static PartitionedIndex Of(PlanningScope scope, Table table, QualifiedName index, IReadOnlyList<string> elementNames, PartitionIndexes.Kind kind) =>
        new(scope.Facts(table), index,
        [
            .. PartitionIndexes.Names(scope.Catalog, table, index, elementNames, kind)
                .Select(m => new PartitionIndexMember(scope.Facts(m.Partition), m.IsPartitioned, m.Index, m.ParentIndex)),
        ]);

    /// <summary>The leaf partitions: those that hold rows.</summary>
    public IEnumerable<PartitionIndexMember> Leaves => Members.Where(m => !m.Partitioned);

    /// <summary>
    /// The brief step that makes the partitioned indexes ON ONLY (<paramref name="makeOnly"/>, for the table and each
    /// sub-partitioned partition, in the order children before parents) and attaches every partition's index.
    /// </summary>
    public StepDraft AttachStep(PlanContext context, Phase phase, StepGroup group, bool key, Func<QualifiedName, QualifiedName, Command> makeOnly,
        Rollback rollback, Message riskReason)
    {
        var commands = ImmutableArray.CreateBuilder<Command>();
        var partitioned = new List<(QualifiedName Table, QualifiedName Index)>();
        Emit(Table.Name, Index);

        void Emit(QualifiedName parentTable, QualifiedName parentIndex)
        {
            // A key needs its partitions' keys first (ALTER TABLE ONLY ... ADD PRIMARY KEY checks they are NOT NULL);
            // an index is made first and its partitions attached after.
            var children = Members.Where(m => m.ParentIndex.Key == parentIndex.Key).ToList();
            foreach (var child in children.Where(c => c.Partitioned))
            {
                Emit(child.Table.Name, child.Index);
            }

            commands.Add(makeOnly(parentTable, parentIndex));
            partitioned.Add((parentTable, parentIndex));
            foreach (var child in children)
            {
                commands.Add(new Command($"ALTER INDEX {parentIndex.Quoted} ATTACH PARTITION {child.Index.Quoted};\n"));
            }
        }

        var locks = ImmutableArray.CreateBuilder<LockTaken>();
        foreach (var (t, _) in Enumerable.Reverse(partitioned))
        {
            locks.Add(new LockTaken(key ? LockMode.AccessExclusive : LockMode.Share, t, Brief: true));
        }

        foreach (var m in Members)
        {
            if (!m.Partitioned)
            {
                locks.Add(new LockTaken(LockMode.AccessShare, m.Table.Name, Brief: true));
            }

            locks.Add(new LockTaken(LockMode.AccessExclusive, m.Index, Brief: true));
        }

        int leaves = Leaves.Count();
        return new StepDraft(phase, $"attach_partition_indexes.{Index.Name.Value}",
            Message.Of(key ? "title.attach-partition-keys" : "title.attach-partition-indexes", Name(Index.Name.Value), Name(Table.Name.Quoted)),
            commands.ToImmutable(), locks.ToImmutable(),
            Message.Of(key ? "impact.attach-partition-keys" : "impact.attach-partition-indexes", Name(Table.Name.Quoted), Count(leaves)),
            TimeoutPolicy.Brief, rollback, Valid(), context.Estimator.Metadata(), RiskLevel.Low, riskReason,
            [Message.Of("action.partitioned-index-recipe", Name(Table.Name.Quoted), Count(leaves))])
        {
            Group = group,
        };
    }

    /// <summary>The partitioned index is valid, and every leaf partition of the table has a valid index attached under it.</summary>
    public Verification Valid()
    {
        string idx = SqlText.Literal(Index.Quoted);
        string tbl = SqlText.Literal(Table.Name.Quoted);
        return new Verification(
            $"SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass({idx})::oid), false)" +
            $" AND (SELECT pg_catalog.count(*) FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass({tbl})) WHERE isleaf)" +
            $" = (SELECT pg_catalog.count(*) FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass({idx})) t JOIN pg_index i ON i.indexrelid = t.relid WHERE t.isleaf AND i.indisvalid);",
            "t");
    }

    /// <summary>CREATE [UNIQUE] INDEX IF NOT EXISTS name ON ONLY table ...: the index of a partitioned table, INVALID until its partitions' are attached.</summary>
    public static Command CreateOnly(CreateIndexStatement index, QualifiedName table, QualifiedName name) =>
        new($"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX IF NOT EXISTS {name.Name.Quoted} ON ONLY {table.Quoted} {CreateIndexOperation.Definition(index)};\n");

    /// <summary>ALTER TABLE ONLY table ADD CONSTRAINT name kind (columns), skipped when it is there (a re-run).</summary>
    public static Command AddKeyOnly(QualifiedName table, Identifier name, string definition)
    {
        string body =
            "BEGIN\n" +
            $"  IF NOT {PlanSql.ConstraintExists(table, name)} THEN\n" +
            $"    ALTER TABLE ONLY {table.Quoted} ADD CONSTRAINT {name.Quoted} {definition};\n" +
            "  END IF;\n" +
            "END\n";
        return new Command(SqlText.DoBlock(body));
    }
}
