namespace Migplan.Sql;

/// <summary>Entry point of the PostgreSQL front end: lexes and parses a whole source, never throwing on bad input.</summary>
public static class SqlParser
{
    /// <summary>
    /// Parses every statement of <paramref name="source"/>; syntax errors become diagnostics and parsing resumes at the
    /// next statement. A change (the default) refuses psql's meta-commands and variables; a schema dump tolerates them.
    /// </summary>
    public static ParseResult Parse(SourceText source, PsqlSyntax psql = PsqlSyntax.Refused)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Parser.Parse(source, psql);
    }
}
