using System.Collections.Immutable;

namespace Migplan.Sql.Ast;

/// <summary>A column reference found inside an expression: <c>email</c> or <c>ue.email</c>.</summary>
public sealed record ColumnRef(Identifier? Qualifier, Identifier Column);

/// <summary>
/// An expression kept as its exact source text (so it can be re-emitted unchanged),
/// together with what it references: columns, and the functions it calls
/// (lower-case, unqualified; SQL value functions such as current_timestamp count as calls).
/// </summary>
public sealed record SqlExpression(string Text, SourceLocation Location, ImmutableArray<ColumnRef> Columns, ImmutableArray<string> Functions)
{
    public bool Equals(SqlExpression? other) => other is not null && Text == other.Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}

/// <summary>
/// A type name as written, normalised to single spaces: <c>varchar(255)</c>, <c>timestamp with time zone</c>,
/// <c>public.my_enum[]</c>. <see cref="BaseName"/> is the lower-case name without modifiers and array bounds
/// (<c>varchar</c>, <c>timestamp with time zone</c>, <c>public.my_enum</c>).
/// </summary>
public sealed record TypeName(string Text, string BaseName, ImmutableArray<string> Modifiers, int ArrayDimensions)
{
    public override string ToString() => Text;
}

public enum ReferentialAction
{
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

/// <summary>REFERENCES clause (column or table level).</summary>
public sealed record ForeignKeyReference(
    QualifiedName Table,
    ImmutableArray<Identifier> Columns,
    ReferentialAction OnDelete,
    ReferentialAction OnUpdate,
    string Text)
{
    /// <summary>Where each referenced column is written.</summary>
    public ImmutableArray<SourceLocation> ColumnLocations { get; init; } = [];
}
