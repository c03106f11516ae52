using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>What ALTER INDEX ... RENAME locks and what it renames (PostgreSQL 15).</summary>
public sealed class IndexRenameFacts(PgServer server) : PgTest(server)
{
    [Fact]
    public async Task AlterIndexRename_TakesShareUpdateExclusiveOnTheIndexOnly_NotTheTable()
    {
        await Db.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, a int); CREATE INDEX t_a_idx ON t (a);", Ct);

        var locks = await new LockObserver(Db).ObserveAsync("ALTER INDEX t_a_idx RENAME TO t_a_index", Ct);

        LockAssert.Strongest(locks, "t_a_idx", LockMode.ShareUpdateExclusive);
        Assert.DoesNotContain(locks.Relations, r => r == "t");
    }

    [Fact]
    public async Task AlterIndexRename_OfAConstraintsIndex_RenamesTheConstraintToo()
    {
        await Db.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, a int CONSTRAINT t_a_key UNIQUE);", Ct);

        await Db.ExecuteAsync("ALTER INDEX t_pkey RENAME TO t_pk; ALTER INDEX t_a_key RENAME TO t_a_unique;", Ct);

        Assert.Equal("t_a_unique, t_pk", await Db.ScalarAsync<string>("SELECT string_agg(conname, ', ' ORDER BY conname) FROM pg_constraint WHERE conrelid = 't'::regclass", Ct));
    }
}
