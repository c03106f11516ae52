using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SchemaModel;

/// <summary>
/// Relations created from a query (CREATE TABLE ... AS, materialized views) are known to later statements, their
/// indexes too; LOCK TABLE in the input becomes a note instead of a step that fails outside a transaction block.
/// Each plan runs on PostgreSQL 15 and ends like the change as written.
/// </summary>
public sealed class CarriedRelationsTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, email text, org_id bigint);
        CREATE MATERIALIZED VIEW user_counts AS SELECT org_id, count(*) AS n FROM users GROUP BY org_id;
        CREATE UNIQUE INDEX user_counts_org ON user_counts (org_id);
        """;

    private const string Seed = "INSERT INTO users SELECT g, 'U' || g || '@Example.com', g % 4 FROM generate_series(1, 60) g; REFRESH MATERIALIZED VIEW user_counts;";

    [Fact]
    public async Task TableCreatedAsSelect_IsAlteredIndexedAndBackfilledLater()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            CREATE TABLE users_archive AS SELECT * FROM users WHERE org_id = 1;
            ALTER TABLE users_archive ADD COLUMN archived_at timestamptz;
            CREATE INDEX users_archive_email_idx ON users_archive (email);
            UPDATE users_archive SET email = lower(email);
            ALTER TABLE users_archive ADD PRIMARY KEY (id);
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    [Fact]
    public async Task MaterializedViewsAndTheirIndexes_AreKnown_AndLockTableBecomesANote()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            BEGIN;
            LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;
            UPDATE users SET email = lower(email);
            COMMIT;
            REFRESH MATERIALIZED VIEW CONCURRENTLY user_counts;
            DROP INDEX user_counts_org;
            CREATE MATERIALIZED VIEW org_ids AS SELECT DISTINCT org_id FROM users;
            CREATE UNIQUE INDEX org_ids_org ON org_ids (org_id);
            DROP MATERIALIZED VIEW user_counts;
            """, Ct);

        Assert.DoesNotContain(rehearsal.Plan.Steps, s => s.GetProperty("commands").EnumerateArray().Any(c => c.GetProperty("sql").GetString()!.Contains("LOCK TABLE", StringComparison.Ordinal)));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }
}
