using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP INDEX in Cleanup, always CONCURRENTLY (reads and writes continue). <paramref name="table"/> and
/// <paramref name="definition"/> are what the schema knows of the index (null when it does not): the rollback
/// rebuilds it from its definition.
/// </summary>
public sealed class DropIndexOperation(DropIndexStatement statement, QualifiedName name, QualifiedName? table, CreateIndexStatement? definition) : Operation(statement.Location)
{
    internal static DropIndexOperation For(PlanningScope scope, DropIndexStatement s, QualifiedName n)
    {
        var index = scope.Catalog.FindIndex(n);
        return new DropIndexOperation(s, index?.Name ?? scope.Catalog.Resolve(n), index?.Table.Name, index?.Definition)
        {
            Partitions = index?.Table is { IsPartitioned: true } t ? [.. Descendants(t)] : null,
        };
    }

    private static IEnumerable<QualifiedName> Descendants(Table table) => table.Partitions.SelectMany(p => Descendants(p).Prepend(p.Name));

    /// <summary>
    /// For an index of a partitioned table: every partition under it. PostgreSQL cannot drop a partitioned index
    /// CONCURRENTLY; DROP INDEX takes ACCESS EXCLUSIVE on the table and each of these, and drops their attached indexes.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<QualifiedName>? Partitions { get; init; }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        if (Partitions is { } partitions && table is not null)
        {
            yield return PartitionedStep(context, table, partitions);
            yield break;
        }

        var s = statement;
        var rebuild = Message.Of("rollback.rebuild-index");
        Rollback Recreate(QualifiedName on, CreateIndexStatement d) =>
            new([new Command($"CREATE {(d.Unique ? "UNIQUE " : string.Empty)}INDEX CONCURRENTLY IF NOT EXISTS {name.Name.Quoted} ON {on.Quoted} {CreateIndexOperation.Definition(d)};\n") { OutsideTransaction = true }], DataLoss.None, rebuild)
            {
                Timeouts = TimeoutPolicy.ConcurrentIndex,
            };
        var recreate = definition is { } d && table is not null
            ? Recreate(table, d)
            : new Rollback(Message.Of("by-hand.recreate-index", Name(name)), DataLoss.None, rebuild);
        Func<ImmutableArray<RenameEffect>, Rollback>? afterRenames = definition is { } def && table is { } tbl
            ? renames =>
            {
                var (on, renamed) = RollbackRenames.Index(tbl, def, renames);
                return Recreate(on, renamed);
            }
            : null;
        yield return new AsIs(Phase.Cleanup, $"drop_index.{name.Name.Value}", Message.Of("title.drop-index-concurrently", Name(name.Name.Value)),
            $"DROP INDEX CONCURRENTLY IF EXISTS {name.Quoted}{(s.Cascade ? " CASCADE" : string.Empty)};\n")
        {
            Transactional = false,
            Locks = [new LockTaken(LockMode.ShareUpdateExclusive, table ?? name, Brief: false)], // the index's table, or the index when the schema lacks it
            Timeouts = TimeoutPolicy.ConcurrentIndex,
            Impact = table is null ? Message.Of("impact.drop-index-concurrently-unknown-table", Name(name)) : Message.Of("impact.drop-index-concurrently", Name(table)),
            Rollback = recreate,
            Verification = PlanSql.RelationAbsent(name),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.drop-index"),
            Actions = [Message.Of("action.check-index-unused", Code($"SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = pg_catalog.to_regclass({SqlText.Literal(name.Quoted)})::oid;")),
                Message.Of(s.Concurrently ? "action.drop-index-as-written" : "action.drop-index-made-concurrent")],
        }.Step(context) with { RollbackAfterRenames = afterRenames };
    }

    /// <summary>DROP INDEX of a partitioned index: plain (never CONCURRENTLY), a brief ACCESS EXCLUSIVE on the table and every partition.</summary>
    private StepDraft PartitionedStep(PlanContext context, QualifiedName on, System.Collections.Immutable.ImmutableArray<QualifiedName> partitions) =>
        new AsIs(Phase.Cleanup, $"drop_index.{name.Name.Value}", Message.Of("title.drop-partitioned-index", Name(name.Name.Value)),
            $"DROP INDEX IF EXISTS {name.Quoted}{(statement.Cascade ? " CASCADE" : string.Empty)};\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, on, Brief: true), .. partitions.Select(p => new LockTaken(LockMode.AccessExclusive, p, Brief: true))],
            Impact = Message.Of("impact.drop-partitioned-index", Name(on.Quoted), Count(partitions.Length)),
            Rollback = new Rollback(Message.Of("by-hand.recreate-partitioned-index", Name(name), Name(on.Quoted)), DataLoss.None, Message.Of("rollback.rebuild-index")),
            Verification = PlanSql.RelationAbsent(name),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.drop-index"),
            Actions = [Message.Of("action.check-index-unused", Code($"SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelid = pg_catalog.to_regclass({SqlText.Literal(name.Quoted)})::oid;")),
                Message.Of("action.drop-partitioned-index")],
        }.Step(context);
}
