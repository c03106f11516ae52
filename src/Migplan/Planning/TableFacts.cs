using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>A key column to batch by: name and type.</summary>
public sealed record KeyColumn(Identifier Name, TypeName Type);

/// <summary>
/// What an operation needs to know of a table at the point of the change where it appears
/// (the catalog keeps changing as later statements are applied).
/// </summary>
public sealed record TableFacts(
    QualifiedName Name,
    long Rows,
    long Bytes,
    bool StatsKnown,
    bool CreatedInChange,
    ImmutableArray<KeyColumn> Key,
    ImmutableArray<QualifiedName> ReferencedTables)
{
    /// <summary>True when the table is known to be empty or is created by the change.</summary>
    public bool IsEmpty => CreatedInChange || (StatsKnown && Rows == 0);

    /// <summary>The indexes of the table (those of its keys too): each is rebuilt by a rewrite and cleaned by VACUUM.</summary>
    public int Indexes { get; init; }

    public static TableFacts Of(Table table, ThroughputModel model)
    {
        var stats = table.Stats;
        long rows = table.CreatedInChange ? 0 : stats?.Rows ?? model.DefaultRows;
        long bytes = table.CreatedInChange ? 0 : stats is { Bytes: >= 0 } ? stats.Bytes : rows * model.DefaultRowBytes;
        bool statsKnown = stats is not null;
        if (table.IsPartitioned && !table.CreatedInChange)
        {
            // A partitioned table holds no rows of its own: its partitions' are its rows.
            (rows, bytes, statsKnown) = (0, 0, true);
            foreach (var partition in table.Partitions)
            {
                var p = Of(partition, model);
                rows += p.Rows;
                bytes += p.Bytes;
                statsKnown &= p.StatsKnown;
            }
        }
        // Called for every operation of a large change: plain loops, no LINQ.
        var batchKey = table.BatchKey();
        var key = ImmutableArray<KeyColumn>.Empty;
        if (batchKey is not null)
        {
            var builder = ImmutableArray.CreateBuilder<KeyColumn>(batchKey.Count);
            foreach (var c in batchKey)
            {
                builder.Add(new KeyColumn(c.Name, c.Type));
            }

            key = builder.MoveToImmutable();
        }

        var referenced = ImmutableArray.CreateBuilder<QualifiedName>();
        foreach (var c in table.Constraints)
        {
            if (c.Kind == ConstraintKind.ForeignKey && c.ReferencedTable is { } r && !referenced.Contains(r))
            {
                referenced.Add(r);
            }
        }

        return new TableFacts(table.Name, rows, bytes, statsKnown, table.CreatedInChange, key, referenced.ToImmutable()) { Indexes = IndexCount(table) };
    }

    /// <summary>The table's indexes: those it lists and those backing its keys and exclusion constraints (a key read from a dump or the server may have no index entry).</summary>
    private static int IndexCount(Table table)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in table.Indexes)
        {
            names.Add(index.Name.Name.Value);
        }

        int count = names.Count;
        foreach (var c in table.Constraints)
        {
            if (c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude && (c.Name is null || names.Add(c.Name.Value)))
            {
                count++;
            }
        }

        return count;
    }
}
