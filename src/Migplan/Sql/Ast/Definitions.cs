using System.Collections.Immutable;

namespace Migplan.Sql.Ast;

public sealed record ColumnDefinition(Identifier Name, TypeName Type, ImmutableArray<ColumnConstraint> Constraints, string? Collation)
{
    /// <summary>Where the definition is written (from its name to its last constraint), when parsed from a source.</summary>
    public SourceLocation? Location { get; init; }

    public bool IsNotNull => Constraints.Any(c => c is NotNullColumnConstraint or PrimaryKeyColumnConstraint);

    public SqlExpression? Default => Constraints.OfType<DefaultColumnConstraint>().Select(d => d.Value).LastOrDefault();
}

/// <summary>A constraint written on a column. <see cref="Name"/> is set for CONSTRAINT name ....</summary>
public abstract record ColumnConstraint(Identifier? Name);

public sealed record NotNullColumnConstraint(Identifier? Name) : ColumnConstraint(Name);

public sealed record NullColumnConstraint(Identifier? Name) : ColumnConstraint(Name);

public sealed record DefaultColumnConstraint(Identifier? Name, SqlExpression Value) : ColumnConstraint(Name);

/// <summary>GENERATED ALWAYS AS (expr) STORED.</summary>
public sealed record GeneratedColumnConstraint(Identifier? Name, SqlExpression Expression) : ColumnConstraint(Name);

/// <summary>GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options)]; options as text.</summary>
public sealed record IdentityColumnConstraint(Identifier? Name, bool Always, string? Options) : ColumnConstraint(Name);

public sealed record CheckColumnConstraint(Identifier? Name, SqlExpression Expression, bool NoInherit) : ColumnConstraint(Name);

public sealed record PrimaryKeyColumnConstraint(Identifier? Name) : ColumnConstraint(Name)
{
    /// <summary>DEFERRABLE / INITIALLY ... as written after it, or null.</summary>
    public string? Attributes { get; init; }
}

public sealed record UniqueColumnConstraint(Identifier? Name) : ColumnConstraint(Name)
{
    public bool NullsNotDistinct { get; init; }

    /// <summary>DEFERRABLE / INITIALLY ... as written after it, or null.</summary>
    public string? Attributes { get; init; }
}

public sealed record ReferencesColumnConstraint(Identifier? Name, ForeignKeyReference Reference) : ColumnConstraint(Name);

/// <summary>A table-level constraint (CREATE TABLE or ALTER TABLE ADD). <see cref="Text"/> is its source text.</summary>
public abstract record TableConstraint(Identifier? Name, bool NotValid, string Text)
{
    /// <summary>Where each key column is written (PRIMARY KEY, UNIQUE, FOREIGN KEY), when parsed from the input.</summary>
    public ImmutableArray<SourceLocation> ColumnLocations { get; init; } = [];

    /// <summary>INCLUDE columns of PRIMARY KEY / UNIQUE, with where each is written.</summary>
    public ImmutableArray<Identifier> Include { get; init; } = [];

    public ImmutableArray<SourceLocation> IncludeLocations { get; init; } = [];

    /// <summary>DEFERRABLE / NOT DEFERRABLE / INITIALLY ... of PRIMARY KEY / UNIQUE as written, or null.</summary>
    public string? Attributes { get; init; }
}

public sealed record PrimaryKeyConstraint(Identifier? Name, ImmutableArray<Identifier> Columns, Identifier? UsingIndex, string Text)
    : TableConstraint(Name, false, Text);

public sealed record UniqueConstraint(Identifier? Name, ImmutableArray<Identifier> Columns, Identifier? UsingIndex, bool NullsNotDistinct, string Text)
    : TableConstraint(Name, false, Text);

public sealed record CheckConstraint(Identifier? Name, SqlExpression Expression, bool NotValid, bool NoInherit, string Text)
    : TableConstraint(Name, NotValid, Text);

public sealed record ForeignKeyConstraint(Identifier? Name, ImmutableArray<Identifier> Columns, ForeignKeyReference Reference, bool NotValid, string Text)
    : TableConstraint(Name, NotValid, Text);

/// <summary>EXCLUDE (...) kept as text.</summary>
public sealed record ExcludeConstraint(Identifier? Name, string Text) : TableConstraint(Name, false, Text)
{
    /// <summary>The name PostgreSQL gives each element's index column (the column, or the figured name of an expression, or "expr").</summary>
    public ImmutableArray<string> ElementNames { get; init; } = [];
}
