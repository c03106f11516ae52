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

    public string StatsNote => StatsKnown || CreatedInChange ? string.Empty : " (no stats: default row count)";

    public static TableFacts Of(Table table, ThroughputModel model)
    {
        var stats = table.Stats;
        long rows = table.CreatedInChange ? 0 : stats?.Rows ?? model.DefaultRows;
        long bytes = table.CreatedInChange ? 0 : stats is { Bytes: >= 0 } ? stats.Bytes : rows * model.DefaultRowBytes;
        var key = table.BatchKey()?.Select(c => new KeyColumn(c.Name, c.Type)).ToImmutableArray() ?? [];
        var referenced = table.Constraints
            .Where(c => c.Kind == ConstraintKind.ForeignKey && c.ReferencedTable is not null)
            .Select(c => c.ReferencedTable!)
            .Distinct()
            .ToImmutableArray();
        return new TableFacts(table.Name, rows, bytes, stats is not null, table.CreatedInChange, key, referenced);
    }
}
