using System.Collections.Immutable;
using Migplan.Sql;

namespace Migplan.Verify;

/// <summary>Where a table's target row count came from.</summary>
public enum RowCountBasis
{
    /// <summary>Its estimate in <see cref="SyntheticRowsOptions.TableRows"/>, in proportion to the largest.</summary>
    Estimate,

    /// <summary>A partition without an estimate of its own: its partitioned table's estimate shared among its partitions.</summary>
    PartitionShare,

    /// <summary>No estimate while other tables have one: <see cref="SyntheticRowsOptions.DefaultTableRows"/>.</summary>
    DefaultRows,

    /// <summary>No table has an estimate: every table gets <see cref="SyntheticRowsOptions.LargestTableRows"/>.</summary>
    NoEstimates,
}

/// <summary>
/// What was written to one table (a plain table or a leaf partition; partitioned tables hold their partitions' rows):
/// the rows aimed at and inserted, notes on how, and every reason it fell short.
/// </summary>
public sealed record TableFill(
    QualifiedName Table,
    long Target,
    RowCountBasis Basis,
    long Inserted,
    ImmutableArray<Message> Notes,
    ImmutableArray<Message> Problems)
{
    /// <summary>True when every row aimed at was written and nothing was left out.</summary>
    public bool Complete => Problems.IsEmpty && Inserted >= Target;
}

/// <summary>The tables filled, in fill order (parents before the tables whose foreign keys reference them).</summary>
public sealed record SyntheticRowsResult(ImmutableArray<TableFill> Tables)
{
    /// <summary>True when every table got all its rows.</summary>
    public bool Complete => Tables.All(t => t.Complete);

    /// <summary>Every row inserted.</summary>
    public long TotalRows => Tables.Sum(t => t.Inserted);

    /// <summary>The fill of a table by its <c>schema.table</c> key, or null.</summary>
    public TableFill? Find(string key) => Tables.FirstOrDefault(t => t.Table.Key == key);

    /// <summary>Every problem of every table.</summary>
    public IEnumerable<Message> Problems => Tables.SelectMany(t => t.Problems);
}
