using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// Locks on tables other than the one a statement changes, which plans must name: the tables an UPDATE ... FROM
/// reads, and the parent of a partition being attached (PostgreSQL 15).
/// </summary>
public sealed class JoinAndPartitionLockFacts(PgServer server) : PgTest(server)
{
    [Fact]
    public async Task UpdateFrom_TakesAccessShareOnTheJoinedTable()
    {
        await Db.ExecuteAsync(
            "CREATE TABLE accounts (id int PRIMARY KEY, plan text); CREATE TABLE plans (account_id int PRIMARY KEY, name text);" +
            "INSERT INTO accounts SELECT g, NULL FROM generate_series(1, 50) g; INSERT INTO plans SELECT g, 'p' || g FROM generate_series(1, 50) g;", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("UPDATE accounts a SET plan = p.name FROM plans p WHERE p.account_id = a.id", Ct);

        LockAssert.Strongest(locks, "accounts", LockMode.RowExclusive);
        LockAssert.Strongest(locks, "plans", LockMode.AccessShare);
    }

    [Fact]
    public async Task AttachPartition_TakesShareUpdateExclusiveOnTheParent_AndAccessExclusiveOnThePartition()
    {
        await Db.ExecuteAsync(
            "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);" +
            "CREATE TABLE events_2026 (id int, at date);", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", Ct);

        LockAssert.Strongest(locks, "events", LockMode.ShareUpdateExclusive);
        LockAssert.Strongest(locks, "events_2026", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task DropColumn_OfAForeignKeyColumn_LocksTheReferencedTableToo()
    {
        await Db.ExecuteAsync(
            "CREATE TABLE owners (id int PRIMARY KEY); CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES owners (id));", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE pets DROP COLUMN owner_id", Ct);

        LockAssert.Strongest(locks, "pets", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "owners", LockMode.AccessExclusive);
    }
}
