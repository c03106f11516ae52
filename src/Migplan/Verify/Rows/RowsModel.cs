using System.Collections.Immutable;
using Migplan.Sql;

namespace Migplan.Verify.Rows;

/// <summary>A column as the row generator needs it, read from pg_catalog (domains resolved to their base type).</summary>
internal sealed record RowsColumn(
    string Name,
    short AttNum,
    string Type,
    bool NotNull,
    string? Default,
    bool Identity,
    bool Generated,
    string BaseName,
    char BaseCategory,
    int BaseTypmod,
    string? ElementName,
    char ElementCategory,
    ImmutableArray<string> EnumLabels,
    ImmutableArray<string> DomainChecks)
{
    public Identifier Id => new(Name);

    /// <summary>Filled by the server: identity, generated, or a sequence default.</summary>
    public bool FilledByServer =>
        Identity || Generated || (Default is { } d && d.StartsWith("nextval(", StringComparison.Ordinal));
}

/// <summary>A foreign key of a table (its own or, for a partition, its partitioned table's), by column names.</summary>
internal sealed record RowsForeignKey(string Name, ImmutableArray<string> Columns, uint Referenced, ImmutableArray<string> ReferencedColumns);

/// <summary>A CHECK constraint: its expression and the columns it reads.</summary>
internal sealed record RowsCheck(string Name, string Expression, ImmutableArray<string> Columns);

/// <summary>A partitioned table's key: strategy (r, l, h) and its columns (null for an expression).</summary>
internal sealed record RowsPartitionKey(char Strategy, ImmutableArray<string?> Columns);

/// <summary>A table, partitioned table, partition or foreign table of the database.</summary>
internal sealed record RowsTable(
    uint Oid,
    QualifiedName Name,
    char Kind,
    uint? Parent,
    string? Bound,
    string? PartitionConstraint,
    RowsPartitionKey? PartitionKey,
    ImmutableArray<RowsColumn> Columns,
    ImmutableArray<ImmutableArray<string>> Uniques,
    ImmutableArray<RowsForeignKey> ForeignKeys,
    ImmutableArray<RowsCheck> Checks,
    bool InExtension = false)
{
    public bool IsPartitioned => Kind == 'p';

    public bool IsForeign => Kind == 'f';

    public RowsColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>A sequence owned by a column (serial or identity), to move past the column's largest value.</summary>
internal sealed record OwnedSequence(string Sequence, QualifiedName Table, string Column);
