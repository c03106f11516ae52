using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Migplan.Sql;

/// <summary>
/// A list that keeps its first eight items inline (on the stack when used as a local) and produces an exactly-sized
/// <see cref="ImmutableArray{T}"/>: the parser's collections are small, so this avoids a builder per collection.
/// Pass it by <c>ref</c>; it is a mutable struct.
/// </summary>
internal struct SmallList<T>
{
    private Inline8 _inline;
    private List<T>? _overflow;
    private int _count;

    public readonly int Count => _count;

    public void Add(T item)
    {
        if (_count < 8)
        {
            _inline[_count] = item;
        }
        else
        {
            _overflow ??= new List<T>(8);
            _overflow.Add(item);
        }

        _count++;
    }

    public readonly T this[int index] => index < 8 ? _inline[index] : _overflow![index - 8];

    public readonly T Last => this[_count - 1];

    /// <summary>Replaces the last item.</summary>
    public void SetLast(T item)
    {
        if (_count <= 8)
        {
            _inline[_count - 1] = item;
        }
        else
        {
            _overflow![_count - 9] = item;
        }
    }

    public readonly ImmutableArray<T> ToImmutable()
    {
        if (_count == 0)
        {
            return [];
        }

        var array = new T[_count];
        ReadOnlySpan<T> inline = _inline;
        inline[..Math.Min(_count, 8)].CopyTo(array);
        _overflow?.CopyTo(array, 8);
        return ImmutableCollectionsMarshal.AsImmutableArray(array);
    }

    [InlineArray(8)]
    private struct Inline8
    {
        private T _element;
    }
}
