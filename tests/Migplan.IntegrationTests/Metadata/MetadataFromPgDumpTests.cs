using Migplan.IntegrationTests.PgDump;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Metadata;

/// <summary>
/// The previous comments, privileges and sequence options are learned from a real pg_dump --schema-only (its COMMENT
/// ON ... IS, CREATE SEQUENCE options, ALTER SEQUENCE ... OWNED BY, GRANT and REVOKE lines): the plan over the dump
/// ends like the change, and every rollback returns the dumped schema exactly, with no step left to a person.
/// </summary>
public sealed class MetadataFromPgDumpTests(PgServer server) : PgTest(server)
{
    private const string Original = """
        DO $$ BEGIN CREATE ROLE meta_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        CREATE TABLE users (id serial PRIMARY KEY, email text, name text);
        CREATE SEQUENCE invoice_seq AS integer START 500 INCREMENT 10 MAXVALUE 90000 CACHE 5;
        CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
        COMMENT ON TABLE users IS E'Accounts: it\'s \\ one per person';
        COMMENT ON COLUMN users.email IS 'Login';
        COMMENT ON CONSTRAINT users_pkey ON users IS 'key';
        GRANT SELECT, UPDATE ON users TO meta_app;
        GRANT USAGE ON SEQUENCE users_id_seq TO meta_app;
        REVOKE ALL ON FUNCTION add(integer, integer) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION add(integer, integer) TO meta_app WITH GRANT OPTION;
        """;

    private const string Change = """
        COMMENT ON TABLE users IS 'People';
        COMMENT ON COLUMN users.email IS NULL;
        COMMENT ON COLUMN users.name IS 'Shown';
        COMMENT ON CONSTRAINT users_pkey ON users IS NULL;
        GRANT ALL ON users TO meta_app;
        REVOKE UPDATE ON users FROM meta_app;
        REVOKE ALL ON SEQUENCE users_id_seq FROM meta_app;
        REVOKE EXECUTE ON FUNCTION public.add(a integer, b integer) FROM meta_app;
        GRANT EXECUTE ON FUNCTION public.add(a integer, b integer) TO PUBLIC;
        ALTER SEQUENCE invoice_seq AS bigint INCREMENT BY 1 NO MAXVALUE CACHE 1;
        ALTER SEQUENCE users_id_seq AS bigint OWNED BY NONE;
        """;

    [Fact]
    public async Task APlanOverAPgDump_RollsBackCommentsPrivilegesAndSequenceOptionsExactly()
    {
        await Db.ExecuteAsync(Original, Ct);
        string dump = await new PgDumpRunner(Db.ConnectionString).SchemaOnlyAsync(Ct);
        Assert.Contains("GRANT ", dump, StringComparison.Ordinal);

        using var rehearsal = await PlanRehearsal.CreateAsync(Server, dump, "INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com');\n", Change, Ct);

        var steps = rehearsal.Plan.Steps.ToList();
        Assert.All(steps, s => Assert.True(s.GetProperty("analysed").GetBoolean(), s.GetProperty("id").GetString()));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(steps.Count, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }
}
