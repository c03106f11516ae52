using System.Collections.Immutable;

namespace Migplan.Sql.Ast;

/// <summary>
/// COMMENT ON kind object IS 'text' | NULL. <see cref="Kind"/> is the object kind upper-cased (TABLE, COLUMN,
/// MATERIALIZED VIEW, CONSTRAINT, FUNCTION, ...). <see cref="Name"/> is the object (for COLUMN the table, for
/// CONSTRAINT, TRIGGER, POLICY and RULE the object's own name in the table's schema); <see cref="Column"/> the
/// column of COLUMN; <see cref="On"/> the table (or DOMAIN) of CONSTRAINT, TRIGGER, POLICY and RULE;
/// <see cref="Arguments"/> the argument list of a FUNCTION, PROCEDURE, ROUTINE or AGGREGATE as written (tokens,
/// no parentheses). <see cref="Target"/> is the text between ON and IS as written (whole tokens).
/// <see cref="Comment"/> is the new comment's value, null for IS NULL (or an empty string, which PostgreSQL drops).
/// </summary>
public sealed record CommentStatement(
    SourceLocation Location,
    string Kind,
    QualifiedName Name,
    Identifier? Column,
    QualifiedName? On,
    string? Arguments,
    string Target,
    string? Comment) : Statement(Location)
{
    /// <summary>True for CONSTRAINT ... ON DOMAIN.</summary>
    public bool OnDomain { get; init; }
}

/// <summary>A privilege of GRANT or REVOKE: its keyword upper-cased (SELECT, ..., or ALL), and the columns it is limited to.</summary>
public sealed record Privilege(string Name, ImmutableArray<Identifier> Columns);

/// <summary>A grantee: a role name, or PUBLIC (<see cref="Role"/> null); CURRENT_USER and the like are refused by the parser (not analysed).</summary>
public sealed record Grantee(Identifier? Role)
{
    public bool IsPublic => Role is null;

    /// <summary>As SQL writes it: PUBLIC, or the quoted role name.</summary>
    public string Sql => Role?.Quoted ?? "PUBLIC";

    /// <summary>The key a catalog keeps the grantee's privileges under ("" for PUBLIC).</summary>
    public string Key => Role?.Value ?? string.Empty;
}

/// <summary>
/// GRANT privileges ON [kind] objects TO grantees [WITH GRANT OPTION] [GRANTED BY role], or REVOKE [GRANT OPTION FOR]
/// privileges ON [kind] objects FROM grantees [GRANTED BY role] [CASCADE | RESTRICT]. <see cref="Kind"/> is TABLE,
/// SEQUENCE, SCHEMA, FUNCTION, PROCEDURE, ROUTINE, TYPE or DOMAIN; <see cref="Privileges"/> empty means ALL
/// [PRIVILEGES] (of the whole object, no columns). <see cref="Objects"/>: each object's name and, for a routine,
/// its arguments as written (null when not written).
/// </summary>
public sealed record PrivilegeStatement(
    SourceLocation Location,
    bool IsGrant,
    bool GrantOptionFor,
    ImmutableArray<Privilege> Privileges,
    string Kind,
    ImmutableArray<(QualifiedName Name, string? Arguments)> Objects,
    ImmutableArray<Grantee> Grantees,
    bool WithGrantOption,
    bool Cascade,
    string? GrantedBy) : Statement(Location)
{
    public bool All => Privileges.IsEmpty;
}

/// <summary>One option of ALTER SEQUENCE: its keyword(s) upper-cased (AS, INCREMENT, MINVALUE, NO MINVALUE, MAXVALUE,
/// NO MAXVALUE, START, RESTART, CACHE, CYCLE, NO CYCLE, OWNED BY), and its value as written (whole tokens; null when none).</summary>
public sealed record SequenceOption(string Kind, string? Value);

/// <summary>ALTER SEQUENCE [IF EXISTS] name option [...] (the forms that change the sequence's options or owner column).</summary>
public sealed record AlterSequenceStatement(SourceLocation Location, QualifiedName Name, bool IfExists, ImmutableArray<SequenceOption> Options) : Statement(Location);
