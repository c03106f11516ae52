namespace Migplan.Sql;

/// <summary>
/// How psql's own syntax in a source is treated. psql runs a backslash command found anywhere outside quotes and
/// comments (and ends it at <c>\\</c>, running the rest of the line as SQL), and replaces <c>:name</c>,
/// <c>:'name'</c>, <c>:"name"</c> and <c>:{?name}</c> by a variable's value: none of that is SQL that migplan can
/// show in a plan.
/// </summary>
public enum PsqlSyntax
{
    /// <summary>The change, which psql will run: psql syntax is an error at its position.</summary>
    Refused,

    /// <summary>A schema dump, which is only read (pg_dump writes <c>\restrict</c>, <c>\connect</c>, ...):
    /// a meta-command where a statement starts becomes a <see cref="Ast.PsqlMetaCommand"/> statement; anywhere
    /// else, and a variable reference anywhere, is an error as in a change, because the dump's definitions are
    /// written into rollback scripts.</summary>
    Tolerated,
}
