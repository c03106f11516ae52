using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SchemaModel;

/// <summary>
/// What a key says beyond its columns survives the online recipe: DEFERRABLE / INITIALLY DEFERRED on an inline
/// REFERENCES, UNIQUE or PRIMARY KEY, NULLS NOT DISTINCT, INCLUDE columns. The plan ends with the same constraints
/// and indexes as the change as written (PostgreSQL 15).
/// </summary>
public sealed class KeyAttributesTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE orgs (id bigint PRIMARY KEY);
        CREATE TABLE users (id bigint PRIMARY KEY, email text, org_id bigint);
        """;

    private const string Seed = """
        INSERT INTO orgs SELECT g FROM generate_series(1, 5) g;
        INSERT INTO users SELECT g, 'u' || g || '@example.com', 1 + g % 5 FROM generate_series(1, 40) g;
        """;

    [Fact]
    public async Task DeferrableForeignKeyUniqueAndNullsNotDistinct_EndLikeTheChangeAsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE users ADD COLUMN org2 bigint REFERENCES orgs (id) DEFERRABLE INITIALLY DEFERRED;
            ALTER TABLE users ADD COLUMN code text UNIQUE DEFERRABLE INITIALLY DEFERRED;
            ALTER TABLE users ADD COLUMN ref text;
            ALTER TABLE users ADD CONSTRAINT users_id_ref_key UNIQUE NULLS NOT DISTINCT (id, ref);
            ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email) INCLUDE (org_id) DEFERRABLE;
            CREATE UNIQUE INDEX users_id_code_nnd ON users (id, code) NULLS NOT DISTINCT;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        await rehearsal.AssertRollbacksFromEveryPointAsync(Ct);
    }
}
