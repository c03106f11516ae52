using System.Collections.Immutable;
using Migplan.Planning;
using Migplan.Rendering.Messages;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Planning;

/// <summary>Relations created from a query, materialized views, LOCK TABLE, and objects hidden in DO blocks.</summary>
public sealed class CarriedRelationsTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, email text);
        CREATE MATERIALIZED VIEW user_emails AS SELECT id, email FROM users;
        CREATE UNIQUE INDEX user_emails_id ON user_emails (id);

        """;

    [Fact]
    public void CreateTableAs_AndMaterializedView_NameWhatTheyCreate()
    {
        var ctas = One<OpaqueStatement>("CREATE TEMP TABLE IF NOT EXISTS s.copy AS SELECT 1;");
        Assert.Equal(new CreatedRelation(new QualifiedName(Id("s"), Id("copy")), false, true, true), ctas.Creates);
        var view = One<OpaqueStatement>("CREATE MATERIALIZED VIEW mv AS SELECT 1;");
        Assert.Equal(new CreatedRelation(new QualifiedName(null, Id("mv")), true, false, false), view.Creates);
        var drop = One<OpaqueStatement>("DROP MATERIALIZED VIEW IF EXISTS a, b CASCADE;");
        Assert.Equal(["a", "b"], drop.DropsMaterializedViews.Select(n => n.Key));
    }

    [Fact]
    public void TableCreatedAsSelect_AcceptsColumnsTheModelCannotKnow()
    {
        var plan = TestPlanner.Plan("""
            CREATE TABLE copy AS SELECT * FROM users;
            ALTER TABLE copy ALTER COLUMN email SET NOT NULL;
            CREATE INDEX copy_email_idx ON copy (email);
            ALTER TABLE copy RENAME COLUMN email TO mail;

            """, Schema);

        Assert.Contains(plan.Steps, s => s.Sql.Contains("CREATE TABLE copy AS", StringComparison.Ordinal) && !s.Analysed);
        Assert.Contains(plan.Steps, s => s.Sql.Contains("copy_email_idx", StringComparison.Ordinal));
    }

    [Fact]
    public void IndexesOfAMaterializedView_AreKnown_AndDroppingTheViewForgetsIt()
    {
        var plan = TestPlanner.Plan("""
            DROP INDEX user_emails_id;
            DROP MATERIALIZED VIEW user_emails;

            """, Schema);
        Assert.Contains(plan.Steps, s => s.Sql.Contains("DROP INDEX CONCURRENTLY IF EXISTS public.user_emails_id", StringComparison.Ordinal));

        Assert.Contains(TestPlanner.Errors("DROP MATERIALIZED VIEW user_emails;\nDROP INDEX user_emails_id;\n", Schema), e => e.Contains("index public.user_emails_id does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void LockTable_IsANote_NotAStep()
    {
        var plan = TestPlanner.Plan("BEGIN;\nLOCK TABLE users IN SHARE MODE NOWAIT;\nUPDATE users SET email = lower(email);\nCOMMIT;\n", Schema);

        Assert.DoesNotContain(plan.Steps, s => s.Sql.Contains("LOCK TABLE", StringComparison.Ordinal));
        var note = Assert.Single(plan.Notes, n => n.Text.Id == "note.lock-table-not-held");
        Assert.Equal("change.sql:2:1", note.Origin);
        Assert.Contains("SHARE on users", English.Of(note.Text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LOCK TABLE users IN SHARE MOOD;", "expected a lock mode (ACCESS SHARE ... ACCESS EXCLUSIVE) after LOCK TABLE ... IN, found \"SHARE\"")]
    [InlineData("LOCK TABLE users, ;", "expected a table name after LOCK TABLE, found \";\"")]
    public void LockTable_BadGrammar_IsASyntaxError(string sql, string message)
    {
        var parsed = SqlParser.Parse(new SourceText("change.sql", sql));
        Assert.Contains(parsed.Diagnostics, d => d.Message == message);
    }

    [Fact]
    public void ATableMissingAfterADoBlock_TheErrorSaysMigplanCannotSeeInsideIt()
    {
        var error = Assert.Single(TestPlanner.Errors("DO $$ BEGIN CREATE TABLE made (id int); END $$;\nALTER TABLE made ADD COLUMN x int;\n", Schema));
        Assert.StartsWith("change.sql:2:13: table public.made does not exist", error, StringComparison.Ordinal);
        Assert.Contains("the statement at change.sql:1:1 may create it", error, StringComparison.Ordinal);
        Assert.Contains("--conn", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE TEMP TABLE ids AS SELECT id FROM users;\nUPDATE users SET email = 'x' FROM ids WHERE ids.id = users.id;\n", "change.sql:2:35")]
    [InlineData("CREATE TEMPORARY TABLE ids (id bigint);\nINSERT INTO ids SELECT id FROM users;\n", "change.sql:2:13")]
    [InlineData("CREATE TEMP TABLE ids (id bigint);\nALTER TABLE IF EXISTS ids ADD COLUMN n int;\n", "change.sql:2:23")]
    public void ATempTableUsedByALaterStatement_IsRefused_ItWouldBeGoneInTheNextStep(string change, string at)
    {
        var error = Assert.Single(TestPlanner.Errors(change, Schema));
        Assert.StartsWith(at + ": table ids is TEMPORARY", error, StringComparison.Ordinal);
    }

}

/// <summary>Names that look like keywords where a name is expected.</summary>
public sealed class KeywordLikeNameTests
{
    [Fact]
    public void ATypeInASchemaNamedStorage_IsANameInACastAndADefault()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE storage.buckets ADD COLUMN tier storage.buckettype DEFAULT 'ANALYTICS'::storage.buckettype NOT NULL;
            ALTER TABLE storage.buckets ALTER COLUMN type SET DEFAULT 'ANALYTICS'::"storage"."buckettype";

            """, """
            CREATE SCHEMA storage;
            CREATE TYPE storage.buckettype AS ENUM ('STANDARD', 'ANALYTICS');
            CREATE TABLE storage.buckets (
                id text NOT NULL,
                type storage.buckettype DEFAULT 'STANDARD'::storage.buckettype NOT NULL,
                kind "storage"."buckettype" DEFAULT 'STANDARD'::"storage"."buckettype" STORAGE PLAIN NOT NULL
            );

            """);

        var add = plan.StepWithTitle("Add column buckets.tier");
        Assert.Contains("DEFAULT 'ANALYTICS'::storage.buckettype NOT NULL", add.Sql, StringComparison.Ordinal);
    }
}
