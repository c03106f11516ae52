using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserMiscTests
{
    [Fact]
    public void CreateType_Enum()
    {
        var type = One<CreateTypeStatement>("CREATE TYPE public.mood AS ENUM ('sad', 'it''s ok', E'h\\x61ppy')");
        Assert.Equal(new QualifiedName(Id("public"), Id("mood")), type.Name);
        Assert.Equal(CreateTypeKind.Enum, type.Kind);
        Assert.Equal(["sad", "it's ok", "happy"], type.EnumLabels);
    }

    [Theory]
    [InlineData("CREATE TYPE pair AS (a int, b text COLLATE \"C\")", CreateTypeKind.Composite)]
    [InlineData("CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)", CreateTypeKind.Range)]
    [InlineData("CREATE TYPE shell", CreateTypeKind.Other)]
    [InlineData("CREATE TYPE box2 (INPUT = box2_in, OUTPUT = box2_out)", CreateTypeKind.Other)]
    [InlineData("CREATE TYPE empty AS ENUM ()", CreateTypeKind.Enum)]
    public void CreateType_OtherKinds(string sql, CreateTypeKind kind)
    {
        var type = One<CreateTypeStatement>(sql);
        Assert.Equal(kind, type.Kind);
        Assert.Empty(type.EnumLabels);
    }

    [Theory]
    [InlineData("ALTER TYPE mood ADD VALUE 'meh'", "meh", false, null)]
    [InlineData("ALTER TYPE s.mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'sad'", "meh", true, "BEFORE 'sad'")]
    [InlineData("ALTER TYPE mood ADD VALUE 'x' AFTER 'y'", "x", false, "AFTER 'y'")]
    public void AlterType_AddValue(string sql, string label, bool ifNotExists, string? position)
    {
        var statement = One<AlterTypeAddValueStatement>(sql);
        Assert.Equal(label, statement.Label);
        Assert.Equal(ifNotExists, statement.IfNotExists);
        Assert.Equal(position, statement.Position);
    }

    [Fact]
    public void AlterType_OtherForms_AreOpaque() =>
        Assert.Equal("ALTER TYPE ... RENAME ATTRIBUTE is not analysed", One<OpaqueStatement>("ALTER TYPE pair RENAME ATTRIBUTE a TO b").Reason);

    [Fact]
    public void CreateSequence_PgDumpOptions()
    {
        var sequence = One<CreateSequenceStatement>(
            "CREATE SEQUENCE public.users_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1");
        Assert.Equal(new QualifiedName(Id("public"), Id("users_id_seq")), sequence.Name);
        Assert.False(sequence.IfNotExists);
        Assert.StartsWith("AS integer\n    START WITH 1", sequence.Options, StringComparison.Ordinal);
        Assert.EndsWith("CACHE 1", sequence.Options, StringComparison.Ordinal);

        var bare = One<CreateSequenceStatement>("CREATE TEMP SEQUENCE IF NOT EXISTS s");
        Assert.True(bare.IfNotExists);
        Assert.Equal(string.Empty, bare.Options);
    }

    [Theory]
    [InlineData("BEGIN", TransactionKind.Begin)]
    [InlineData("begin work", TransactionKind.Begin)]
    [InlineData("BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE", TransactionKind.Begin)]
    [InlineData("START TRANSACTION READ ONLY", TransactionKind.Begin)]
    [InlineData("COMMIT", TransactionKind.Commit)]
    [InlineData("COMMIT WORK AND NO CHAIN", TransactionKind.Commit)]
    [InlineData("END TRANSACTION", TransactionKind.Commit)]
    [InlineData("ROLLBACK", TransactionKind.Rollback)]
    [InlineData("ABORT WORK", TransactionKind.Rollback)]
    public void TransactionStatements(string sql, TransactionKind kind) =>
        Assert.Equal(kind, One<TransactionStatement>(sql).Kind);

    [Theory]
    [InlineData("ROLLBACK TO SAVEPOINT a", "ROLLBACK TO SAVEPOINT is not analysed")]
    [InlineData("ROLLBACK WORK TO a", "ROLLBACK TO SAVEPOINT is not analysed")]
    [InlineData("COMMIT PREPARED 'x'", "COMMIT PREPARED is not analysed")]
    [InlineData("SAVEPOINT a", "SAVEPOINT is not analysed")]
    public void OtherTransactionControl_IsOpaque(string sql, string reason) => Assert.Equal(reason, One<OpaqueStatement>(sql).Reason);

    [Theory]
    [InlineData("SET statement_timeout = 0", "statement_timeout", "0", false)]
    [InlineData("SET LOCAL lock_timeout TO '5s'", "lock_timeout", "'5s'", true)]
    [InlineData("SET SESSION search_path TO public, \"$user\"", "search_path", "public, \"$user\"", false)]
    [InlineData("SET TIME ZONE 'UTC'", "timezone", "'UTC'", false)]
    [InlineData("SET myapp.Tenant = 7", "myapp.tenant", "7", false)]
    [InlineData("SET check_function_bodies = false", "check_function_bodies", "false", false)]
    [InlineData("SET SCHEMA 'app'", "search_path", "'app'", false)]
    public void SetStatements(string sql, string name, string value, bool local)
    {
        var set = One<SetStatement>(sql);
        Assert.Equal(name, set.Name);
        Assert.Equal(value, set.Value);
        Assert.Equal(local, set.Local);
    }

    [Theory]
    [InlineData("COMMENT ON OPERATOR + (int, int) IS 'x; y'", "COMMENT ON OPERATOR is not analysed")]
    [InlineData("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "CREATE OR REPLACE FUNCTION is not analysed")]
    [InlineData("CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "CREATE TRIGGER is not analysed")]
    [InlineData("CREATE VIEW v AS SELECT 1", "CREATE VIEW is not analysed")]
    [InlineData("CREATE MATERIALIZED VIEW v AS SELECT 1", "CREATE MATERIALIZED VIEW is not analysed")]
    [InlineData("CREATE EXTENSION IF NOT EXISTS pgcrypto", "CREATE EXTENSION is not analysed")]
    [InlineData("CREATE SCHEMA app", "CREATE SCHEMA is not analysed")]
    [InlineData("GRANT SELECT ON ALL TABLES IN SCHEMA s TO r", "GRANT ... ON ALL TABLES IN SCHEMA is not analysed")]
    [InlineData("GRANT app TO alice", "GRANT of a role (membership) is not analysed")]
    [InlineData("ALTER SEQUENCE s OWNER TO r", "ALTER SEQUENCE ... OWNER TO is not analysed")]
    [InlineData("SELECT pg_catalog.set_config('search_path', '', false)", "SELECT is not analysed")]
    [InlineData("DO $$ BEGIN RAISE NOTICE 'x;'; END $$", "DO is not analysed")]
    [InlineData("ANALYZE t", "ANALYZE is not analysed")]
    [InlineData("VACUUM (VERBOSE) t", "VACUUM is not analysed")]
    [InlineData("CREATE POLICY p ON t USING (true)", "CREATE POLICY is not analysed")]
    [InlineData("DROP VIEW v", "DROP VIEW is not analysed")]
    [InlineData("ALTER INDEX i SET TABLESPACE pg_default", "ALTER INDEX ... SET TABLESPACE is not analysed")]
    [InlineData("ALTER INDEX p ATTACH PARTITION c", "ALTER INDEX ... ATTACH is not analysed")]
    [InlineData("RESET ROLE", "RESET ROLE is not analysed")]
    [InlineData("SET ROLE admin", "SET ROLE is not analysed")]
    [InlineData("LISTEN bar", "LISTEN is not analysed")]
    [InlineData("ALTER TABLE t ALTER COLUMN c SET STATISTICS 500", "ALTER TABLE ... ALTER COLUMN ... SET STATISTICS is not analysed")]
    [InlineData("ALTER TABLE t REPLICA IDENTITY FULL", "ALTER TABLE ... REPLICA IDENTITY is not analysed")]
    [InlineData("CREATE CONSTRAINT TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "CREATE CONSTRAINT TRIGGER is not analysed")]
    public void OtherStatements_AreOpaque_WithExactText(string sql, string reason)
    {
        var statement = One<OpaqueStatement>(sql + ";");
        Assert.Equal(reason, statement.Reason);
        Assert.Equal(sql, statement.Text);
    }
}
