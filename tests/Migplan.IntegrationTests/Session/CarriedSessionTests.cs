using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Session;

/// <summary>
/// A SET TIME ZONE / DateStyle in the change holds for the statements after it in the plan too, although each
/// step runs in its own session: a timestamptz-to-date backfill gives the days the change as written gives.
/// </summary>
public sealed class CarriedSessionTests(PgServer server) : PgTest(server)
{
    [Fact]
    public async Task TimeZoneSetByTheChange_DecidesTheBackfilledDays_AsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server,
            "CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);",
            "INSERT INTO events SELECT g, timestamptz '2026-03-01 02:30:00+00' + g * interval '7 hours' FROM generate_series(1, 40) g;",
            """
            SET TIME ZONE 'America/New_York';
            SET datestyle = ISO, DMY;
            ALTER TABLE events ADD COLUMN day date;
            UPDATE events SET day = at::date;
            ALTER TABLE events ADD COLUMN label text;
            UPDATE events SET label = at::text || ' ' || '03/04/2026'::date::text;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    [Fact]
    public async Task SearchPathSetByTheChange_PlacesAndFindsItsUnqualifiedObjects_AsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server,
            "CREATE TABLE public.counter (id bigint PRIMARY KEY);",
            "INSERT INTO public.counter SELECT g FROM generate_series(1, 10) g;",
            """
            CREATE SCHEMA jobs;
            SET search_path = 'jobs';
            CREATE TABLE counter (id serial PRIMARY KEY, key text NOT NULL);
            DO $$ BEGIN IF EXISTS (SELECT 1 FROM counter) THEN RAISE EXCEPTION 'not empty'; END IF; END $$;
            INSERT INTO counter (key) VALUES ('a'), ('b');
            ALTER TABLE counter ADD COLUMN expireat timestamp;
            RESET search_path;
            ALTER TABLE counter ADD COLUMN note text;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }
}
