namespace Migplan.Planning.Ordering;

/// <summary>
/// The operations added so far, found by what could tie them to a later one (see <see cref="Dependencies"/>): a key
/// one of them makes or frees that the later one names at all, a key one uses that the later one makes or frees, and
/// for unanalysed statements, the bare names they write (an unanalysed statement may depend on any other).
/// Only those are compared, so a large change is not compared pair by pair.
/// </summary>
internal sealed class CandidateIndex(IReadOnlyList<Footprint> footprints)
{
    private readonly Dictionary<ObjectKey, List<int>> _changing = [];
    private readonly Dictionary<ObjectKey, List<int>> _using = [];
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _opaqueWords = new(StringComparer.Ordinal);
    private readonly List<int> _opaque = [];
    private readonly int[] _stamp = new int[footprints.Count];
    private int _query;

    public void Add(int operation)
    {
        var f = footprints[operation];
        foreach (var k in f.Makes.Concat(f.Frees))
        {
            Append(_changing, k, operation);
        }

        foreach (var k in f.Uses.Concat(f.Enforces))
        {
            Append(_using, k, operation);
        }

        foreach (var k in f.AllKeys)
        {
            Append(_byName, k.Name, operation);
        }

        if (f.Opaque)
        {
            _opaque.Add(operation);
            foreach (var w in f.Words)
            {
                Append(_byName, w, operation);
                Append(_opaqueWords, w, operation);
            }
        }
    }

    /// <summary>The operations added before <paramref name="operation"/> that may tie to it and pass <paramref name="keep"/>, in input order.</summary>
    public List<int> Before(int operation, Func<int, bool> keep)
    {
        var found = new List<int>();
        int query = ++_query;
        var f = footprints[operation];
        if (f.Opaque)
        {
            Collect(_opaque, operation, query, keep, found);
            foreach (var w in f.Words)
            {
                Collect(_byName.GetValueOrDefault(w), operation, query, keep, found);
            }
        }
        else
        {
            foreach (var k in f.AllKeys)
            {
                Collect(_changing.GetValueOrDefault(k), operation, query, keep, found);
                Collect(_opaqueWords.GetValueOrDefault(k.Name), operation, query, keep, found);
            }

            foreach (var k in f.Makes.Concat(f.Frees))
            {
                Collect(_using.GetValueOrDefault(k), operation, query, keep, found);
            }
        }

        found.Sort();
        return found;
    }

    private void Collect(List<int>? list, int before, int query, Func<int, bool> keep, List<int> found)
    {
        if (list is null)
        {
            return;
        }

        foreach (int i in list)
        {
            if (i >= before)
            {
                break;
            }

            if (_stamp[i] != query)
            {
                _stamp[i] = query;
                if (keep(i))
                {
                    found.Add(i);
                }
            }
        }
    }

    private static void Append<TKey>(Dictionary<TKey, List<int>> index, TKey key, int operation)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != operation)
        {
            list.Add(operation);
        }
    }
}
