using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Inertness;

/// <summary>
/// Issue 9, item 9: a role with CREATE on <c>public</c> (the default before PostgreSQL 15, and after
/// pg_upgrade) shadows built-ins the scripts call unqualified with better-matching overloads:
/// <c>pg_sleep(numeric)</c> and <c>pg_sleep(integer)</c> (the backfill's pauses), the operator
/// <c>numeric &gt; integer</c> (its replication-lag wait) and <c>oid = regclass</c> (<c>c.oid IN
/// (to_regclass(...))</c> in the pre-migration checks, <c>conrelid = '...'::regclass</c> in constraint steps).
/// An exact match wins over pg_catalog's candidate that needs a cast, wherever public is in search_path. Run as
/// the superuser, each would make the role a superuser and leave a marker table.
/// </summary>
public sealed class SearchPathTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);

        """;

    [Fact]
    public async Task BuiltinsShadowedInPublic_AreNotCalledByTheScripts()
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", """
            UPDATE users SET display_name = name WHERE display_name IS NULL;
            ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;
            CREATE INDEX users_name_idx ON users (name);

            """);
        if (!await hostile.PlanAsync())
        {
            return;
        }

        await hostile.LoadSchemaAsync(Db, Ct);
        await Db.ExecuteAsync("INSERT INTO users (id, name) SELECT g, 'n' || g FROM generate_series(1, 3) g", Ct);
        string attacker = "migplan_attacker_" + Db.Name[^16..];
        try
        {
            await Db.ExecuteAsync(Trap(attacker), Ct);
            await hostile.RunPlanAsync(Db, Ct);
            bool superuser = await Db.ScalarAsync<bool>($"SELECT rolsuper FROM pg_roles WHERE rolname = '{attacker}'", Ct);
            Assert.False(superuser, $"a script called a function or operator of {attacker} from public: the role is now a superuser.\n{hostile.Transcript()}");
            await hostile.AssertNothingRanAsync(Db, Ct);
        }
        finally
        {
            await Db.ExecuteAsync($"DROP OWNED BY {attacker}; DROP ROLE {attacker}", Ct);
        }
    }

    /// <summary>The attacker: no superuser, CREATE on public, its overloads created as itself.</summary>
    private static string Trap(string role) => $$"""
        CREATE ROLE {{role}} NOSUPERUSER LOGIN;
        GRANT CREATE ON SCHEMA public TO {{role}};
        SET ROLE {{role}};
        CREATE FUNCTION public.migplan_trap() RETURNS void LANGUAGE plpgsql AS $f$
        BEGIN
          EXECUTE 'ALTER ROLE {{role}} SUPERUSER';
          CREATE TABLE IF NOT EXISTS public.{{HostileCase.MarkerTable}} ();
        END
        $f$;
        CREATE FUNCTION public.pg_sleep(numeric) RETURNS void LANGUAGE plpgsql AS $f$ BEGIN PERFORM public.migplan_trap(); END $f$;
        CREATE FUNCTION public.pg_sleep(integer) RETURNS void LANGUAGE plpgsql AS $f$ BEGIN PERFORM public.migplan_trap(); END $f$;
        CREATE FUNCTION public.migplan_gt(numeric, integer) RETURNS boolean LANGUAGE plpgsql AS $f$
        BEGIN
          PERFORM public.migplan_trap();
          RETURN $1 OPERATOR(pg_catalog.>) $2::numeric;
        END
        $f$;
        CREATE OPERATOR public.> (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = public.migplan_gt);
        CREATE FUNCTION public.migplan_eq(oid, regclass) RETURNS boolean LANGUAGE plpgsql AS $f$
        BEGIN
          PERFORM public.migplan_trap();
          RETURN $1 OPERATOR(pg_catalog.=) $2::oid;
        END
        $f$;
        CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = regclass, FUNCTION = public.migplan_eq);
        RESET ROLE;
        """;
}
