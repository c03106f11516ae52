using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// What the partitioned-index recipe relies on (PostgreSQL 15): CONCURRENTLY is refused on a partitioned table;
/// CREATE INDEX ON ONLY and ALTER TABLE ONLY ... ADD PRIMARY KEY lock the partitioned table alone; ALTER INDEX ...
/// ATTACH PARTITION takes only ACCESS SHARE on the tables and makes the parent valid after the last partition; DROP INDEX
/// of the partitioned index (never CONCURRENTLY) takes ACCESS EXCLUSIVE on every partition and drops what is attached.
/// </summary>
public sealed class PartitionedIndexFacts(PgServer server) : PgTest(server)
{
    private const string ValidSql = "SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_kind_idx'::regclass";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.ExecuteAsync("""
            CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
            CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_b PARTITION OF events DEFAULT;
            INSERT INTO events SELECT g, date '2025-06-01' + g, 'k' || (g % 5) FROM generate_series(1, 400) g;
            """, Ct);
    }

    [Fact]
    public async Task CreateIndexConcurrently_OnAPartitionedTable_IsRefused()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync("CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind)", Ct));

        Assert.Contains("cannot create index on partitioned table \"events\" concurrently", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIndexOnOnly_TakesShareOnThePartitionedTableAlone_AndTheIndexIsInvalid()
    {
        var locks = await new LockObserver(Db).ObserveInTransactionAsync("CREATE INDEX events_kind_idx ON ONLY events (kind)", TransactionEnd.Commit, Ct);

        LockAssert.Strongest(locks, "events", LockMode.Share);
        LockAssert.NotLocked(locks, "events_a");
        LockAssert.NotLocked(locks, "events_b");
        Assert.False(await Db.ScalarAsync<bool>(ValidSql, Ct));
    }

    [Fact]
    public async Task AttachPartitionOfAnIndex_TakesAccessShareOnTheTables_AndTheLastAttachMakesTheParentValid()
    {
        await Db.ExecuteAsync("CREATE INDEX events_kind_idx ON ONLY events (kind); CREATE INDEX events_a_kind_idx ON events_a (kind); CREATE INDEX events_b_kind_idx ON events_b (kind)", Ct);

        var locks = await new LockObserver(Db).ObserveInTransactionAsync("ALTER INDEX events_kind_idx ATTACH PARTITION events_a_kind_idx", TransactionEnd.Commit, Ct);

        LockAssert.Strongest(locks, "events", LockMode.AccessShare);
        LockAssert.Strongest(locks, "events_a", LockMode.AccessShare);
        LockAssert.Strongest(locks, "events_kind_idx", LockMode.ShareUpdateExclusive);
        LockAssert.Strongest(locks, "events_a_kind_idx", LockMode.AccessExclusive);
        Assert.False(await Db.ScalarAsync<bool>(ValidSql, Ct));
        await Db.ExecuteAsync("ALTER INDEX events_kind_idx ATTACH PARTITION events_b_kind_idx; ALTER INDEX events_kind_idx ATTACH PARTITION events_b_kind_idx", Ct); // twice: a re-run is harmless
        Assert.True(await Db.ScalarAsync<bool>(ValidSql, Ct));
    }

    [Fact]
    public async Task DropIndexOfAPartitionedIndex_IsNeverConcurrent_LocksEveryPartition_AndDropsTheAttachedIndexes()
    {
        await Db.ExecuteAsync("CREATE INDEX events_kind_idx ON events (kind); CREATE INDEX events_a_other_idx ON events_a (id)", Ct);

        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync("DROP INDEX CONCURRENTLY events_kind_idx", Ct));
        Assert.Contains("cannot drop partitioned index \"events_kind_idx\" concurrently", error.MessageText, StringComparison.Ordinal);
        var locks = await new LockObserver(Db).ObserveInTransactionAsync("DROP INDEX events_kind_idx", TransactionEnd.Commit, Ct);

        LockAssert.Strongest(locks, "events", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "events_a", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "events_b", LockMode.AccessExclusive);
        Assert.Equal(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'events%'", Ct)); // only events_a_other_idx
    }

    [Fact]
    public async Task AddPrimaryKeyOnOnly_TakesAccessExclusiveOnThePartitionedTableAlone_AndNeedsThePartitionsNotNull()
    {
        await Db.ExecuteAsync("CREATE TABLE loose (id int, at date NOT NULL) PARTITION BY RANGE (at); CREATE TABLE loose_a PARTITION OF loose DEFAULT;", Ct);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync("ALTER TABLE ONLY loose ADD PRIMARY KEY (id, at)", Ct));
        Assert.Contains("constraint must be added to child tables too", refused.MessageText, StringComparison.Ordinal);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE ONLY events ADD CONSTRAINT events_pkey PRIMARY KEY (id, at)", Ct);

        LockAssert.Strongest(locks, "events", LockMode.AccessExclusive);
        LockAssert.NotLocked(locks, "events_a");
        LockAssert.NotLocked(locks, "events_b");
    }
}
