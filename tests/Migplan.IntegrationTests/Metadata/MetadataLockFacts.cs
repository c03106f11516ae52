using System.Text.Json;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Metadata;

/// <summary>
/// The relation locks COMMENT ON, GRANT / REVOKE and ALTER SEQUENCE take on PostgreSQL 15 (pg_locks inside an open
/// transaction), each compared with the locks the plan's step says it takes: the same relations, the same strongest mode.
/// </summary>
public sealed class MetadataLockFacts(PgServer server) : PgTest(server)
{
    private const string Schema = """
        DO $$ BEGIN CREATE ROLE meta_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        CREATE TABLE public.users (id bigint PRIMARY KEY, email text);
        CREATE INDEX users_email_idx ON public.users (email);
        CREATE SEQUENCE public.users_seq AS integer;
        CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
        GRANT SELECT ON TABLE public.users TO meta_app;

        """;

    [Theory]
    [InlineData("COMMENT ON TABLE users IS 'x'", "comment", "users:ShareUpdateExclusive")]
    [InlineData("COMMENT ON COLUMN users.email IS 'x'", "comment", "users:ShareUpdateExclusive")]
    [InlineData("COMMENT ON INDEX users_email_idx IS 'x'", "comment", "users_email_idx:ShareUpdateExclusive")]
    [InlineData("COMMENT ON SEQUENCE users_seq IS 'x'", "comment", "users_seq:ShareUpdateExclusive")]
    [InlineData("COMMENT ON CONSTRAINT users_pkey ON users IS 'x'", "comment", "users:AccessShare")]
    [InlineData("COMMENT ON FUNCTION f(integer) IS 'x'", "comment", "")]
    [InlineData("GRANT SELECT, INSERT ON users TO meta_app", "grant", "")]
    [InlineData("REVOKE ALL ON users FROM meta_app", "revoke", "")]
    [InlineData("GRANT USAGE ON SEQUENCE users_seq TO meta_app", "grant", "")]
    [InlineData("GRANT UPDATE (email) ON users TO meta_app", "grant", "")]
    [InlineData("ALTER SEQUENCE users_seq INCREMENT BY 2", "alter_sequence", "users_seq:ShareRowExclusive")]
    [InlineData("ALTER SEQUENCE users_seq RESTART WITH 100", "alter_sequence", "users_seq:ShareRowExclusive")]
    [InlineData("ALTER SEQUENCE users_seq AS bigint", "alter_sequence", "users_seq:ShareRowExclusive")]
    [InlineData("ALTER SEQUENCE users_seq OWNED BY users.id", "alter_sequence", "users:AccessShare users_seq:ShareRowExclusive")]
    public async Task ObservedLocks_AreTheOnesThePlanStates(string statement, string step, string expected)
    {
        await Db.ExecuteAsync(Schema, Ct);
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, null, statement + ";\n", Ct);

        var observed = await new LockObserver(Db).ObserveAsync(statement, Ct);
        string strongest = string.Join(' ', observed.Relations.Select(r => $"{r}:{observed.StrongestOn(r)}"));
        string planned = string.Join(' ', rehearsal.Plan.Step(step).GetProperty("locks").EnumerateArray()
            .Select(l => (Name: l.GetProperty("relation").GetProperty("name").GetString()!, Mode: Mode(l)))
            .OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}:{l.Mode}"));

        Assert.Equal(expected, strongest);
        Assert.Equal(expected, planned);
    }

    [Fact]
    public async Task AlterSequence_WaitsForATransactionThatDrewAValue_AndBlocksNextval()
    {
        await Db.ExecuteAsync(Schema, Ct);
        await using var drawer = await Db.OpenSessionAsync(Ct);
        await using (var begin = new Npgsql.NpgsqlCommand("BEGIN; SELECT nextval('users_seq')", drawer))
        {
            await begin.ExecuteNonQueryAsync(Ct);
        }

        var waiting = await new LockObserver(Db).ObserveWhileWaitingAsync("ALTER SEQUENCE users_seq INCREMENT BY 2",
            async ct =>
            {
                await using var commit = new Npgsql.NpgsqlCommand("COMMIT", drawer);
                await commit.ExecuteNonQueryAsync(ct);
            }, Ct);

        Assert.Contains(waiting.Entries, e => e.Relation == "users_seq" && e.Mode == LockMode.ShareRowExclusive && !e.Granted);
    }

    private static string Mode(JsonElement l) => l.GetProperty("mode").GetString() switch
    {
        "ACCESS SHARE" => nameof(LockMode.AccessShare),
        "SHARE UPDATE EXCLUSIVE" => nameof(LockMode.ShareUpdateExclusive),
        "SHARE ROW EXCLUSIVE" => nameof(LockMode.ShareRowExclusive),
        "ACCESS EXCLUSIVE" => nameof(LockMode.AccessExclusive),
        var other => other!,
    };
}
