using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SupportTests;

public sealed class ProbeTests(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 10, Ct);
    }

    [Fact]
    public async Task RewriteProbe_SeesVacuumFullRewrite()
    {
        var report = await RewriteProbe.MeasureAsync(Db, "users", "VACUUM FULL users", Ct);

        Assert.True(report.TableRewritten, report.ToString());
        Assert.Equal(["users_age_idx", "users_email_idx", "users_pkey"], report.RebuiltIndexes);
    }

    [Fact]
    public async Task RewriteProbe_SeesNoRewriteForPlainUpdate()
    {
        var report = await RewriteProbe.MeasureAsync(Db, "users", "UPDATE users SET name = 'x'", Ct);

        Assert.False(report.TableRewritten, report.ToString());
        Assert.Empty(report.RebuiltIndexes);
    }

    [Fact]
    public async Task LockObserver_ReportsExplicitLockAndLeavesOutCatalogs()
    {
        var locks = await new LockObserver(Db).ObserveAsync("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE", Ct);

        Assert.True(locks.Holds("users", LockMode.ShareRowExclusive), locks.ToString());
        Assert.DoesNotContain(locks.Relations, r => r.StartsWith("pg_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LockObserver_Commit_KeepsTheChange()
    {
        await new LockObserver(Db).ObserveInTransactionAsync("ALTER TABLE users ADD COLUMN kept int", TransactionEnd.Commit, Ct);
        await new LockObserver(Db).ObserveInTransactionAsync("ALTER TABLE users ADD COLUMN dropped int", TransactionEnd.Rollback, Ct);

        Assert.Equal(1L, await Db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname IN ('kept', 'dropped')", Ct));
    }

    [Fact]
    public void LockAssert_Failure_ListsEveryObservedLock()
    {
        var locks = new LockSet([new("users", 'r', LockMode.RowShare, true), new("orders", 'r', LockMode.Share, false)]);

        var failure = Assert.Throws<Xunit.Sdk.FailException>(() => LockAssert.Strongest(locks, "users", LockMode.AccessExclusive));

        Assert.Contains("users:RowShare", failure.Message, StringComparison.Ordinal);
        Assert.Contains("orders:Share (waiting)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainInspector_Nodes_WalksNestedPlans()
    {
        const string json = """
            [{"Plan": {"Node Type": "ModifyTable", "Operation": "Update", "Relation Name": "users", "Plans": [
              {"Node Type": "Hash Join", "Plans": [
                {"Node Type": "Seq Scan", "Relation Name": "user_emails"},
                {"Node Type": "Hash", "Plans": [{"Node Type": "Index Scan", "Relation Name": "users", "Index Name": "users_pkey"}]}
              ]}
            ]}}]
            """;

        var nodes = ExplainInspector.Nodes(json);

        Assert.Equal(
            new HashSet<PlanNode>
            {
                new("ModifyTable", "users"), new("Hash Join", null), new("Seq Scan", "user_emails"),
                new("Hash", null), new("Index Scan", "users"),
            },
            nodes);
    }
}
