using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserSplittingTests
{
    [Fact]
    public void Statements_SplitAtTopLevelSemicolons_ExcludingTerminator()
    {
        ParseResult result = ParseClean("SELECT 1; SELECT (2;3); SELECT 'a;b'; SELECT $$c;d$$ /* ; */; SELECT \"e;f\"");
        Assert.Equal(
            ["SELECT 1", "SELECT (2;3)", "SELECT 'a;b'", "SELECT $$c;d$$", "SELECT \"e;f\""],
            result.Statements.Select(s => s.Text));
    }

    [Fact]
    public void EmptyStatements_AreSkipped()
    {
        ParseResult result = ParseClean(";;  ; BEGIN;;; COMMIT;;");
        Assert.Equal(["BEGIN", "COMMIT"], result.Statements.Select(s => s.Text));
    }

    [Fact]
    public void CommentsBetweenStatements_AreNotPartOfLocations()
    {
        const string text = "-- leading\n/* block */ BEGIN -- trailing\n;\n/* nested /* x */ */\nCOMMIT";
        ParseResult result = ParseClean(text);
        Assert.Equal(2, result.Statements.Length);
        Assert.Equal("BEGIN", result.Statements[0].Text);
        Assert.Equal(text.IndexOf("BEGIN", StringComparison.Ordinal), result.Statements[0].Location.Span.Start);
        Assert.Equal("COMMIT", result.Statements[1].Text);
    }

    [Fact]
    public void CommentInsideStatement_IsKept()
    {
        var statement = One<OpaqueStatement>("SELECT 1 /* one */ + 2 -- end\n;");
        Assert.Equal("SELECT 1 /* one */ + 2", statement.Text);
    }

    [Fact]
    public void BeginAtomicBody_StaysInsideCreateFunction()
    {
        const string function = """
            CREATE FUNCTION add_one(a int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT a + 1;
              SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
            END
            """;
        ParseResult result = ParseClean(function + ";\nSELECT 2;");
        Assert.Equal(2, result.Statements.Length);
        Assert.Equal(function, result.Statements[0].Text);
        Assert.Equal("CREATE FUNCTION is not analysed", Assert.IsType<OpaqueStatement>(result.Statements[0]).Reason);
    }

    [Fact]
    public void DollarQuotedFunctionBody_WithSemicolons_IsOneStatement()
    {
        ParseResult result = ParseClean("CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM 1; END; $body$ LANGUAGE plpgsql; SELECT 1;");
        Assert.Equal(2, result.Statements.Length);
        Assert.EndsWith("LANGUAGE plpgsql", result.Statements[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PsqlMetaCommands_InASchemaDump_AreStatementsCoveringTheirLine()
    {
        ParseResult result = ParseSchemaClean("\\restrict AbC123\n\\connect db\nSET x = 1;\n\\unrestrict AbC123\n");
        Assert.Collection(
            result.Statements,
            s => Assert.Equal("\\restrict AbC123", Assert.IsType<PsqlMetaCommand>(s).Text),
            s => Assert.Equal("\\connect db", Assert.IsType<PsqlMetaCommand>(s).Text),
            s => Assert.IsType<SetStatement>(s),
            s => Assert.Equal("\\unrestrict AbC123", Assert.IsType<PsqlMetaCommand>(s).Text));
    }

    [Fact]
    public void PsqlMetaCommand_InASchemaDump_InsideAStatement_IsAnError()
    {
        ParseResult result = SqlParser.Parse(new SourceText("schema.sql", "SELECT 1 \\gset\nSELECT 2;"), PsqlSyntax.Tolerated);
        Assert.StartsWith("schema.sql:1:10: psql meta-command \\gset is not allowed", result.Diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedComment_IsReported_AndEarlierStatementsSurvive()
    {
        ParseResult result = Parse("DROP TABLE a;\n/* never closed\nDROP TABLE b;");
        Assert.Equal("change.sql:2:1: unterminated /* comment", Assert.Single(result.Diagnostics).ToString());
        Assert.Equal("DROP TABLE a", Assert.Single(result.Statements).Text);
    }

    [Fact]
    public void LastStatement_WithoutSemicolon_IsParsed()
    {
        var statement = One<DropTableStatement>("DROP TABLE t\n");
        Assert.Equal("DROP TABLE t", statement.Text);
    }

    [Fact]
    public void StatementLocation_UsesFirstLineOfEnclosingFile()
    {
        ParseResult result = Parse("BEGIN;\n\n  COMMIT;", firstLine: 10);
        Assert.Equal("change.sql:12:3", result.Statements[1].Location.ToString());
    }

    [Fact]
    public void ErrorInOneStatement_DoesNotStopTheOthers()
    {
        ParseResult result = Parse("CREATE TABLE ;\nDROP TABLE a;\nALTER TABLE b RENAME COLUMN c d;\nDROP TABLE e;");
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.Equal(["DROP TABLE a", "DROP TABLE e"], result.Statements.Select(s => s.Text));
    }

    [Fact]
    public void LexicalError_IsReportedOnce_AndStatementIsDropped()
    {
        ParseResult result = Parse("DROP TABLE a;\nUPDATE t SET a = 'oops;\nDROP TABLE b;");
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("unterminated quoted string", diagnostic.Message);
        Assert.Equal("change.sql:2:18", diagnostic.ToString()[..^(diagnostic.Message.Length + 2)]);
        Assert.Equal("DROP TABLE a", Assert.Single(result.Statements).Text);
    }

    [Fact]
    public void EmptyInput_HasNoStatements()
    {
        ParseResult result = ParseClean("  -- nothing\n");
        Assert.Empty(result.Statements);
    }
}
