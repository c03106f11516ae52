namespace Migplan.Rendering.Psql;

/// <summary>A growable run of characters read as a span: the lexer's query and partial-line buffers, reused
/// from statement to statement so that checking a script allocates nothing per line or per statement.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Append(char c)
    {
        Reserve(1);
        _chars[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Drops the last character.</summary>
    public void RemoveLast() => Length--;

    public void Clear() => Length = 0;

    public override string ToString() => Span.ToString();

    private void Reserve(int more)
    {
        if (Length + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + more));
        }
    }
}
