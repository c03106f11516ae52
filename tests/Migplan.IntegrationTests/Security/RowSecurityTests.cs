using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Security;

/// <summary>
/// ENABLE / FORCE ROW LEVEL SECURITY on PostgreSQL 15: the lock it takes is the one the plan names (read from
/// pg_locks in its transaction), and the plan's step and its rollback end like the change as written and back where
/// the schema started, including a table the schema already had enabled.
/// </summary>
public sealed class RowSecurityTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE notes (id bigint PRIMARY KEY, owner_name text NOT NULL, body text);
        CREATE TABLE audit (id bigint PRIMARY KEY, body text);
        ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
        CREATE POLICY notes_own ON notes USING (owner_name = current_user);

        """;

    private const string Seed = "INSERT INTO notes SELECT g, 'u' || g % 3, 'note ' || g FROM generate_series(1, 60) g;\n";

    [Theory]
    [InlineData("ENABLE")]
    [InlineData("FORCE")]
    [InlineData("DISABLE")]
    public async Task RowSecurityChange_TakesTheLockThePlanNames(string words)
    {
        await Db.ExecuteAsync(Schema, Ct);
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, null, $"ALTER TABLE notes {words} ROW LEVEL SECURITY;\n", Ct);
        var planned = Assert.Single(rehearsal.Plan.Steps.ToList()[1].GetProperty("locks").EnumerateArray().ToList());

        await using var conn = await Db.OpenSessionAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        await using (var cmd = new NpgsqlCommand($"ALTER TABLE notes {words} ROW LEVEL SECURITY", conn, tx))
        {
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        await using var locks = new NpgsqlCommand("SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation = 'notes'::regclass", conn, tx);
        var modes = new List<string>();
        await using (var reader = await locks.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                modes.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["AccessExclusiveLock"], modes);
        Assert.Equal("ACCESS EXCLUSIVE", planned.GetProperty("mode").GetString());
        Assert.Equal("brief", planned.GetProperty("duration").GetString());
    }

    [Fact]
    public async Task RowSecurityPlan_EndsLikeTheChangeAsWritten_AndRollsBackToTheSchemasSettings()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
            ALTER TABLE notes FORCE ROW LEVEL SECURITY;
            ALTER TABLE audit DISABLE ROW LEVEL SECURITY;
            ALTER TABLE audit ENABLE ROW LEVEL SECURITY;

            """, Ct);

        Assert.True(rehearsal.Plan.Steps.All(s => s.GetProperty("analysed").GetBoolean()));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(5, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }
}
