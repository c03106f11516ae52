using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>Hazard catalog rows 1–4: ADD COLUMN.</summary>
public sealed class AddColumnFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
    }

    [Fact]
    public async Task AddColumn_NullableWithoutDefault_DoesNotRewrite()
    {
        var report = await RewriteProbe.MeasureAsync(Db, "users", "ALTER TABLE users ADD COLUMN nickname text", Ct);

        Assert.False(report.TableRewritten, report.ToString());
        Assert.Empty(report.RebuiltIndexes);
    }

    [Fact]
    public async Task AddColumn_NullableWithoutDefault_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE users ADD COLUMN nickname text", Ct);

        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task AddColumn_WithConstantDefault_DoesNotRewrite()
    {
        var report = await RewriteProbe.MeasureAsync(
            Db, "users", "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active'", Ct);

        Assert.False(report.TableRewritten, report.ToString());
        Assert.Equal(100L, await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE status = 'active'", Ct));
    }

    [Fact]
    public async Task AddColumn_WithNowDefault_DoesNotRewrite()
    {
        var report = await RewriteProbe.MeasureAsync(
            Db, "users", "ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()", Ct);

        Assert.False(report.TableRewritten, report.ToString());
        // now() is stable: evaluated once, every existing row gets the same "missing" value.
        Assert.Equal(1L, await Db.ScalarAsync<long>("SELECT count(DISTINCT created_at) FROM users", Ct));
    }

    [Fact]
    public async Task AddColumn_WithConstantDefault_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync(
            "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active'", Ct);

        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task AddColumn_WithClockTimestampDefault_Rewrites()
    {
        var report = await RewriteProbe.MeasureAsync(
            Db, "users", "ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()", Ct);

        Assert.True(report.TableRewritten, report.ToString());
    }

    [Fact]
    public async Task AddColumn_WithGenRandomUuidDefault_Rewrites()
    {
        var report = await RewriteProbe.MeasureAsync(
            Db, "users", "ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid()", Ct);

        Assert.True(report.TableRewritten, report.ToString());
        Assert.Equal(100L, await Db.ScalarAsync<long>("SELECT count(DISTINCT public_id) FROM users", Ct));
    }

    [Fact]
    public async Task AddColumn_NotNullWithoutDefault_OnNonEmptyTable_FailsWith23502()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(
            () => Db.ExecuteAsync("ALTER TABLE users ADD COLUMN nickname text NOT NULL", Ct));

        Assert.Equal(PostgresErrorCodes.NotNullViolation, error.SqlState);
        Assert.Equal("23502", error.SqlState);
    }

    [Fact]
    public async Task AddColumn_NotNullWithoutDefault_OnEmptyTable_Succeeds()
    {
        await Db.ExecuteAsync("CREATE TABLE empty_users (id bigint PRIMARY KEY)", Ct);

        await Db.ExecuteAsync("ALTER TABLE empty_users ADD COLUMN nickname text NOT NULL", Ct);

        Assert.True(await Db.ScalarAsync<bool>(
            "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'empty_users'::regclass AND attname = 'nickname'", Ct));
    }
}
