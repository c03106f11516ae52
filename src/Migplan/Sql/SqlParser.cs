namespace Migplan.Sql;

/// <summary>Entry point of the PostgreSQL front end. (Placeholder until the parser lands.)</summary>
public static class SqlParser
{
    public static ParseResult Parse(SourceText source) => throw new NotImplementedException(source.Path);
}
