using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SchemaModel;

/// <summary>
/// ALTER INDEX ... RENAME is followed by the schema model (the index, and the constraint it backs, take the new
/// name), so later statements may use it; the plan ends like the change as written and rolls back from every point.
/// </summary>
public sealed class IndexRenameTests(PgServer server) : PgTest(server)
{
    [Fact]
    public async Task RenamedIndexesAndKeys_AreKnownByTheirNewNames_AndTheEndStateMatches()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, """
            CREATE TABLE users (id bigint PRIMARY KEY, email text, org_id bigint, CONSTRAINT users_email_key UNIQUE (email));
            CREATE INDEX users_org_idx ON users (org_id);
            """, "INSERT INTO users SELECT g, 'u' || g, g % 3 FROM generate_series(1, 30) g;", """
            ALTER INDEX users_pkey RENAME TO users_pk;
            ALTER INDEX users_email_key RENAME TO users_email_unique;
            ALTER TABLE users RENAME CONSTRAINT users_email_unique TO users_email_uq;
            ALTER INDEX users_org_idx RENAME TO users_org;
            COMMENT ON INDEX users_org IS 'by org';
            """, Ct);

        var steps = rehearsal.Plan.Steps.Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains(steps, s => s!.Contains("rename_index", StringComparison.Ordinal));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        await rehearsal.AssertRollbacksFromEveryPointAsync(Ct);
    }
}
