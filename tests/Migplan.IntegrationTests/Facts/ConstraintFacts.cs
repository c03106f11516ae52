using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>Hazard catalog rows 14–15: CHECK and FOREIGN KEY, NOT VALID then VALIDATE.</summary>
public sealed class ConstraintFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
        await TestTables.CreateOrdersAsync(Db, 200, Ct);
    }

    [Fact]
    public async Task AddCheckNotValid_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync(
            "ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age >= 0) NOT VALID", Ct);

        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task ValidateCheck_TakesShareUpdateExclusiveLock()
    {
        await Db.ExecuteAsync("ALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age >= 0) NOT VALID", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE users VALIDATE CONSTRAINT users_age_positive", Ct);

        LockAssert.Strongest(locks, "users", LockMode.ShareUpdateExclusive);
    }

    [Fact]
    public async Task AddForeignKeyNotValid_TakesShareRowExclusiveLockOnBothTables()
    {
        var locks = await new LockObserver(Db).ObserveAsync(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID", Ct);

        LockAssert.Strongest(locks, "orders", LockMode.ShareRowExclusive);
        LockAssert.Strongest(locks, "users", LockMode.ShareRowExclusive);
    }

    [Fact]
    public async Task ValidateForeignKey_TakesShareUpdateExclusiveOnReferencingAndRowShareOnReferenced()
    {
        await Db.ExecuteAsync(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk", Ct);

        LockAssert.Strongest(locks, "orders", LockMode.ShareUpdateExclusive);
        LockAssert.Strongest(locks, "users", LockMode.RowShare);
    }
}
