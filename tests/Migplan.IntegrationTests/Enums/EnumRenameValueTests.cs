using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Enums;

/// <summary>
/// ALTER TYPE ... RENAME VALUE on PostgreSQL 15: no table is locked (writers of a table using the type go on while it
/// is held in an open transaction), rows keep their value under the new label, and the plan's step and its rollback
/// end like the change as written and back where it started.
/// </summary>
public sealed class EnumRenameValueTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TABLE users (id bigint PRIMARY KEY, feeling mood NOT NULL, CONSTRAINT users_not_sad CHECK (feeling <> 'happy' OR id > 0));
        CREATE VIEW sad_users AS SELECT id FROM users WHERE feeling = 'sad';

        """;

    private const string Seed = "INSERT INTO users SELECT g, CASE WHEN g % 3 = 0 THEN 'sad' ELSE 'happy' END::mood FROM generate_series(1, 300) g;\n";

    [Fact]
    public async Task RenameValue_HeldInAnOpenTransaction_LocksNoTable_AndWritersGoOn()
    {
        await Db.ExecuteAsync(Schema + Seed, Ct);
        await using var ddl = await Db.OpenSessionAsync(Ct);
        await using var tx = await ddl.BeginTransactionAsync(Ct);
        await using (var rename = new NpgsqlCommand("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'", ddl, tx))
        {
            await rename.ExecuteNonQueryAsync(Ct);
        }

        await using (var locks = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation = 'users'::regclass", ddl, tx))
        {
            Assert.Equal(0L, (long)(await locks.ExecuteScalarAsync(Ct))!);
        }

        // Another session writes the table (with the old label, as its transaction still sees it) without waiting.
        await using var writer = await Db.OpenSessionAsync(Ct);
        await using (var timeout = new NpgsqlCommand("SET lock_timeout = '500ms'; INSERT INTO users VALUES (1000, 'sad'), (1001, 'happy'); UPDATE users SET feeling = 'happy' WHERE id = 3", writer))
        {
            await timeout.ExecuteNonQueryAsync(Ct);
        }

        await tx.CommitAsync(Ct);
        Assert.Equal(100L, await Db.ScalarAsync<long>("SELECT count(*) FROM sad_users", Ct)); // the view follows the value: 100 sad, one more written, one changed
        Assert.Equal(100L, await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE feeling = 'blue'", Ct));
    }

    [Fact]
    public async Task RenameValuePlan_EndsLikeTheChangeAsWritten_AndRollsBack()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';\n", Ct);

        Assert.True(rehearsal.Plan.Steps.All(s => s.GetProperty("analysed").GetBoolean()));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(2, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }
}
