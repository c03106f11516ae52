using Migplan.Verify;

namespace Migplan.Tests.Verify;

/// <summary>How long a polled lock counts as held: its longest continuous hold in one transaction, not first to last sight.</summary>
public sealed class LockHoldsTests
{
    private static RelationLock Lock(string mode, string transaction) =>
        new(100, "public", "users", 'r', mode, true) { Transaction = transaction };

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void ALockHeldAcrossPollsInOneTransaction_IsHeldFromFirstToLastSight()
    {
        var holds = new LockHolds();
        holds.Observe([Lock("ShareLock", "3/7")], Ms(10));
        holds.Observe([Lock("ShareLock", "3/7")], Ms(40));
        holds.Observe([Lock("ShareLock", "3/7")], Ms(90));

        var seen = Assert.Single(holds.Longest());
        Assert.Equal(Ms(80), seen.Held);
    }

    [Fact]
    public void BatchesThatCommit_CountTheLongestBatchNotTheWholeCommand()
    {
        var holds = new LockHolds();
        holds.Observe([Lock("RowExclusiveLock", "3/7")], Ms(0));
        holds.Observe([Lock("RowExclusiveLock", "3/7")], Ms(30));
        holds.Observe([Lock("RowExclusiveLock", "3/8")], Ms(50)); // the next batch: another transaction
        holds.Observe([Lock("RowExclusiveLock", "3/8")], Ms(60));
        holds.Observe([], Ms(70)); // between batches
        holds.Observe([Lock("RowExclusiveLock", "3/9")], Ms(80));
        holds.Observe([Lock("RowExclusiveLock", "3/9")], Ms(100));

        var seen = Assert.Single(holds.Longest());
        Assert.Equal(Ms(30), seen.Held);
    }

    [Fact]
    public void EachModeIsItsOwnLock_AndANameSeenLaterIsKept()
    {
        var holds = new LockHolds();
        var unnamed = new RelationLock(100, null, null, '?', "AccessExclusiveLock", true) { Transaction = "3/7" };
        holds.Observe([unnamed, Lock("AccessShareLock", "3/7")], Ms(0));
        holds.Observe([Lock("AccessExclusiveLock", "3/7")], Ms(5));

        var seen = holds.Longest();
        Assert.Equal(2, seen.Length);
        var strong = Assert.Single(seen, s => s.Lock.PgMode == "AccessExclusiveLock");
        Assert.Equal("users", strong.Lock.Name);
        Assert.Equal(Ms(5), strong.Held);
        Assert.Equal(TimeSpan.Zero, Assert.Single(seen, s => s.Lock.PgMode == "AccessShareLock").Held);
    }
}
