using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>Hazard catalog rows 10–11: ALTER COLUMN TYPE.</summary>
public sealed class AlterColumnTypeFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
    }

    [Fact]
    public async Task AlterColumnType_Varchar100ToVarchar255_DoesNotRewrite()
    {
        var report = await RewriteProbe.MeasureAsync(
            Db, "users", "ALTER TABLE users ALTER COLUMN email TYPE varchar(255)", Ct);

        Assert.False(report.TableRewritten, report.ToString());
        Assert.Empty(report.RebuiltIndexes);
    }

    [Fact]
    public async Task AlterColumnType_VarcharToText_DoesNotRewrite()
    {
        var report = await RewriteProbe.MeasureAsync(Db, "users", "ALTER TABLE users ALTER COLUMN email TYPE text", Ct);

        Assert.False(report.TableRewritten, report.ToString());
        Assert.Empty(report.RebuiltIndexes);
    }

    [Fact]
    public async Task AlterColumnType_Varchar100ToVarchar255_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE users ALTER COLUMN email TYPE varchar(255)", Ct);

        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task AlterColumnType_IntToBigint_RewritesTableAndIndexes()
    {
        var report = await RewriteProbe.MeasureAsync(Db, "users", "ALTER TABLE users ALTER COLUMN age TYPE bigint", Ct);

        Assert.True(report.TableRewritten, report.ToString());
        Assert.Equal(["users_age_idx", "users_email_idx", "users_pkey"], report.RebuiltIndexes);
    }

    [Fact]
    public async Task AlterColumnType_TextToVarchar_Rewrites()
    {
        var report = await RewriteProbe.MeasureAsync(Db, "users", "ALTER TABLE users ALTER COLUMN name TYPE varchar(50)", Ct);

        Assert.True(report.TableRewritten, report.ToString());
    }
}
