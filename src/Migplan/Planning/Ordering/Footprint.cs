namespace Migplan.Planning.Ordering;

/// <summary>What kind of name an <see cref="ObjectKey"/> is.</summary>
internal enum KeyKind
{
    /// <summary>A relation name in a schema (tables, indexes, views, sequences share pg_class's names).</summary>
    Relation,

    /// <summary>A type name in a schema (a table's row type too).</summary>
    Type,

    /// <summary>A table itself, by the catalog's id (survives renames).</summary>
    Table,

    /// <summary>A column of a table (by table id).</summary>
    Column,

    /// <summary>A constraint of a table (by table id).</summary>
    Constraint,

    /// <summary>The indexes and constraints over a table's columns (a type change needs the ones dropped before it gone).</summary>
    Dependents,

    /// <summary>The rows of a table.</summary>
    Rows,
}

/// <summary>
/// A name the change works on, as the ordering check compares them: equal when kind, scope (a schema or a table id)
/// and name are; <see cref="Display"/> is how a note shows it and takes no part in equality.
/// </summary>
internal readonly struct ObjectKey(KeyKind kind, string scope, string name, string display) : IEquatable<ObjectKey>
{
    public KeyKind Kind { get; } = kind;

    public string Scope { get; } = scope;

    /// <summary>The object's own name (no schema, no table): what a word of an unanalysed statement is compared with.</summary>
    public string Name { get; } = name;

    public string Display { get; } = display;

    public bool Equals(ObjectKey other) => Kind == other.Kind && string.Equals(Scope, other.Scope, StringComparison.Ordinal) && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ObjectKey k && Equals(k);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Scope), StringComparer.Ordinal.GetHashCode(Name));
}

/// <summary>
/// What one operation does to the names of the schema, for the ordering check: the names it makes (creates, or
/// changes in place: in effect from its first step), the names it frees (drops, renames away: in effect once its
/// last step has run), the names it needs as they are, and the words of its text (names it may use, of any kind).
/// A statement migplan does not analyse is <see cref="Opaque"/>: any of its words may name something it changes.
/// </summary>
internal sealed class Footprint
{
    public HashSet<ObjectKey> Makes { get; } = [];

    public HashSet<ObjectKey> Frees { get; } = [];

    public HashSet<ObjectKey> Uses { get; } = [];

    /// <summary>
    /// Columns a foreign key or check reads. A later change of their type in place commutes with the constraint: added
    /// first, PostgreSQL carries it through the change (keeping it NOT VALID) and re-checks the new values; added after,
    /// it checks the new values. Either way it ends on the new type holding the new values, so it may move past such a
    /// change. Dropping or renaming them still needs it done.
    /// </summary>
    public HashSet<ObjectKey> Enforces { get; } = [];

    /// <summary>Every name written in the statement (unquoted ones folded to lower case).</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    public bool Opaque { get; init; }

    /// <summary>
    /// An unanalysed statement that touches only the objects it names (COMMENT ON, GRANT, REVOKE): it does not depend
    /// on a table's columns unless it names them.
    /// </summary>
    public bool NamesOnly { get; init; }

    /// <summary>The table (catalog id) the operation works on, when it has one.</summary>
    public int? TableId { get; set; }

    /// <summary>For an unanalysed DROP or CREATE of a trigger, view, function...: "kind name" of the object; null otherwise.</summary>
    public string? Replaced { get; init; }

    /// <summary>True for an unanalysed DROP of <see cref="Replaced"/>, false for a CREATE [OR REPLACE] of it.</summary>
    public bool DropsReplaced { get; init; }

    public IEnumerable<ObjectKey> AllKeys => Makes.Concat(Frees).Concat(Uses).Concat(Enforces);
}

/// <summary>Why a later statement depends on an earlier one, and which name ties them.</summary>
internal enum DependencyKind
{
    /// <summary>The later statement needs what the earlier one made (its first step is enough).</summary>
    NeedsMade,

    /// <summary>The later statement takes a name the earlier one frees.</summary>
    TakesFreedName,

    /// <summary>The later statement needs the earlier one done (it changes or drops what the earlier one uses or frees).</summary>
    NeedsDone,
}

internal readonly record struct Dependency(DependencyKind Kind, string Name);
