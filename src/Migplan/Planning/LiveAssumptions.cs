using System.Collections.Immutable;
using System.Globalization;
using Migplan.Live;

namespace Migplan.Planning;

/// <summary>What the live server's facts add to a plan: where sizes came from, replication, settings, dependents.</summary>
internal static class LiveAssumptions
{
    private const int Listed = 10;

    /// <summary>Dead rows worth naming: at least this many, and at least a fifth of the live ones.</summary>
    private const long ManyDeadTuples = 10_000;

    public static IEnumerable<string> Describe(LiveFacts live, ImmutableArray<TableSize> tables)
    {
        var c = CultureInfo.InvariantCulture;
        yield return $"Sizes read from the live server {live.Server}: rows from pg_class.reltuples, heap from pg_relation_size, indexes from pg_indexes_size (see Tables touched); a partitioned table counts its partitions.";
        if (live.NeverAnalysed.Length > 0)
        {
            yield return string.Format(c, "Never analysed on the server (reltuples = -1), so their rows are a fallback: {0}. Run ANALYZE on them and plan again for firmer estimates.", List(live.NeverAnalysed));
        }

        var dead = tables.Select(t => live.Activity.GetValueOrDefault(t.Table)).OfType<LiveActivity>()
            .Where(a => a.DeadTuples >= ManyDeadTuples && a.DeadTuples * 5 >= a.LiveTuples)
            .Select(a => string.Format(c, "{0} has {1:N0} dead rows to {2:N0} live (last vacuum {3})", a.Table, a.DeadTuples, a.LiveTuples,
                a.LastVacuum is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", c) : "never"))
            .ToList();
        if (dead.Count > 0)
        {
            yield return "Dead rows on touched tables (a backfill adds one per row it updates; VACUUM them first if the disk is tight): " + List(dead) + ".";
        }

        if (live.Standbys.Length > 0 || live.ReplicationSlots.Length > 0)
        {
            yield return string.Format(c,
                "The server has {0} streaming standby(s){1} and {2} replication slot(s){3}: every backfilled row is WAL they must replay or retain, so replication lag matters (the batches wait while a standby replays more than 512 MB behind).",
                live.Standbys.Length, live.Standbys.Length > 0 ? " (" + List(live.Standbys) + ")" : string.Empty,
                live.ReplicationSlots.Length, live.ReplicationSlots.Length > 0 ? " (" + List(live.ReplicationSlots) + ")" : string.Empty);
        }
        else
        {
            yield return "The server reported no streaming standby and no replication slot when the plan was made.";
        }

        if (live.Settings.Length > 0)
        {
            yield return "Server settings read: " + string.Join(", ", live.Settings) + ".";
        }

        if (live.InvalidIndexes.Length > 0)
        {
            yield return string.Format(c, "INVALID indexes on the server (failed or unfinished CONCURRENTLY builds: queries do not use them, and the plan does not batch by them): {0}.", List(live.InvalidIndexes.Select(i => i.Quoted)));
        }
    }

    /// <summary>A note per dependent of a table that a step alters or drops (holds ACCESS EXCLUSIVE on).</summary>
    public static IEnumerable<PlanNote> DependentNotes(LiveFacts live, ImmutableArray<Step> steps)
    {
        if (live.Dependents.Length == 0)
        {
            return [];
        }

        var firstAltering = new Dictionary<string, Step>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            foreach (var l in step.Locks.Where(l => l.Mode == LockMode.AccessExclusive))
            {
                foreach (string table in l.Target.Split(", "))
                {
                    firstAltering.TryAdd(table, step);
                }
            }
        }

        string origin = "live:" + live.Server;
        return live.Dependents.Where(d => firstAltering.ContainsKey(d.Table)).Select(d =>
        {
            var step = firstAltering[d.Table];
            string detail = d.Detail is null ? string.Empty : d.Kind is "view" or "materialized view" ? $" (columns {d.Detail})" : $" ({d.Detail})";
            return new PlanNote(origin, string.Create(CultureInfo.InvariantCulture,
                $"{Capitalized(d.Kind)} {d.Name} depends on {d.Table}{detail}; step {step.Number} ({step.Title}) alters or drops {d.Table}."));
        });
    }

    private static string Capitalized(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= Listed ? string.Join(", ", all) : string.Join(", ", all.Take(Listed)) + string.Format(CultureInfo.InvariantCulture, " and {0:N0} more", all.Count - Listed);
    }
}
