namespace Migplan.Live;

/// <summary>A table (relkind r or p) as the catalog and the statistics views describe it.</summary>
internal sealed record LiveTable(
    uint Oid,
    string Schema,
    string Name,
    bool Partitioned,
    bool IsPartition,
    string? PartitionBound,
    string? PartitionKey,
    IReadOnlyList<string> Parents,
    bool Unlogged,
    double RelTuples,
    long HeapBytes,
    long IndexBytes,
    long? LiveTuples,
    long? DeadTuples,
    DateTime? LastVacuum,
    DateTime? LastAutoVacuum,
    DateTime? LastAnalyze,
    DateTime? LastAutoAnalyze);

internal sealed record LiveColumn(uint Table, string Name, string Type, bool NotNull, string? Default, char Identity, string? Generated, bool Local);

internal sealed record LiveConstraint(uint Table, string Name, char Type, string Definition, bool Local, bool Inherited);

internal sealed record LiveIndex(uint Table, string Name, string Definition, bool Valid, bool BacksConstraint);

internal sealed record LiveEnum(string Schema, string Name, IReadOnlyList<string> Labels);

internal sealed record LiveDomain(string Schema, string Name, string BaseType, bool NotNull, string? Default, IReadOnlyList<string> Constraints);

internal sealed record LiveSequence(string Schema, string Name, string Type, long Start, long Increment, long Min, long Max, long Cache, bool Cycle, string? OwnedBy);

internal sealed record LiveTrigger(uint Table, string Name, string Definition, char Enabled);

/// <summary>What <see cref="LiveIntrospector"/> read, before it becomes a schema script, stats and facts.</summary>
internal sealed record LiveRows(
    int ServerVersionNum,
    string TransactionReadOnly,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<string> Standbys,
    IReadOnlyList<string> Slots,
    IReadOnlyList<LiveTable> Tables,
    IReadOnlyList<LiveColumn> Columns,
    IReadOnlyList<LiveConstraint> Constraints,
    IReadOnlyList<LiveIndex> Indexes,
    IReadOnlyList<LiveEnum> Enums,
    IReadOnlyList<LiveDomain> Domains,
    IReadOnlyList<LiveSequence> Sequences,
    IReadOnlyList<LiveTrigger> Triggers,
    IReadOnlyList<(uint Table, string Kind, string Name, string? Detail)> Dependents)
{
    /// <summary>What uses each table or one of its columns (see <see cref="LiveUse"/>).</summary>
    public IReadOnlyList<(uint Table, string? Column, string Kind, string Name, bool Textual)> Uses { get; init; } = [];
}
