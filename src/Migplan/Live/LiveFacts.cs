using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Live;

/// <summary>Something that depends on a table: a view, a materialized view, a function, a policy or another table's foreign key.</summary>
/// <param name="Table">The table's qualified name, quoted as in the steps' locks.</param>
/// <param name="Kind">"view", "materialized view", "function", "policy" or "foreign key".</param>
/// <param name="Name">The dependent's qualified name as the server writes it.</param>
/// <param name="Detail">The columns a view reads, or how a function was matched; null when there is nothing to add.</param>
public sealed record LiveDependent(string Table, string Kind, string Name, string? Detail);

/// <summary>A table's activity as the statistics collector counts it: live and dead rows, last vacuum and analyze (manual or auto).</summary>
public sealed record LiveActivity(string Table, long LiveTuples, long DeadTuples, DateTime? LastVacuum, DateTime? LastAnalyze);

/// <summary>
/// What the live server told beyond the schema and sizes, for the planner's notes and assumptions. Plain data:
/// the planner never sees a connection.
/// </summary>
public sealed record LiveFacts(
    string Server,
    int ServerVersionNum,
    ImmutableArray<QualifiedName> InvalidIndexes,
    ImmutableArray<string> NeverAnalysed,
    ImmutableArray<string> Standbys,
    ImmutableArray<string> ReplicationSlots,
    ImmutableArray<string> Settings,
    ImmutableArray<LiveDependent> Dependents)
{
    /// <summary>Per table (quoted name), what the statistics collector counts.</summary>
    public ImmutableDictionary<string, LiveActivity> Activity { get; init; } = ImmutableDictionary<string, LiveActivity>.Empty;

    /// <summary>What uses each table or one of its columns, by table and column (see <see cref="LiveUse"/>).</summary>
    public ImmutableArray<LiveUse> Uses { get; init; } = [];

    /// <summary>The server's major version (15 for 150004).</summary>
    public int MajorVersion => ServerVersionNum / 10000;
}

/// <summary>
/// One reading of a live database: its schema as a canonical DDL script (loaded like a pg_dump), its sizes
/// keyed <c>schema.table</c>, and the facts around them.
/// </summary>
public sealed record LiveSnapshot(SourceText Schema, IReadOnlyDictionary<string, TableStats> Stats, LiveFacts Facts)
{
    /// <summary><c>transaction_read_only</c> as the server reported it inside the reading transaction ("on").</summary>
    public string TransactionReadOnly { get; init; } = "on";
}

/// <summary>A snapshot, or the one-line reason the server could not be read (never holding a password).</summary>
public sealed record LiveReadResult(LiveSnapshot? Snapshot, string? Error);
