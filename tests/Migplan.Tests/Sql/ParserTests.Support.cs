using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Tests.Sql;

/// <summary>Helpers shared by the parser tests.</summary>
internal static class SqlTest
{
    public static ParseResult Parse(string text, int firstLine = 1) => SqlParser.Parse(new SourceText("change.sql", text, firstLine));

    /// <summary>Parses a schema dump (psql meta-commands tolerated), expected to be free of diagnostics.</summary>
    public static ParseResult ParseSchemaClean(string text)
    {
        ParseResult result = SqlParser.Parse(new SourceText("schema.sql", text), PsqlSyntax.Tolerated);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        return result;
    }

    /// <summary>Parses input expected to be free of diagnostics.</summary>
    public static ParseResult ParseClean(string text)
    {
        ParseResult result = Parse(text);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        return result;
    }

    /// <summary>Parses one statement of the given type with no diagnostics.</summary>
    public static T One<T>(string text)
        where T : Statement
    {
        ParseResult result = ParseClean(text);
        Statement statement = Assert.Single(result.Statements);
        return Assert.IsType<T>(statement);
    }

    /// <summary>Parses input expected to produce exactly one error; returns it.</summary>
    public static Diagnostic Error(string text, int firstLine = 1)
    {
        ParseResult result = Parse(text, firstLine);
        Assert.True(result.HasErrors, "expected an error for: " + text);
        return Assert.Single(result.Diagnostics);
    }

    public static T Action<T>(string text)
        where T : AlterTableAction
    {
        AlterTableStatement statement = One<AlterTableStatement>(text);
        return Assert.IsType<T>(Assert.Single(statement.Actions));
    }

    public static string Columns(SqlExpression expression) =>
        string.Join(",", expression.Columns.Select(c => c.Qualifier is null ? c.Column.Value : c.Qualifier.Value + "." + c.Column.Value));

    public static string Functions(SqlExpression expression) => string.Join(",", expression.Functions);

    public static Identifier Id(string value) => new(value);
}
