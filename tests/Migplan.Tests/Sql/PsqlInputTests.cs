using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

/// <summary>
/// A change is read the way psql reads it (psql 15's psqlscan.l): a backslash outside quoted text and comments, a
/// variable reference and a lone CR are errors at their position; the same characters inside quotes, dollar quotes
/// and comments, and the SQL forms that look alike (<c>::</c>, <c>:=</c>, <c>[1 : n]</c>), stay accepted.
/// </summary>
public sealed class PsqlInputTests
{
    private static string Position(Diagnostic d)
    {
        (int line, int column) = d.Location.Source.GetLineColumn(d.Location.Span.Start);
        return $"{line}:{column}";
    }

    private static void AssertErrorsAt(string text, params string[] positions)
    {
        ParseResult result = Parse(text);
        Assert.Equal(positions, result.Diagnostics.Select(Position));
    }

    [Fact]
    public void BackslashSeparator_DoesNotHideTheStatementAfterIt_TheMetaCommandIsRefused()
    {
        ParseResult result = Parse("ALTER TABLE users ADD COLUMN a int;\n\\echo checking \\\\ DROP TABLE user_emails;\n");

        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal("2:1", Position(d));
        Assert.Equal(
            "psql meta-command \\echo is not allowed in a change: migplan plans SQL statements only and cannot show what a meta-command runs; remove it",
            d.Message);
        Assert.DoesNotContain(result.Statements, s => s is PsqlMetaCommand);
    }

    [Theory]
    [InlineData("SELECT 1 \\! id\n", "1:10", "\\!")]
    [InlineData("SELECT 1; \\gexec\n", "1:11", "\\gexec")]
    [InlineData("UPDATE t SET a = 1\n  \\g\n", "2:3", "\\g")]
    [InlineData("SELECT 1 FROM t WHERE a = 1\\gset\n", "1:28", "\\gset")]
    public void MetaCommand_AnywhereOutsideQuotes_IsRefusedAtItsBackslash(string text, string position, string name)
    {
        Diagnostic d = Assert.Single(Parse(text).Diagnostics);
        Assert.Equal(position, Position(d));
        Assert.StartsWith($"psql meta-command {name} is not allowed in a change", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 1\\; DROP TABLE t;", "1:9", "\\;")]
    [InlineData("SELECT a\\:b FROM t;", "1:9", "\\:")]
    public void BackslashSemicolonOrColon_IsRefused(string text, string position, string escape)
    {
        Diagnostic d = Assert.Single(Parse(text).Diagnostics);
        Assert.Equal(position, Position(d));
        Assert.StartsWith($"psql escape {escape} is not allowed in a change", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT :foo;", "1:8", ":foo")]
    [InlineData("SELECT :'USER';", "1:8", ":'USER'")]
    [InlineData("SELECT * FROM :\"DBNAME\";", "1:15", ":\"DBNAME\"")]
    [InlineData("SELECT :{?HOST};", "1:8", ":{?HOST}")]
    [InlineData("SELECT arr[1:n] FROM t;", "1:13", ":n")]
    [InlineData("SELECT arr[1:2] FROM t;", "1:13", ":2")]
    [InlineData("SELECT 1:::ENCODING;", "1:11", ":ENCODING")]
    [InlineData("UPDATE t\n SET a = :ñame;", "2:10", ":ñame")]
    public void VariableReference_IsRefusedAtItsColon(string text, string position, string shown)
    {
        Diagnostic d = Assert.Single(Parse(text).Diagnostics);
        Assert.Equal(position, Position(d));
        Assert.StartsWith($"psql would substitute the variable {shown} here", d.Message, StringComparison.Ordinal);
        Assert.EndsWith("put a space after ':' (e.g. arr[1 : n])", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT x::text FROM t;")]
    [InlineData("SELECT arr[1 : n] FROM t;")]
    [InlineData("SELECT :'not a name' FROM t;")]
    [InlineData("SELECT E'a\\\\b', E'it\\'s \\\\! x', 'a\\b' FROM t;")]
    [InlineData("SELECT \"a\\b:c\" FROM t;")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 \\! id :x $$;")]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $q$ \\echo $q$;")]
    [InlineData("-- \\! id and :x\nSELECT 1;")]
    [InlineData("/* \\! id /* nested :x */ \\echo */ SELECT 1;")]
    [InlineData("SELECT 1;\r\nSELECT 2;\r\n")]
    public void QuotedCommentedOrLookalikeText_StaysAccepted(string text) =>
        Assert.Empty(Parse(text).Diagnostics);

    [Fact]
    public void LoneCarriageReturn_EndsACommentForPostgres_AndIsRefused()
    {
        ParseResult result = Parse("SELECT 1; -- note\rDROP TABLE t;\rSELECT 2;");

        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal("1:18", Position(d));
        Assert.StartsWith("carriage return without a line feed", d.Message, StringComparison.Ordinal);
        Assert.Contains(result.Statements, s => s.Text == "DROP TABLE t");
    }

    [Fact]
    public void LoneCarriageReturn_InsideQuotedText_IsAccepted() =>
        Assert.Empty(Parse("SELECT 'a\rb', \"c\rd\", $$e\rf$$ FROM t;").Diagnostics);

    [Theory]
    [InlineData("DELETE FROM t WHERE id = 1\0 AND false\n;", "1:27")]
    [InlineData("SELECT 1;\nSELECT 'a\0b';", "2:10")]
    [InlineData("SELECT 1; -- \0\n", "1:14")]
    public void NulCharacter_PsqlDropsTheRestOfItsLine_IsRefused(string text, string position)
    {
        Diagnostic d = Assert.Single(Parse(text).Diagnostics, d => d.Message.StartsWith("NUL character", StringComparison.Ordinal));
        Assert.Equal(position, Position(d));
    }

    [Fact]
    public void SeveralPsqlConstructs_AreAllReported_InOrder() =>
        AssertErrorsAt("SELECT :a;\n\\set b 1\nSELECT :b;\n", "1:8", "2:1", "3:8");

    [Fact]
    public void SchemaDump_ToleratesMetaCommandsWhereAStatementStarts()
    {
        ParseResult result = SqlParser.Parse(new SourceText("schema.sql", "\\restrict k\nCREATE TABLE t (a int);\n\\connect db\n\\unrestrict k\n"), PsqlSyntax.Tolerated);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Statements.Count(s => s is PsqlMetaCommand));
    }

    [Theory]
    [InlineData("CREATE INDEX i ON t (a) WHERE a <> 'done':'foo';\n", "1:42")]
    [InlineData("CREATE TABLE t (a int CHECK (a > :n));\n", "1:34")]
    [InlineData("CREATE TABLE t (a int \\! id\n);\n", "1:23")]
    public void SchemaDump_RefusesVariablesAndMidStatementMetaCommands_BecauseItsDefinitionsReachRollbackScripts(string text, string position)
    {
        ParseResult result = SqlParser.Parse(new SourceText("schema.sql", text), PsqlSyntax.Tolerated);
        Diagnostic psql = Assert.Single(result.Diagnostics, d => d.Message.StartsWith("psql", StringComparison.Ordinal));
        Assert.Equal(position, Position(psql));
    }

    [Fact]
    public void BitString_HasNoDoubledQuoteEscape_AsInPostgres()
    {
        const string text = "B'0''1'";
        var diagnostics = new List<Diagnostic>();
        Token[] tokens = Lexer.Tokenize(new SourceText("t.sql", text), diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal([TokenKind.BitString, TokenKind.String, TokenKind.EndOfFile], tokens.Select(t => t.Kind));
        Assert.Equal("0", Lexer.StringValue(text, tokens[0]));
    }
}
