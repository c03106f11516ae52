using Migplan.Planning.Operations;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Ordering;

/// <summary>
/// Reordering must never change meaning. The planner moves steps to later phases and groups (drops to Cleanup,
/// backfills to Data Migration); a statement may move only when nothing written after it depends on where it was.
/// This records the footprint of every operation as the statements are planned, then, once every step is drafted,
/// finds each later statement that depends on an earlier one the order would run after it, and keeps the earlier
/// one in its written place (lowers its steps to the later statement's phase and group, where input order decides),
/// with a note; where it cannot (it waits for a backfill written before it), the later one waits for it instead.
/// </summary>
internal sealed class WrittenOrder
{
    private readonly List<Footprint> _footprints = [];
    private readonly List<bool> _dml = [];
    private readonly HashSet<int> _held = [];

    /// <summary>Records the footprints of the statement's operations, appended in order; call before the statement is applied.</summary>
    public IReadOnlyList<Footprint> Record(Schema.Catalog catalog, Sql.Ast.Statement statement, IReadOnlyList<Operation> operations)
    {
        var parts = Footprints.Of(catalog, statement);
        var recorded = new List<Footprint>(operations.Count);
        for (int i = 0; i < operations.Count; i++)
        {
            // One footprint per operation when the statement's parts match them one to one, else the whole statement's.
            var f = parts.Count == operations.Count ? parts[i] : Union(parts);
            recorded.Add(f);
            _footprints.Add(f);
            _dml.Add(operations[i] is BatchedDmlOperation or InsertOperation or TypeSwapOperation);
        }

        return recorded;
    }

    /// <summary>Drops the last <paramref name="count"/> records (operations that were not kept).</summary>
    public void Forget(int count)
    {
        _footprints.RemoveRange(_footprints.Count - count, count);
        _dml.RemoveRange(_dml.Count - count, count);
    }

    public Footprint this[int operation] => _footprints[operation];

    /// <summary>True for an UPDATE, DELETE or INSERT (a batched or one-statement data change), or an online type change (its backfill and swap use the column's name as written).</summary>
    public bool IsDml(int operation) => _dml[operation];

    /// <summary>
    /// Makes the order of <paramref name="drafts"/> (per operation, in input order) keep every dependency of a later
    /// statement on an earlier one: the earlier one is kept in place (noted), or, when it cannot move earlier, the
    /// later one waits (noted).
    /// </summary>
    /// <param name="tableOf">The table each operation's steps are grouped by (see <see cref="StepGrouping"/>), or null.</param>
    public void Keep(List<List<StepDraft>> drafts, IReadOnlyList<Operation> operations, List<PlanNote> notes, Func<int, int?> tableOf)
    {
        var index = new CandidateIndex(_footprints);
        var noted = new HashSet<int>();
        for (int j = 0; j < drafts.Count; j++)
        {
            var later = _footprints[j];
            if (drafts[j].Count > 0)
            {
                int first = Slots.First(drafts[j]);
                foreach (int i in index.Before(j, k => drafts[k].Count > 0 && Slots.Last(drafts[k]) > first))
                {
                    if (Dependencies.Between(_footprints[i], later) is { } dependency)
                    {
                        if (Resolve(i, j, dependency, drafts, operations, notes, noted, index) && !(tableOf(i) is { } table && tableOf(j) == table))
                        {
                            // Step grouping keeps the order of one table's steps; across tables, both keep their places.
                            _held.Add(i);
                            _held.Add(j);
                        }
                    }
                }
            }

            index.Add(j);
        }
    }

    /// <summary>True when the order of the operation's steps was decided by a dependency: step grouping must keep its place.</summary>
    public bool IsHeld(int operation) => _held.Contains(operation);

    /// <summary>Keeps operation <paramref name="i"/>'s effect before <paramref name="j"/> starts; true when either had to move.</summary>
    private bool Resolve(int i, int j, Dependency dependency, List<List<StepDraft>> drafts, IReadOnlyList<Operation> operations, List<PlanNote> notes, HashSet<int> noted, CandidateIndex index)
    {
        int needed = EffectSlot(drafts[i], dependency.Kind);
        int start = Slots.First(drafts[j]);
        if (needed <= start)
        {
            return false;
        }

        var wouldBe = drafts[i].Max(d => d.Phase);
        if (!drafts[i].Any(d => d.Phase == Phase.DataMigration) && !_dml[i])
        {
            Slots.Lower(drafts[i], Math.Max(start, Floor(i, drafts, index)));
            if (noted.Add(i))
            {
                string at = operations[j].Origin.ToString();
                notes.Add(new PlanNote(operations[i].Origin.ToString(), dependency.Name.Length == 0
                    ? Message.Of("note.kept-in-place-unanalysed", Text(at), PhaseTitles.Of(wouldBe))
                    : Message.Of(KeptId(dependency.Kind), Text(at), Name(dependency.Name), PhaseTitles.Of(wouldBe))));
            }

            needed = EffectSlot(drafts[i], dependency.Kind);
        }

        if (needed > Slots.First(drafts[j]))
        {
            Slots.Raise(drafts[j], needed);
            if (noted.Add(j))
            {
                var phase = PhaseTitles.Of(drafts[j][0].Phase);
                string at = operations[i].Origin.ToString();
                notes.Add(new PlanNote(operations[j].Origin.ToString(), dependency.Name.Length == 0
                    ? Message.Of("note.waits-for-unanalysed", phase, Text(at))
                    : Message.Of("note.waits-for-earlier-statement", phase, Text(at), Name(dependency.Name))));
            }
        }

        return true;
    }

    private static string KeptId(DependencyKind kind) => kind switch
    {
        DependencyKind.TakesFreedName => "note.kept-in-place-name-taken",
        DependencyKind.NeedsDone => "note.kept-in-place-needed-done",
        _ => "note.kept-in-place-needed-made",
    };

    /// <summary>When the earlier operation's effect is there: its first step for what it makes, its last for the rest.</summary>
    private static int EffectSlot(List<StepDraft> drafts, DependencyKind kind) =>
        kind == DependencyKind.NeedsMade ? Slots.First(drafts) : Slots.Last(drafts);

    /// <summary>
    /// How early operation <paramref name="i"/> may run: after everything written before it that it depends on, and
    /// after every UPDATE, DELETE or INSERT written before it on its table (their text may use what it changes).
    /// </summary>
    private int Floor(int i, List<List<StepDraft>> drafts, CandidateIndex index)
    {
        int floor = 0;
        var f = _footprints[i];
        foreach (int k in index.Before(i, k => drafts[k].Count > 0))
        {
            if (Dependencies.Between(_footprints[k], f) is { } d)
            {
                floor = Math.Max(floor, EffectSlot(drafts[k], d.Kind));
            }
        }

        if (f.TableId is { } table)
        {
            for (int k = 0; k < i; k++)
            {
                if (_dml[k] && _footprints[k].TableId == table && drafts[k].Count > 0)
                {
                    floor = Math.Max(floor, Slots.Last(drafts[k]));
                }
            }
        }

        return floor;
    }

    private static Footprint Union(IReadOnlyList<Footprint> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var all = new Footprint { Opaque = parts.Any(p => p.Opaque), TableId = parts.Select(p => p.TableId).FirstOrDefault(t => t is not null) };
        foreach (var p in parts)
        {
            all.Makes.UnionWith(p.Makes);
            all.Frees.UnionWith(p.Frees);
            all.Uses.UnionWith(p.Uses);
            all.Enforces.UnionWith(p.Enforces);
            all.Words.UnionWith(p.Words);
        }

        return all;
    }
}
