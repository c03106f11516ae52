using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Ordering;

/// <summary>
/// Reordering never changes meaning, on PostgreSQL 15: for each pattern found on real migrations (a drop the
/// planner moved to Cleanup while a later statement needed it done, a rename overtaken by a statement using the new
/// name, a trigger replaced in two commits), the plan's forward scripts end with the schema and rows of the change as
/// written, and its rollbacks run from every point the rehearsal reaches.
/// </summary>
public sealed class ReorderSafetyTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('sad', 'happy');
        CREATE TABLE users (
            id bigint PRIMARY KEY,
            code text NOT NULL UNIQUE,
            name text NOT NULL,
            nickname text,
            fax text,
            feeling mood
        );
        CREATE INDEX users_name_idx ON users (name);
        CREATE INDEX users_lower_name_idx ON users (lower(name));
        CREATE TABLE orders (
            id bigint PRIMARY KEY,
            user_code text CONSTRAINT orders_user_code_fkey REFERENCES users (code),
            note text,
            CONSTRAINT orders_note_check CHECK (note <> '')
        );
        CREATE TABLE legacy (id bigint PRIMARY KEY, body text);
        CREATE TABLE archive (id bigint PRIMARY KEY, body text);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := trim(NEW.name); RETURN NEW; END $$;
        CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();

        """;

    private const string Seed = """
        INSERT INTO users SELECT g, (1000 + g)::text, 'User ' || g, CASE WHEN g % 3 = 0 THEN 'nick ' || g END, 'fax ' || g, 'happy' FROM generate_series(1, 60) g;
        INSERT INTO orders SELECT g, (1000 + 1 + g % 60)::text, 'note ' || g FROM generate_series(1, 150) g;
        INSERT INTO legacy SELECT g, 'legacy ' || g FROM generate_series(1, 20) g;
        INSERT INTO archive SELECT g, 'archived ' || g FROM generate_series(1, 30) g;

        """;

    [Theory]
    [InlineData("drop index, create index of the same name", """
        DROP INDEX users_name_idx;
        CREATE INDEX users_name_idx ON users (name, id);
        """)]
    [InlineData("drop table, create table of the same name", """
        DROP TABLE legacy;
        CREATE TABLE legacy (id bigint PRIMARY KEY, body text NOT NULL DEFAULT '');
        """)]
    [InlineData("drop column, add column of the same name", """
        ALTER TABLE users DROP COLUMN fax;
        ALTER TABLE users ADD COLUMN fax bigint;
        """)]
    [InlineData("drop constraint, add a constraint of the same name", """
        ALTER TABLE orders DROP CONSTRAINT orders_note_check;
        ALTER TABLE orders ADD COLUMN memo text CONSTRAINT orders_note_check CHECK (memo <> '');
        """)]
    [InlineData("drop column, drop the type it used", """
        ALTER TABLE users DROP COLUMN feeling;
        DROP TYPE mood;
        """)]
    [InlineData("drop foreign key, change the referenced column's type", """
        ALTER TABLE orders DROP CONSTRAINT orders_user_code_fkey;
        ALTER TABLE users ALTER COLUMN code TYPE bigint USING code::bigint;
        """)]
    [InlineData("drop expression index, change its column's type", """
        DROP INDEX users_lower_name_idx;
        ALTER TABLE users ALTER COLUMN name TYPE integer USING length(name);
        """)]
    [InlineData("drop column, rename another onto its name", """
        ALTER TABLE users DROP COLUMN fax;
        ALTER TABLE users RENAME COLUMN nickname TO fax;
        """)]
    [InlineData("drop index, rename another index onto its name", """
        DROP INDEX users_name_idx;
        ALTER INDEX users_lower_name_idx RENAME TO users_name_idx;
        """)]
    [InlineData("drop table, rename another onto its name", """
        DROP TABLE legacy;
        ALTER TABLE archive RENAME TO legacy;
        """)]
    [InlineData("rename held behind a backfill, view using the new name", """
        UPDATE users SET nickname = name WHERE nickname IS NULL;
        ALTER TABLE users RENAME COLUMN nickname TO handle;
        CREATE VIEW handles AS SELECT id, handle FROM users;
        """)]
    [InlineData("truncate, then insert", """
        TRUNCATE archive;
        INSERT INTO archive VALUES (1, 'fresh');
        """)]
    [InlineData("drop column, view over every column of its table", """
        ALTER TABLE users DROP COLUMN fax;
        CREATE VIEW everyone AS SELECT * FROM users;
        """)]
    [InlineData("add constraint, rename it", """
        ALTER TABLE orders ADD CONSTRAINT orders_note_short CHECK (length(note) < 100);
        ALTER TABLE orders RENAME CONSTRAINT orders_note_short TO orders_note_length;
        """)]
    [InlineData("delete, drop table, create table of its name", """
        DELETE FROM legacy WHERE id > 10;
        DROP TABLE legacy;
        CREATE TABLE legacy (id bigint PRIMARY KEY);
        """)]
    [InlineData("set not null, rename that column", """
        UPDATE users SET nickname = 'none' WHERE nickname IS NULL;
        ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;
        ALTER TABLE users RENAME COLUMN nickname TO handle;
        """)]
    [InlineData("foreign key to a table, rename that table", """
        ALTER TABLE legacy ADD COLUMN user_id bigint;
        ALTER TABLE legacy ADD CONSTRAINT legacy_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
        ALTER TABLE users RENAME TO people;
        """)]
    [InlineData("unrelated drop, rename, add and backfill", """
        ALTER TABLE users DROP COLUMN fax;
        ALTER TABLE users RENAME COLUMN nickname TO handle;
        ALTER TABLE users ADD COLUMN score integer;
        UPDATE users SET score = length(coalesce(handle, name));
        """)]
    [InlineData("foreign key, then its column's type widened", """
        ALTER TABLE legacy ADD COLUMN user_id integer;
        UPDATE legacy SET user_id = id;
        ALTER TABLE legacy ADD CONSTRAINT legacy_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
        ALTER TABLE legacy ALTER COLUMN user_id TYPE bigint;
        """)]
    [InlineData("check, then its column's type changed with USING", """
        ALTER TABLE archive ADD CONSTRAINT archive_body_check CHECK (length(body) > 3);
        ALTER TABLE archive ALTER COLUMN body TYPE varchar(40) USING upper(body);
        """)]
    [InlineData("drop and create a trigger", """
        DROP TRIGGER users_touch ON users;
        CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
        """)]
    public async Task Plan_EndsLikeTheChangeAsWritten_AndRollsBackFromEveryPoint(string pattern, string change)
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, change + "\n", Ct);
        GeneratedPlan.Log($"{pattern}: {string.Join(" | ", rehearsal.Plan.Steps.Select(s => s.GetProperty("title").GetProperty("text").GetString()))}");

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        int points = await rehearsal.AssertRollbacksFromEveryPointAsync(Ct, "none", "data_loss", "restore_from_backup");
        GeneratedPlan.Log($"{pattern}: rollbacks rehearsed from {points} points");
    }

    [Fact]
    public async Task TriggerReplacement_ThatFails_LeavesTheOldTriggerInPlace()
    {
        // The new trigger names a function that does not exist: the replacement fails, and the old trigger must
        // still be there (as separate steps, the DROP had already committed and users lost their trigger).
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            DROP TRIGGER users_touch ON users;
            CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION no_such_function();

            """, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        var psql = new PsqlRunner(db.ConnectionString);

        var results = new List<PsqlResult>();
        foreach (var script in rehearsal.Plan.Scripts)
        {
            var result = await psql.RunFileAsync(script, Ct);
            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        Assert.False(results[^1].Succeeded, "the replacement should fail: its function does not exist");
        Assert.Contains("no_such_function", results[^1].StdErr, StringComparison.Ordinal);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname = 'users_touch' AND tgrelid = 'public.users'::regclass", Ct));
    }
}
