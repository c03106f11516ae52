using System.Collections.Immutable;
using System.Globalization;
using Migplan.Live;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>What the live server's facts add to a plan: where sizes came from, replication, settings, dependents.</summary>
internal static class LiveAssumptions
{
    /// <summary>Dead rows worth naming: at least this many, and at least a fifth of the live ones.</summary>
    private const long ManyDeadTuples = 10_000;

    public static IEnumerable<Message> Describe(LiveFacts live, ImmutableArray<TableSize> tables)
    {
        yield return Message.Of("live.sizes-read", Text(live.Server));
        if (live.NeverAnalysed.Length > 0)
        {
            yield return Message.Of("live.never-analysed", MessageLists.Names(live.NeverAnalysed));
        }

        var dead = tables.Select(t => live.Activity.GetValueOrDefault(t.Table)).OfType<LiveActivity>()
            .Where(a => a.DeadTuples >= ManyDeadTuples && a.DeadTuples * 5 >= a.LiveTuples);
        foreach (var a in dead)
        {
            yield return a.LastVacuum is { } v
                ? Message.Of("live.dead-rows", Name(a.Table), Count(a.DeadTuples), Count(a.LiveTuples), Text(v.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
                : Message.Of("live.dead-rows-never-vacuumed", Name(a.Table), Count(a.DeadTuples), Count(a.LiveTuples));
        }

        if (live.Standbys.Length > 0 || live.ReplicationSlots.Length > 0)
        {
            var standbys = live.Standbys.Length == 0 ? Message.Of("live.no-standby") : Message.Of("live.standbys", Count(live.Standbys.Length), MessageLists.Names(live.Standbys));
            var slots = live.ReplicationSlots.Length == 0 ? Message.Of("live.no-slot") : Message.Of("live.slots", Count(live.ReplicationSlots.Length), MessageLists.Names(live.ReplicationSlots));
            yield return Message.Of("live.replication", standbys, slots);
        }
        else
        {
            yield return Message.Of("live.no-replication");
        }

        if (live.Settings.Length > 0)
        {
            yield return Message.Of("live.settings", Text(string.Join(", ", live.Settings)));
        }

        if (live.InvalidIndexes.Length > 0)
        {
            yield return Message.Of("live.invalid-indexes", MessageLists.Names(live.InvalidIndexes.Select(i => i.Quoted)));
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
                firstAltering.TryAdd(l.Target, step);
            }
        }

        string origin = "live:" + live.Server;
        return live.Dependents.Where(d => firstAltering.ContainsKey(d.Table)).Select(d =>
        {
            var step = firstAltering[d.Table];
            var message = d.Detail is null ? Message.Of("note.live-dependent", Message.Of("dependent." + d.Kind.Replace(' ', '-')), Name(d.Name), Name(d.Table), Number(step.Number), step.Title)
                : d.Kind is "view" or "materialized view" ? Message.Of("note.live-dependent-columns", Message.Of("dependent." + d.Kind.Replace(' ', '-')), Name(d.Name), Name(d.Table), Text(d.Detail), Number(step.Number), step.Title)
                : Message.Of("note.live-dependent-detail", Message.Of("dependent." + d.Kind.Replace(' ', '-')), Name(d.Name), Name(d.Table), Text(d.Detail), Number(step.Number), step.Title);
            return new PlanNote(origin, message);
        });
    }
}
