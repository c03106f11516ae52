using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Metadata;

/// <summary>
/// COMMENT ON, GRANT / REVOKE and ALTER SEQUENCE planned as analysed steps, run on PostgreSQL 15: the plan ends like
/// the change as written (comments, privileges and sequence options included in the fingerprint), and its rollbacks
/// from every point return the schema the change started from.
/// </summary>
public sealed class MetadataPlanTests(PgServer server) : PgTest(server)
{
    /// <summary>Roles are the cluster's, not the database's: created once, whichever test comes first.</summary>
    private const string Roles = """
        DO $$ BEGIN CREATE ROLE meta_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        DO $$ BEGIN CREATE ROLE "Meta Reader"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

        """;

    private const string Schema = Roles + """
        CREATE TABLE public.users (id bigint PRIMARY KEY, email text, name text);
        CREATE INDEX users_email_idx ON public.users (email);
        CREATE FUNCTION public.add(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
        CREATE SEQUENCE public.tickets_seq AS integer START WITH 10 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
        CREATE TABLE public.tickets (id integer DEFAULT nextval('public.tickets_seq') PRIMARY KEY, title text);
        ALTER SEQUENCE public.tickets_seq OWNED BY public.tickets.id;
        COMMENT ON TABLE public.users IS E'People\'s accounts \\ one row each';
        COMMENT ON COLUMN public.users.name IS 'Display name';
        COMMENT ON FUNCTION public.add(a integer, b integer) IS 'Adds';
        GRANT SELECT ON TABLE public.users TO meta_app;
        GRANT UPDATE ON TABLE public.users TO meta_app WITH GRANT OPTION;
        GRANT SELECT (email) ON TABLE public.users TO "Meta Reader";
        REVOKE ALL ON FUNCTION public.add(a integer, b integer) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION public.add(a integer, b integer) TO meta_app;

        """;

    private const string Seed = """
        INSERT INTO users SELECT g, 'u' || g || '@example.com', 'user ' || g FROM generate_series(1, 50) g;
        INSERT INTO tickets (title) SELECT 'ticket ' || g FROM generate_series(1, 20) g;
        """;

    [Fact]
    public async Task Comments_EndLikeTheChange_AndRollBackToThePreviousComments()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            COMMENT ON TABLE users IS $q$it's \' ; $$ \! touch /tmp/migplan-comment-pwned$q$;
            COMMENT ON COLUMN users.name IS NULL;
            COMMENT ON COLUMN users.email IS 'Login';
            COMMENT ON INDEX users_email_idx IS 'lookup';
            COMMENT ON CONSTRAINT users_pkey ON users IS E'key\\one';
            COMMENT ON FUNCTION public.add(a integer, b integer) IS 'Sums two integers';
            COMMENT ON SEQUENCE tickets_seq IS 'ticket numbers';
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(8, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
        Assert.False(File.Exists("/tmp/migplan-comment-pwned"));
    }

    [Fact]
    public async Task GrantsAndRevokes_EndLikeTheChange_AndRollBackOnlyWhatTheyChanged()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            GRANT SELECT, INSERT ON users TO meta_app;
            REVOKE UPDATE ON users FROM meta_app;
            GRANT UPDATE (name) ON users TO "Meta Reader" WITH GRANT OPTION;
            REVOKE SELECT (email) ON users FROM "Meta Reader";
            GRANT ALL ON tickets, tickets_seq TO meta_app;
            GRANT EXECUTE ON FUNCTION public.add(a integer, b integer) TO PUBLIC;
            REVOKE EXECUTE ON FUNCTION public.add(a integer, b integer) FROM meta_app;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(8, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task AlterSequence_EndsLikeTheChange_AndRollsBackTheOptionsItChanged()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER SEQUENCE tickets_seq AS bigint INCREMENT BY 5 CACHE 20 CYCLE;
            ALTER SEQUENCE tickets_seq MAXVALUE 1000000 START WITH 100;
            ALTER SEQUENCE tickets_seq OWNED BY NONE;
            ALTER SEQUENCE public.tickets_seq OWNED BY public.users.id;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(5, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task AlterSequenceRestart_EndsLikeTheChange_AndItsGoNoGoStopsAPlanWhoseRestartCollides()
    {
        using (var safe = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER SEQUENCE tickets_seq RESTART WITH 1000;\n", Ct))
        {
            await safe.AssertEndsLikeNaiveAsync(Ct);
            var rollback = safe.Plan.Step("alter_sequence").GetProperty("rollback");
            Assert.Equal("existing_data", rollback.GetProperty("dataLoss").GetString());
        }

        using var colliding = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER SEQUENCE tickets_seq RESTART WITH 15;\n", Ct);
        await using var db = await colliding.SeededAsync(Ct);
        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(colliding.Plan.Scripts[0], Ct);
        Assert.False(result.Succeeded);
        Assert.Contains("No value of public.tickets.id at or past 15", result.StdErr, StringComparison.Ordinal);
    }
}
