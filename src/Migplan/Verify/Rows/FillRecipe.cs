using System.Collections.Immutable;
using Migplan.Sql;

namespace Migplan.Verify.Rows;

/// <summary>How a column of a table gets its value.</summary>
internal enum ValueSource
{
    /// <summary>A generated value (<see cref="ColumnValue.Sql"/>, of the column's base type).</summary>
    Generated,

    /// <summary>A referenced table's key, from the foreign key's numbered keys.</summary>
    ForeignKey,

    /// <summary>NULL: a deferred foreign key, an empty referenced table, or a type the generator does not know.</summary>
    Null,
}

/// <summary>One column the INSERT writes.</summary>
internal sealed record ColumnValue(RowsColumn Column, ValueSource Source, string Sql, bool Distinct);

/// <summary>A foreign key the INSERT takes its columns from: its referenced table's keys numbered 1..Count.</summary>
internal sealed record KeySource(int Index, RowsForeignKey ForeignKey, QualifiedName Referenced, long Count, string Map, bool Nullable);

/// <summary>
/// What one table's INSERT writes: each column's value, the foreign keys it joins, the most rows its unique foreign
/// keys allow, and why a table cannot be filled at all (<see cref="Problem"/>).
/// </summary>
internal sealed record FillRecipe(
    RowsTable Table,
    ImmutableArray<ColumnValue> Columns,
    ImmutableArray<KeySource> Keys,
    long Start,
    long? UniqueKeyCapacity,
    ImmutableArray<Message> Notes,
    Message? Problem);
