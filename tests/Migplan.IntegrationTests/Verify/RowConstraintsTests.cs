using Migplan.IntegrationTests.Support;
using Migplan.Verify;

namespace Migplan.IntegrationTests.Verify;

/// <summary>Rows that CHECKs, enums, domains, varchar(n), unique keys, partitions and sequences accept, and the tables that cannot be filled reported.</summary>
public sealed class RowConstraintsTests(PgServer server) : PgTest(server)
{
    private static readonly SyntheticRowsOptions Options = new() { LargestTableRows = 1_000, Seed = 3 };

    [Fact]
    public async Task ATableWithChecks_IsFilledWithRowsTheChecksAccept()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE coupons (
                id bigint PRIMARY KEY,
                percent_off integer NOT NULL CHECK (percent_off BETWEEN 1 AND 30),
                stars smallint CHECK (stars BETWEEN 1 AND 5),
                starts_on date NOT NULL,
                ends_on date NOT NULL,
                CONSTRAINT coupons_period CHECK (ends_on > starts_on));
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal(1_000, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM coupons", Ct));
        Assert.Contains(result.Tables[0].Notes, m => m.Id == "rows.note.check-fallback");
        Assert.Contains("public.coupons: the first INSERT failed (new row for relation \"coupons\" violates check constraint", RowsFixture.Describe(result));
        Assert.True(await RowsFixture.CountAsync(Db, "SELECT count(DISTINCT percent_off) FROM coupons", Ct) > 10);
    }

    [Fact]
    public async Task EnumsDomainsAndArrays_GetValuesOfTheirType_AndDomainChecksHold()
    {
        await Db.ExecuteAsync("""
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN positive_int AS integer NOT NULL CHECK (VALUE > 0);
            CREATE DOMAIN small_score AS positive_int CHECK (VALUE <= 10);
            CREATE DOMAIN code AS varchar(6) CHECK (VALUE ~ '^[0-9]');
            CREATE TABLE feelings (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                mood mood NOT NULL,
                moods mood[],
                score small_score,
                code code UNIQUE,
                tags text[] NOT NULL);
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal(1_000, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM feelings", Ct));
        Assert.Equal(3, await RowsFixture.CountAsync(Db, "SELECT count(DISTINCT mood) FROM feelings", Ct));
        Assert.Equal(0, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM feelings WHERE score IS NULL OR score NOT BETWEEN 1 AND 10", Ct));
        Assert.True(await RowsFixture.CountAsync(Db, "SELECT count(*) FROM feelings WHERE moods IS NOT NULL AND cardinality(moods) > 0", Ct) > 0);
    }

    [Fact]
    public async Task VarcharAndCharColumns_StayWithinTheirLength_EvenWhenUnique()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE codes (
                id integer PRIMARY KEY,
                code varchar(4) NOT NULL UNIQUE,
                country char(2) NOT NULL,
                email varchar(40),
                label varchar(3));
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal(1_000, await RowsFixture.CountAsync(Db, "SELECT count(DISTINCT code) FROM codes", Ct));
        Assert.Equal(0, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM codes WHERE length(code) > 4 OR length(country) <> 2 OR length(email) > 40 OR length(label) > 3", Ct));
    }

    [Fact]
    public async Task AJoinTableKeyedByTwoForeignKeys_GetsDistinctPairs_AndNeverMoreRowsThanThePairs()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE users (id bigint PRIMARY KEY);
            CREATE TABLE groups (id bigint PRIMARY KEY);
            CREATE TABLE memberships (
                user_id bigint NOT NULL REFERENCES users (id),
                group_id bigint NOT NULL REFERENCES groups (id),
                PRIMARY KEY (user_id, group_id));
            CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id), bio text);
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options with
        {
            TableRows = new Dictionary<string, long> { ["public.memberships"] = 1_000, ["public.users"] = 20, ["public.groups"] = 10, ["public.profiles"] = 500 },
        }, Ct);

        Assert.Equal((200L, 1_000L), (result.Find("public.memberships")!.Inserted, result.Find("public.memberships")!.Target));
        Assert.Contains(result.Find("public.memberships")!.Problems, m => m.Args[3].Nested?.Id == "rows.reason.unique-keys");
        // One profile per user: a unique foreign key takes each referenced row once.
        Assert.Equal(20, result.Find("public.profiles")!.Inserted);
        Assert.Equal(200, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM memberships", Ct));
    }

    [Fact]
    public async Task ForeignKeyCycles_AreFilledNullFirstThenUpdated_AndASelfReferenceNeverLoops()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE departments (id bigint PRIMARY KEY, head_id bigint);
            CREATE TABLE employees (
                id bigint PRIMARY KEY,
                department_id bigint NOT NULL REFERENCES departments (id),
                manager_id bigint REFERENCES employees (id));
            ALTER TABLE departments ADD FOREIGN KEY (head_id) REFERENCES employees (id);
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal(["public.departments", "public.employees"], result.Tables.Select(t => t.Table.Key));
        Assert.True(await RowsFixture.CountAsync(Db, "SELECT count(*) FROM departments WHERE head_id IS NOT NULL", Ct) > 500);
        Assert.Equal(999, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM employees WHERE manager_id IS NOT NULL", Ct));
        // Following the managers from every employee ends: no row is its own ancestor.
        Assert.Equal(0, await RowsFixture.CountAsync(Db, """
            WITH RECURSIVE up(id, manager_id, depth) AS (
                SELECT id, manager_id, 0 FROM employees
                UNION ALL SELECT u.id, e.manager_id, u.depth + 1 FROM up u JOIN employees e ON e.id = u.manager_id WHERE u.depth < 100)
            SELECT count(*) FROM up WHERE depth >= 100
            """, Ct));
    }

    [Fact]
    public async Task TablesThatCannotBeFilled_AreReportedWithTheReason_NotSilentlyLeftEmpty()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE a (id bigint PRIMARY KEY, b_id bigint NOT NULL);
            CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint NOT NULL REFERENCES a (id));
            ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);
            CREATE TABLE shapes (id bigint PRIMARY KEY, at point NOT NULL, near point);
            CREATE TABLE picky (id bigint PRIMARY KEY, word text NOT NULL CHECK (word = 'never'));
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options, Ct);

        Assert.False(result.Complete);
        string Reason(string table) => Assert.Single(result.Find(table)!.Problems).Args[3].Nested!.Id;
        Assert.Equal("rows.reason.cycle", Reason("public.a"));
        Assert.Equal("rows.reason.parent-empty", Reason("public.b"));
        Assert.Equal("rows.reason.unknown-type", Reason("public.shapes"));
        Assert.Equal("rows.reason.filtered", Reason("public.picky"));
        Assert.All(result.Tables, t => Assert.Equal(0, t.Inserted));
        // Each reason reads in English, naming its table.
        string described = RowsFixture.Describe(result);
        Assert.Contains("public.a: 0 of 1,000 rows inserted: foreign key a_b_id_fkey closes a cycle of NOT NULL foreign keys.", described);
        Assert.Contains("public.shapes: 0 of 1,000 rows inserted: column at is NOT NULL, has no default, and its type point is one the row generator does not know.", described);
    }

    [Fact]
    public async Task Partitions_GetRowsWithinTheirBounds_ByRangeListAndHash()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
            CREATE TABLE events_old PARTITION OF events DEFAULT;
            CREATE TABLE items (id bigint NOT NULL, kind text NOT NULL) PARTITION BY LIST (kind);
            CREATE TABLE items_ab PARTITION OF items FOR VALUES IN ('a', 'b');
            CREATE TABLE items_c PARTITION OF items FOR VALUES IN ('c');
            CREATE TABLE logs (id bigint PRIMARY KEY, event_id bigint, event_at date, FOREIGN KEY (event_id, event_at) REFERENCES events) PARTITION BY HASH (id);
            CREATE TABLE logs_0 PARTITION OF logs FOR VALUES WITH (modulus 2, remainder 0);
            CREATE TABLE logs_1 PARTITION OF logs FOR VALUES WITH (modulus 2, remainder 1);
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options with
        {
            TableRows = new Dictionary<string, long> { ["public.events"] = 1_000, ["public.items"] = 1_000, ["public.logs"] = 1_000 },
        }, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.All(result.Tables, t => Assert.Equal((500L, RowCountBasis.PartitionShare), (t.Inserted, t.Basis)));
        Assert.Equal(500, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM events WHERE at >= '2030-01-01' AND at < '2031-01-01'", Ct));
        Assert.Equal(2, await RowsFixture.CountAsync(Db, "SELECT count(DISTINCT kind) FROM items_ab", Ct));
        Assert.True(await RowsFixture.CountAsync(Db, "SELECT count(*) FROM logs WHERE event_id IS NOT NULL", Ct) > 800);
    }

    [Fact]
    public async Task RowsTheSchemaScriptWroteItself_AreKept_AndTheNewKeysComeAfterThem()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE statuses (id integer PRIMARY KEY, label text NOT NULL UNIQUE);
            INSERT INTO statuses VALUES (1, 'new'), (2, 'done'), (40, 'lost');
            CREATE TABLE tasks (id bigint PRIMARY KEY, status_id integer NOT NULL REFERENCES statuses (id));
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options with { LargestTableRows = 100 }, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Contains(result.Find("public.statuses")!.Notes, m => m.Id == "rows.note.existing-rows");
        Assert.Equal(103, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM statuses", Ct));
        Assert.Equal(41, await RowsFixture.CountAsync(Db, "SELECT min(id)::int8 FROM statuses WHERE id > 40", Ct));
    }

    [Fact]
    public async Task SequencesOfSerialAndIdentityColumns_EndPastTheLargestKey()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE s (id bigserial PRIMARY KEY, n integer);
            CREATE TABLE i (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n integer);
            CREATE TABLE only_keys (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, twice integer GENERATED ALWAYS AS (id * 2) STORED);
            """, Ct);

        var result = await RowsFixture.FillAsync(Db, Options, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal(1, await Db.ExecuteAsync("INSERT INTO s (n) VALUES (1)", Ct));
        Assert.Equal(1, await Db.ExecuteAsync("INSERT INTO i (n) VALUES (1)", Ct));
        Assert.Equal(1_001, await RowsFixture.CountAsync(Db, "SELECT max(id) FROM s", Ct));
        Assert.Equal(2_000, await RowsFixture.CountAsync(Db, "SELECT max(twice)::int8 FROM only_keys", Ct));
    }
}
