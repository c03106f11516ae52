using System.Collections.Immutable;

namespace Migplan.IntegrationTests.Support;

/// <summary>One row of <c>pg_locks</c> on a relation, for one session.</summary>
/// <param name="Relation">The relation name, or <c>oid:N</c> when its pg_class row is not visible
/// to the observer (a relation created in the observed, still open transaction).</param>
/// <param name="Kind">pg_class.relkind (<c>r</c> table, <c>i</c> index, <c>S</c> sequence, <c>t</c> TOAST), or <c>?</c>.</param>
public sealed record LockEntry(string Relation, char Kind, LockMode Mode, bool Granted)
{
    public override string ToString() => $"{Relation}:{Mode}{(Granted ? "" : " (waiting)")}";
}

/// <summary>The relation locks held (or awaited) by one session at one moment.</summary>
public sealed class LockSet(IEnumerable<LockEntry> entries)
{
    public ImmutableArray<LockEntry> Entries { get; } =
        [.. entries.Distinct().OrderBy(e => e.Relation, StringComparer.Ordinal).ThenBy(e => e.Mode)];

    /// <summary>The names of every locked relation.</summary>
    public ImmutableSortedSet<string> Relations => Entries.Select(e => e.Relation).ToImmutableSortedSet(StringComparer.Ordinal);

    /// <summary>The modes held or awaited on one relation.</summary>
    public ImmutableSortedSet<LockMode> ModesOn(string relation) =>
        Entries.Where(e => e.Relation == relation).Select(e => e.Mode).ToImmutableSortedSet();

    /// <summary>The strongest mode on one relation, or null when it is not locked.</summary>
    public LockMode? StrongestOn(string relation)
    {
        var modes = ModesOn(relation);
        return modes.IsEmpty ? null : modes.Max;
    }

    /// <summary>True when the mode is held (granted) on the relation.</summary>
    public bool Holds(string relation, LockMode mode) =>
        Entries.Any(e => e.Relation == relation && e.Mode == mode && e.Granted);

    /// <summary>One line per lock, for assertion messages.</summary>
    public override string ToString() => Entries.IsEmpty ? "(no relation locks)" : string.Join(", ", Entries);
}
