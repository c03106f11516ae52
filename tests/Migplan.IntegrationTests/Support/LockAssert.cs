namespace Migplan.IntegrationTests.Support;

/// <summary>Assertions on a <see cref="LockSet"/> whose failure messages show every observed lock.</summary>
public static class LockAssert
{
    /// <summary>The strongest mode held or awaited on <paramref name="relation"/> is exactly <paramref name="expected"/>.</summary>
    public static void Strongest(LockSet locks, string relation, LockMode expected)
    {
        var actual = locks.StrongestOn(relation);
        if (actual != expected)
        {
            Assert.Fail($"Expected the strongest lock on {relation} to be {expected.ToPgName()}, " +
                $"but it was {actual?.ToPgName() ?? "none"}. Observed: {locks}");
        }
    }

    /// <summary>No lock at all on <paramref name="relation"/>.</summary>
    public static void NotLocked(LockSet locks, string relation)
    {
        if (locks.StrongestOn(relation) is { } actual)
        {
            Assert.Fail($"Expected no lock on {relation}, but found {actual.ToPgName()}. Observed: {locks}");
        }
    }
}
