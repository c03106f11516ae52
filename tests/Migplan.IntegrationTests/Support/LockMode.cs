namespace Migplan.IntegrationTests.Support;

/// <summary>PostgreSQL table-level lock modes, weakest to strongest (as in the conflict table).</summary>
public enum LockMode
{
    /// <summary>A serializable predicate lock: conflicts with no lock mode.</summary>
    SIRead = 0,
    AccessShare = 1,
    RowShare = 2,
    RowExclusive = 3,
    ShareUpdateExclusive = 4,
    Share = 5,
    ShareRowExclusive = 6,
    Exclusive = 7,
    AccessExclusive = 8,
}

public static class LockModes
{
    /// <summary>Parses a <c>pg_locks.mode</c> value such as <c>AccessExclusiveLock</c> (the library's reading; the modes share their numbers).</summary>
    public static LockMode Parse(string mode) =>
        Migplan.Verify.PgLocks.Parse(mode) is { } m ? (LockMode)(int)m : LockMode.SIRead;

    /// <summary>The <c>pg_locks.mode</c> spelling, e.g. <c>ShareUpdateExclusiveLock</c>.</summary>
    public static string ToPgName(this LockMode mode) => mode + "Lock";
}
