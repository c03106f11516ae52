namespace Migplan.Planning.Ordering;

/// <summary>Whether a statement written later depends on where an earlier one runs, and through which name.</summary>
internal static class Dependencies
{
    /// <summary>
    /// How <paramref name="later"/> depends on <paramref name="earlier"/>, or null when they may run in either order.
    /// The strongest tie wins: a name the earlier one frees and the later one takes, then anything that needs the
    /// earlier one done, then what needs only its first step (what it makes).
    /// </summary>
    public static Dependency? Between(Footprint earlier, Footprint later)
    {
        foreach (var k in earlier.Frees)
        {
            if (later.Makes.Contains(k))
            {
                return new(DependencyKind.TakesFreedName, k.Display);
            }
        }

        foreach (var k in earlier.Frees)
        {
            // Two drops of dependents of one table's columns are independent; a type change that uses them is not.
            if (later.Frees.Contains(k) && k.Kind != KeyKind.Dependents || later.Uses.Contains(k) || later.Enforces.Contains(k) || Mentions(later, k))
            {
                return new(DependencyKind.NeedsDone, k.Display);
            }
        }

        foreach (var k in earlier.Uses)
        {
            if (later.Makes.Contains(k) || later.Frees.Contains(k) || Mentions(later, k))
            {
                return new(DependencyKind.NeedsDone, k.Display);
            }
        }

        foreach (var k in earlier.Enforces)
        {
            if (later.Frees.Contains(k) || Mentions(later, k))
            {
                return new(DependencyKind.NeedsDone, k.Display);
            }
        }

        if (earlier.Opaque)
        {
            foreach (var k in later.AllKeys)
            {
                if (Mentions(earlier, k))
                {
                    return new(DependencyKind.NeedsDone, k.Display);
                }
            }
        }

        if (earlier.Opaque && later.Opaque)
        {
            return new(DependencyKind.NeedsDone, string.Empty); // what either touches is not known
        }

        foreach (var k in earlier.Makes)
        {
            if (later.Makes.Contains(k) || later.Frees.Contains(k) || later.Uses.Contains(k) || later.Enforces.Contains(k) || Mentions(later, k))
            {
                return new(DependencyKind.NeedsMade, k.Display);
            }
        }

        return null;
    }

    /// <summary>
    /// An unanalysed statement writes the name of the object: it may read or change it (an analysed one says what it
    /// does by its keys). One that touches only what it names does not depend on a table's columns.
    /// </summary>
    private static bool Mentions(Footprint f, ObjectKey k) =>
        f.Opaque && k.Kind is not (KeyKind.Rows or KeyKind.Dependents) && !(f.NamesOnly && k.Kind == KeyKind.Table) && f.Words.Contains(k.Name);
}
