using System.Collections.Immutable;

namespace Migplan.Sql.Ast;

/// <summary>
/// One top-level statement. <see cref="Location"/> covers its text without the terminating semicolon;
/// <see cref="Text"/> is that text exactly as written.
/// </summary>
public abstract record Statement(SourceLocation Location)
{
    public string Text => Location.Text;

    /// <summary>
    /// A secret written in the statement (a role's password, a password option, a subscription's connection
    /// string; <c>PASSWORD '...'</c> anywhere, even inside an expression the front end keeps as text): where it
    /// is, and what it is ("a password"). A change must not carry one into a plan.
    /// </summary>
    public (SourceLocation Location, string What)? Secret { get; init; }
}

/// <summary>A statement the front end does not analyse; carried verbatim and flagged.</summary>
public sealed record OpaqueStatement(SourceLocation Location, string Reason) : Statement(Location)
{
    /// <summary>
    /// The relation the statement creates whose columns come from a query (CREATE TABLE ... AS, CREATE MATERIALIZED
    /// VIEW), so later statements may refer to it; null for any other statement.
    /// </summary>
    public CreatedRelation? Creates { get; init; }

    /// <summary>Materialized views the statement drops (DROP MATERIALIZED VIEW); empty otherwise.</summary>
    public ImmutableArray<QualifiedName> DropsMaterializedViews { get; init; } = [];

    /// <summary>The function, procedure, view or trigger the statement creates, replaces or drops, when read as one; null otherwise.</summary>
    public Definition? Defines { get; init; }
}

/// <summary>A relation created from a query: its name, whether it is a materialized view, IF NOT EXISTS, TEMP.</summary>
public sealed record CreatedRelation(QualifiedName Name, bool MaterializedView, bool IfNotExists, bool Temporary);

/// <summary>A psql meta-command line such as <c>\connect db</c> or <c>\restrict key</c>.</summary>
public sealed record PsqlMetaCommand(SourceLocation Location) : Statement(Location);

public enum TransactionKind
{
    Begin,
    Commit,
    Rollback,
}

public sealed record TransactionStatement(SourceLocation Location, TransactionKind Kind) : Statement(Location);

/// <summary>LOCK [TABLE] [ONLY] name [, ...] [IN mode MODE] [NOWAIT]; <see cref="Mode"/> upper-cased (ACCESS EXCLUSIVE when not written).</summary>
public sealed record LockTableStatement(SourceLocation Location, ImmutableArray<QualifiedName> Tables, string Mode) : Statement(Location);

/// <summary>SET [SESSION|LOCAL] name {TO|=} value, also SET TIME ZONE value. Value text as written.</summary>
public sealed record SetStatement(SourceLocation Location, string Name, string Value, bool Local) : Statement(Location)
{
    /// <summary>
    /// The value as PostgreSQL receives it when it is a list of plain items (strings, names, numbers):
    /// <c>'ISO, MDY'</c> gives one item, <c>ISO, MDY</c> two; default (IsDefault) for anything else.
    /// </summary>
    public ImmutableArray<string> Values { get; init; }

    /// <summary>True for <c>SET name TO DEFAULT</c> and RESET.</summary>
    public bool ToDefault => !Values.IsDefault && Values is ["default"];
}

public sealed record CreateTableStatement(
    SourceLocation Location,
    QualifiedName Name,
    bool IfNotExists,
    bool Unlogged,
    bool Temporary,
    ImmutableArray<ColumnDefinition> Columns,
    ImmutableArray<TableConstraint> Constraints,
    string? PartitionBy,
    QualifiedName? PartitionOf,
    string? PartitionBound,
    ImmutableArray<QualifiedName> Inherits) : Statement(Location);

public sealed record AlterTableStatement(
    SourceLocation Location,
    QualifiedName Table,
    bool IfExists,
    bool Only,
    ImmutableArray<AlterTableAction> Actions) : Statement(Location);

/// <summary>One element of an index: a column or a parenthesised expression, with its opclass/ordering as written.</summary>
public sealed record IndexElement(string Text, Identifier? Column, SqlExpression? Expression)
{
    /// <summary>Where the element is written, when parsed from the input.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>
    /// The name PostgreSQL gives the index column before making it unique (FigureIndexColname): the column, the
    /// function of a call, "expr" for any other expression.
    /// </summary>
    public string ColumnName => Column?.Value ?? ExpressionName ?? "expr";

    /// <summary>The name PostgreSQL figures for an expression element, when it figures one.</summary>
    public string? ExpressionName { get; init; }
}

public sealed record CreateIndexStatement(
    SourceLocation Location,
    Identifier? Name,
    QualifiedName Table,
    bool Unique,
    bool Concurrently,
    bool IfNotExists,
    bool Only,
    string? Method,
    ImmutableArray<IndexElement> Elements,
    ImmutableArray<Identifier> Include,
    string? With,
    string? Tablespace,
    SqlExpression? Where) : Statement(Location)
{
    public ImmutableArray<SourceLocation> IncludeLocations { get; init; } = [];

    /// <summary>NULLS NOT DISTINCT (PostgreSQL 15): NULLs count as equal for UNIQUE.</summary>
    public bool NullsNotDistinct { get; init; }
}

public sealed record DropTableStatement(SourceLocation Location, ImmutableArray<QualifiedName> Names, bool IfExists, bool Cascade) : Statement(Location);

public sealed record DropIndexStatement(SourceLocation Location, ImmutableArray<QualifiedName> Names, bool IfExists, bool Concurrently, bool Cascade) : Statement(Location);

/// <summary>SET target: one column <c>a = expr</c>, or several <c>(a, b) = (expr)</c>.</summary>
public sealed record SetClause(ImmutableArray<Identifier> Columns, SqlExpression Value);

/// <summary>An item of FROM / USING: a table with an optional alias, or anything else kept as text.</summary>
public sealed record FromItem(string Text, QualifiedName? Table, Identifier? Alias);

public sealed record UpdateStatement(
    SourceLocation Location,
    QualifiedName Table,
    bool Only,
    Identifier? Alias,
    ImmutableArray<SetClause> Set,
    ImmutableArray<FromItem> From,
    SqlExpression? Where,
    string? Returning) : Statement(Location);

public sealed record DeleteStatement(
    SourceLocation Location,
    QualifiedName Table,
    bool Only,
    Identifier? Alias,
    ImmutableArray<FromItem> Using,
    SqlExpression? Where,
    string? Returning) : Statement(Location);

/// <summary>INSERT INTO t [(cols)] followed by a query or VALUES (kept as text); ON CONFLICT and RETURNING as text.</summary>
public sealed record InsertStatement(
    SourceLocation Location,
    QualifiedName Table,
    Identifier? Alias,
    ImmutableArray<Identifier> Columns,
    string Source,
    bool IsSelect,
    string? OnConflict,
    string? Returning) : Statement(Location)
{
    /// <summary>The query when it is <c>SELECT list FROM table [[AS] alias] [WHERE condition]</c>; null otherwise.</summary>
    public SimpleSelect? Select { get; init; }
}

/// <summary>A query of the simplest form: the text of its select list and condition, its one table and alias.</summary>
public sealed record SimpleSelect(string List, QualifiedName From, Identifier? Alias, string? Where);

public enum CreateTypeKind
{
    Enum,
    Composite,
    Range,
    Other,
}

public sealed record CreateTypeStatement(SourceLocation Location, QualifiedName Name, CreateTypeKind Kind, ImmutableArray<string> EnumLabels) : Statement(Location);

/// <summary>ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' [BEFORE|AFTER 'other'].</summary>
/// <summary>ALTER INDEX [IF EXISTS] name RENAME TO new (other ALTER INDEX forms are opaque).</summary>
public sealed record AlterIndexRenameStatement(SourceLocation Location, QualifiedName Index, bool IfExists, Identifier NewName) : Statement(Location);

/// <summary>ALTER TYPE name RENAME VALUE 'old' TO 'new'.</summary>
public sealed record AlterTypeRenameValueStatement(SourceLocation Location, QualifiedName Type, string Old, string New) : Statement(Location);

public sealed record AlterTypeAddValueStatement(SourceLocation Location, QualifiedName Type, string Label, bool IfNotExists, string? Position) : Statement(Location);

/// <summary>CREATE SEQUENCE; its options kept as text.</summary>
public sealed record CreateSequenceStatement(SourceLocation Location, QualifiedName Name, bool IfNotExists, string Options) : Statement(Location)
{
    /// <summary>The options, parsed; default when one of them is not an option ALTER SEQUENCE has.</summary>
    public ImmutableArray<SequenceOption> Parsed { get; init; }
}

public sealed record TruncateStatement(SourceLocation Location, ImmutableArray<QualifiedName> Tables, bool Cascade, bool RestartIdentity) : Statement(Location);
