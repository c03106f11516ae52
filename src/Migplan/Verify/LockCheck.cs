using System.Collections.Immutable;

namespace Migplan.Verify;

/// <summary>How an observed lock compares with what the step declares.</summary>
public enum LockVerdict
{
    /// <summary>The relation (or the table it belongs to) is declared with this mode or a stronger one.</summary>
    Declared,

    /// <summary>Neither the relation nor the table it belongs to is declared: a failure.</summary>
    Undeclared,

    /// <summary>Declared, with a weaker mode than the one taken: a failure.</summary>
    Stronger,

    /// <summary>A relation the step itself created (it did not exist when the step began): nobody else can be waiting on it.</summary>
    NewObject,

    /// <summary>The step is not analysed (carried verbatim): its locks are reported, not compared.</summary>
    NotCompared,
}

/// <summary>A relation lock a step took, as reported: the relation, the mode, what it was compared with, the verdict.</summary>
/// <param name="CountedAs">The declared relation it was compared with when that is the table an index or sequence belongs to.</param>
/// <param name="Held">How long it was seen held: its command's transaction, or between the first and last poll.</param>
public sealed record ObservedLock(string Relation, LockMode Mode, string? CountedAs, LockMode? Declared, LockVerdict Verdict, TimeSpan Held)
{
    public bool Failed => Verdict is LockVerdict.Undeclared or LockVerdict.Stronger;
}

/// <summary>
/// Compares the relation locks a step took with its declared <c>locks</c> (see docs/verify.md, "Locks"):
/// locks on the system catalogs and TOAST tables (and on relations the step both created and dropped) are not the plan's to declare and are left out; a relation the step
/// created is reported and never a failure; a lock on an index or an owned sequence counts against its table unless the
/// index or sequence is declared itself; anything else not declared, or taken in a stronger mode than declared, fails.
/// </summary>
public static class LockCheck
{
    public static ImmutableArray<ObservedLock> Compare(Step step, RelationSnapshot before, IEnumerable<SeenLock> seen)
    {
        var declared = new Dictionary<string, LockMode>(StringComparer.Ordinal);
        foreach (var l in step.Locks)
        {
            string key = (l.Relation.Schema?.Value ?? "public") + "." + l.Relation.Name.Value;
            declared[key] = declared.TryGetValue(key, out var m) && m > l.Mode ? m : l.Mode;
        }

        var observed = new Dictionary<(string, LockMode), ObservedLock>();
        foreach (var s in seen)
        {
            if (s.Lock.Mode is not { } mode || Classify(step, before, s.Lock, declared, mode, s.Held) is not { } o)
            {
                continue;
            }

            var key = (o.Relation, o.Mode);
            observed[key] = observed.TryGetValue(key, out var prior) && prior.Held >= o.Held ? prior : o;
        }

        return [.. observed.Values.OrderBy(o => o.Relation, StringComparer.Ordinal).ThenBy(o => o.Mode)];
    }

    private static ObservedLock? Classify(Step step, RelationSnapshot before, RelationLock l, Dictionary<string, LockMode> declared, LockMode mode, TimeSpan held)
    {
        if (!before.Relations.TryGetValue(l.Oid, out var relation))
        {
            // Not there when the step began: a system relation, or one the step created. A relation the reader cannot see
            // at all was dropped by the step without having been a user relation before it (a dropped table's TOAST table).
            if (l.Schema is not { } schema || l.Name is not { } name || PgLocks.IsSystemSchema(schema) || schema == "migplan")
            {
                return null;
            }

            return new ObservedLock(schema + "." + name, mode, null, null, LockVerdict.NewObject, held);
        }

        if (!step.Analysed)
        {
            return new ObservedLock(relation.Key, mode, null, declared.TryGetValue(relation.Key, out var d) ? d : null, LockVerdict.NotCompared, held);
        }

        string? countedAs = null;
        if (!declared.TryGetValue(relation.Key, out var declaredMode))
        {
            var table = before.TableOf(relation);
            if (table != relation && declared.TryGetValue(table.Key, out declaredMode))
            {
                countedAs = table.Key;
            }
            else
            {
                return new ObservedLock(relation.Key, mode, null, null, LockVerdict.Undeclared, held);
            }
        }

        return new ObservedLock(relation.Key, mode, countedAs, declaredMode, mode > declaredMode ? LockVerdict.Stronger : LockVerdict.Declared, held);
    }
}
