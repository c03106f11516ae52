using System.Collections.Immutable;
using Npgsql;

namespace Migplan.Verify;

/// <summary>A lock seen while a command ran, and for how long it was seen held (its transaction, or between polls).</summary>
public sealed record SeenLock(RelationLock Lock, TimeSpan Held);

/// <summary>What running one command did: skipped by its condition, or ran (rows, locks, time), or failed with the server's error.</summary>
public sealed record CommandRun(int Index, bool Skipped, long Rows, ImmutableArray<SeenLock> Locks, TimeSpan Duration, PostgresException? Error)
{
    public bool Failed => Error is not null;
}
