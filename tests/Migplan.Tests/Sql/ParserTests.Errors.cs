using Migplan.Sql;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserErrorTests
{
    [Theory]
    [InlineData("ALTER TABLE users ADD COLUMN email;", "expected a column type after \"email\", found \";\"")]
    [InlineData("CREATE TABLE users (id int, email);", "expected a column type after \"email\", found \")\"")]
    [InlineData("CREATE INDEX idx ON users email;", "expected \"(\" after CREATE INDEX ... ON users, found \"email\"")]
    [InlineData("ALTER TABLE t RENAME COLUMN a b;", "expected TO after RENAME COLUMN name, found \"b\"")]
    [InlineData("CREATE TABLE (;", "expected a table name after CREATE TABLE, found \"(\"")]
    [InlineData("CREATE TABLE t (a int NOT FOO);", "expected a column constraint, \",\" or \")\" after column \"a\", found \"NOT\"")]
    [InlineData("CREATE TABLE t (a int b int);", "expected a column constraint, \",\" or \")\" after column \"a\", found \"b\"")]
    [InlineData("CREATE TABLE t (a int,);", "expected a column name after \",\", found \")\"")]
    [InlineData("CREATE TABLE t (a int", "unbalanced \"(\": it is never closed (the statement runs to the end of the input)")]
    [InlineData("CREATE TABLE t (a numeric(10, 2", "unbalanced \"(\": it is never closed (the statement runs to the end of the input)")]
    [InlineData("ALTER TABLE t ADD COLUMN;", "expected a column name after ADD COLUMN, found \";\"")]
    [InlineData("ALTER TABLE t;", "expected an ALTER TABLE subcommand after ALTER TABLE t, found \";\"")]
    [InlineData("ALTER TABLE t ALTER COLUMN c SET DEFAULT;", "expected an expression after SET DEFAULT, found \";\"")]
    [InlineData("ALTER TABLE t ALTER COLUMN c SET NOT 1;", "expected NULL after SET NOT, found \"1\"")]
    [InlineData("ALTER TABLE t ALTER COLUMN c TYPE;", "expected a type after ALTER COLUMN c TYPE, found \";\"")]
    [InlineData("ALTER TABLE t ADD CONSTRAINT c;", "expected CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY or EXCLUDE after CONSTRAINT c, found \";\"")]
    [InlineData("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) users (id);", "expected REFERENCES after FOREIGN KEY (...), found \"users\"")]
    [InlineData("ALTER TABLE t ADD PRIMARY KEY (a) NOT VALID;", "PRIMARY KEY constraints cannot be marked NOT VALID")]
    [InlineData("ALTER TABLE t RENAME TO u, ADD COLUMN a int;", "expected end of statement after ALTER TABLE ... RENAME TO ..., found \",\"")]
    [InlineData("ALTER TABLE t ADD COLUMN a int, RENAME TO u;", "RENAME TO cannot be combined with other ALTER TABLE subcommands")]
    [InlineData("ALTER TABLE t DROP COLUMN a b;", "expected \",\" or end of statement after an ALTER TABLE subcommand, found \"b\"")]
    [InlineData("ALTER TABLE t ATTACH PARTITION p;", "expected FOR VALUES or DEFAULT after ATTACH PARTITION p, found \";\"")]
    [InlineData("CREATE INDEX ON t ();", "expected a column, a function call or \"(\" expression in index element, found \")\"")]
    [InlineData("CREATE INDEX i ON t (a) WHERE;", "expected an expression after WHERE, found \";\"")]
    [InlineData("CREATE INDEX i t (a);", "expected ON after CREATE INDEX i, found \"t\"")]
    [InlineData("DROP TABLE a b;", "expected end of statement after DROP TABLE a, found \"b\"")]
    [InlineData("DROP INDEX IF a;", "expected EXISTS after IF, found \"a\"")]
    [InlineData("UPDATE t a = 1;", "expected SET after UPDATE t, found \"=\"")]
    [InlineData("UPDATE t SET a 1;", "expected \"=\" after SET a, found \"1\"")]
    [InlineData("UPDATE t SET a = 1 WHERE;", "expected an expression after WHERE, found \";\"")]
    [InlineData("DELETE t;", "expected FROM after DELETE, found \"t\"")]
    [InlineData("INSERT INTO t (a) 1;", "expected VALUES, SELECT or DEFAULT VALUES after INSERT INTO t, found \"1\"")]
    [InlineData("CREATE TYPE m AS ENUM (a);", "expected a string label in CREATE TYPE m AS ENUM, found \"a\"")]
    [InlineData("ALTER TYPE m ADD VALUE x;", "expected a string literal after ADD VALUE, found \"x\"")]
    [InlineData("TRUNCATE t FOO;", "expected RESTART IDENTITY, CONTINUE IDENTITY, CASCADE, RESTRICT or end of statement after TRUNCATE t, found \"FOO\"")]
    [InlineData("SET x 1;", "expected TO or \"=\" after SET x, found \"1\"")]
    [InlineData("COMMIT foo;", "expected end of statement after COMMIT, found \"foo\"")]
    [InlineData("CREATE TABLE t (a int REFERENCES u ON DELETE EXPLODE);", "expected NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT after ON DELETE, found \"EXPLODE\"")]
    [InlineData("CREATE TABLE t (a int GENERATED ALWAYS AS 1);", "expected IDENTITY or \"(\" after GENERATED ALWAYS AS, found \"1\"")]
    [InlineData("CREATE TABLE t (a int CHECK (a > 0);", "expected a column constraint, \",\" or \")\" after column \"a\", found \";\"")]
    [InlineData("CREATE TABLE t (a int) FOO;", "expected end of CREATE TABLE t, found \"FOO\"")]
    [InlineData("CREATE TABLE t (user int);", "expected a column name after \"(\", found \"user\"")]
    [InlineData("ALTER TABLE users ALTER COLUMN nickname SET DEFALT 'anon';", "syntax error at or near \"DEFALT\": not an ALTER COLUMN form of PostgreSQL after ALTER COLUMN nickname SET")]
    [InlineData("ALTER TABLE users ALTER nickname DROP DEFALT;", "syntax error at or near \"DEFALT\": not an ALTER COLUMN form of PostgreSQL after ALTER COLUMN nickname DROP")]
    [InlineData("ALTER TABLE users ALTER COLUMN nickname FOO;", "syntax error at or near \"FOO\": not an ALTER COLUMN form of PostgreSQL after ALTER COLUMN nickname")]
    [InlineData("ALTER TABLE users ENABLE ROW SECURITY;", "syntax error at or near \"ENABLE\": not an ALTER TABLE subcommand of PostgreSQL")]
    [InlineData("ALTER TABLE users SET LOGGD;", "syntax error at or near \"SET\": not an ALTER TABLE subcommand of PostgreSQL")]
    [InlineData("ALTER TABLE users OWNER alice;", "syntax error at or near \"OWNER\": not an ALTER TABLE subcommand of PostgreSQL")]
    [InlineData("ALTER TABLE users FROB;", "syntax error at or near \"FROB\": not an ALTER TABLE subcommand of PostgreSQL")]
    [InlineData("ALTER TYPE mood RENAME VALU 'a' TO 'b';", "syntax error at or near \"RENAME\": not an ALTER TYPE form of PostgreSQL")]
    [InlineData("ALTER INDEX i FROB;", "syntax error at or near \"FROB\": not an ALTER INDEX form of PostgreSQL")]
    [InlineData("ALTER INDEX i RENAME TO j k;", "expected end of statement after ALTER INDEX ... RENAME TO j, found \"k\"")]
    [InlineData("ALTR TABLE users ADD COLUMN a int;", "syntax error at or near \"ALTR\": no PostgreSQL statement starts with this word")]
    [InlineData("CREATE INDX i ON t (a);", "syntax error at or near \"INDX\": not a kind of object CREATE applies to")]
    [InlineData("CREATE UNIQUE INDX i ON t (a);", "syntax error at or near \"INDX\": expected INDEX after CREATE UNIQUE")]
    [InlineData("DROP VEIW v;", "syntax error at or near \"VEIW\": not a kind of object DROP applies to")]
    [InlineData("ALTER SEQUENS s RESTART;", "syntax error at or near \"SEQUENS\": not a kind of object ALTER applies to")]
    [InlineData("CREATE OR REPLACE FUNKTION f() RETURNS int LANGUAGE sql AS 'select 1';", "syntax error at or near \"FUNKTION\": not a kind of object CREATE applies to")]
    public void SyntaxErrors_SayWhatWasExpectedAndFound(string sql, string message)
    {
        Diagnostic diagnostic = Error(sql);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Diagnostic_PointsAtOffendingToken_OnLaterLine()
    {
        const string sql = "BEGIN;\nCREATE TABLE users (\n  id bigint,\n  email\n);\nCOMMIT;";
        Diagnostic diagnostic = Error(sql);
        Assert.Equal("change.sql:5:1: expected a column type after \"email\", found \")\"", diagnostic.ToString());
        Assert.Equal(sql.LastIndexOf(')'), diagnostic.Location.Span.Start);
        Assert.Equal(1, diagnostic.Location.Span.Length);
    }

    [Fact]
    public void Diagnostic_UsesFirstLineOfMarkdownBlock()
    {
        Diagnostic diagnostic = Error("CREATE INDEX idx\n    ON users email;", firstLine: 41);
        Assert.Equal("change.sql:42:14: expected \"(\" after CREATE INDEX ... ON users, found \"email\"", diagnostic.ToString());
    }

    [Fact]
    public void Diagnostic_AtEndOfInput_PointsAtEnd()
    {
        const string sql = "ALTER TABLE t RENAME COLUMN a";
        Diagnostic diagnostic = Error(sql);
        Assert.Equal("expected TO after RENAME COLUMN name, found end of input", diagnostic.Message);
        Assert.Equal(sql.Length, diagnostic.Location.Span.Start);
    }

    [Fact]
    public void LongOffendingToken_IsShortenedInMessage()
    {
        Diagnostic diagnostic = Error("DROP TABLE a \"a very long quoted name that goes on and on and on\";");
        Assert.Equal("expected end of statement after DROP TABLE a, found \"\"a very long quoted name that goes on...\"", diagnostic.Message);
    }

    [Fact]
    public void LiteralAtAnError_IsNamedByItsKind_NeverByItsText()
    {
        Diagnostic diagnostic = Error("DROP TABLE a 'Hunter2Secret';");
        Assert.Equal("expected end of statement after DROP TABLE a, found a string literal", diagnostic.Message);
    }

    [Fact]
    public void ManyErrors_AreAllReported_InSourceOrder()
    {
        ParseResult result = Parse("CREATE TABLE t (a);\nUPDATE t a = 1;\nDROP TABLE;\nSELECT 1;");
        Assert.Equal([1, 2, 3], result.Diagnostics.Select(d => d.Location.Source.GetLineColumn(d.Location.Span.Start).Line));
        Assert.Single(result.Statements);
    }
}
