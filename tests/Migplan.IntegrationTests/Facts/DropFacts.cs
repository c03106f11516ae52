using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>Hazard catalog rows 20b and 24: DROP TABLE, TRUNCATE, DROP of a foreign key.</summary>
public sealed class DropFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
        await TestTables.CreateOrdersAsync(Db, 200, Ct);
    }

    [Fact]
    public async Task DropTable_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("DROP TABLE orders", Ct);

        LockAssert.Strongest(locks, "orders", LockMode.AccessExclusive);
        LockAssert.NotLocked(locks, "users");
    }

    [Fact]
    public async Task DropTable_WithForeignKeyToUsers_TakesAccessExclusiveLockOnUsers()
    {
        await Db.ExecuteAsync(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("DROP TABLE orders", Ct);

        LockAssert.Strongest(locks, "orders", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task DropForeignKeyConstraint_TakesAccessExclusiveLockOnBothTables()
    {
        await Db.ExecuteAsync(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE orders DROP CONSTRAINT orders_user_fk", Ct);

        LockAssert.Strongest(locks, "orders", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task Truncate_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("TRUNCATE orders", Ct);

        LockAssert.Strongest(locks, "orders", LockMode.AccessExclusive);
    }
}
