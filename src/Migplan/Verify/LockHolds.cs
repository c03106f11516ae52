using System.Collections.Immutable;

namespace Migplan.Verify;

/// <summary>
/// The locks one backend was seen holding over successive polls of pg_locks, and for each lock (relation and mode) its
/// longest continuous hold: a hold lasts from the first poll that sees it to the last consecutive poll that sees it in
/// the same transaction. A lock missing from a poll, or seen in another transaction (a batched backfill commits each
/// batch), starts a new hold, so a lock released between batches is not reported as held for the whole command.
/// A hold seen by one poll only counts as zero: polling cannot time what happens between two polls.
/// </summary>
internal sealed class LockHolds
{
    private readonly Dictionary<(uint Oid, string Mode), Hold> open = [];
    private readonly Dictionary<(uint Oid, string Mode), SeenLock> longest = [];

    /// <summary>One poll's locks, read at <paramref name="now"/>.</summary>
    public void Observe(IReadOnlyList<RelationLock> locks, TimeSpan now)
    {
        var seenNow = new HashSet<(uint, string)>();
        foreach (var l in locks)
        {
            var key = (l.Oid, l.PgMode);
            seenNow.Add(key);
            if (open.TryGetValue(key, out var hold) && hold.Transaction == l.Transaction)
            {
                open[key] = hold with { Lock = hold.Lock with { Schema = hold.Lock.Schema ?? l.Schema, Name = hold.Lock.Name ?? l.Name }, Last = now };
            }
            else
            {
                if (hold is not null)
                {
                    Close(key, hold);
                }

                open[key] = new Hold(l, l.Transaction, now, now);
            }
        }

        foreach (var key in open.Keys.Where(k => !seenNow.Contains(k)).ToList())
        {
            Close(key, open[key]);
            open.Remove(key);
        }
    }

    /// <summary>Each lock seen, once, with its longest hold (the name of the relation from any poll that could read it).</summary>
    public ImmutableArray<SeenLock> Longest()
    {
        var result = new Dictionary<(uint, string), SeenLock>(longest);
        foreach (var (key, hold) in open)
        {
            Merge(result, key, hold);
        }

        return [.. result.OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2, StringComparer.Ordinal).Select(r => r.Value)];
    }

    private void Close((uint, string) key, Hold hold) => Merge(longest, key, hold);

    private static void Merge(Dictionary<(uint, string), SeenLock> into, (uint, string) key, Hold hold)
    {
        var held = hold.Last - hold.First;
        if (!into.TryGetValue(key, out var prior))
        {
            into[key] = new SeenLock(hold.Lock, held);
            return;
        }

        var named = prior.Lock with { Schema = prior.Lock.Schema ?? hold.Lock.Schema, Name = prior.Lock.Name ?? hold.Lock.Name };
        into[key] = new SeenLock(named, held > prior.Held ? held : prior.Held);
    }

    private sealed record Hold(RelationLock Lock, string? Transaction, TimeSpan First, TimeSpan Last);
}
