using System.Collections.Immutable;

namespace Migplan.Sql;

/// <summary>
/// The text of one SQL source: a .sql file, or one fenced sql block of a Markdown artifact.
/// <see cref="FirstLine"/> is the line of the enclosing file on which <see cref="Text"/> starts,
/// so positions in a Markdown block are reported against the Markdown file; a block inside a block
/// quote or a list item also knows the column each of its lines starts at in the file.
/// Line and column are computed only when a position is printed.
/// </summary>
public sealed class SourceText
{
    private readonly ImmutableArray<(int Line, int Column)> _lineOrigins;
    private int[]? _lineStarts;

    public SourceText(string path, string text, int firstLine = 1)
    {
        Path = path;
        Text = text;
        FirstLine = firstLine;
    }

    /// <param name="path">The enclosing file's path.</param>
    /// <param name="text">The source text; its lines end at LF.</param>
    /// <param name="lineOrigins">For each line of <paramref name="text"/>, the 1-based line and column in the file at which it starts.</param>
    public SourceText(string path, string text, ImmutableArray<(int Line, int Column)> lineOrigins)
        : this(path, text, lineOrigins.IsDefaultOrEmpty ? 1 : lineOrigins[0].Line)
    {
        _lineOrigins = lineOrigins;
    }

    /// <summary>The path as the user named it (used in diagnostics).</summary>
    public string Path { get; }

    public string Text { get; }

    public int FirstLine { get; }

    /// <summary>1-based line and column (in UTF-16 code units, tabs count as one) of an offset.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        _lineStarts ??= ComputeLineStarts(Text);
        int index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        int column = offset - _lineStarts[index] + 1;
        if (_lineOrigins.IsDefaultOrEmpty)
        {
            return (index + FirstLine, column);
        }

        return index < _lineOrigins.Length
            ? (_lineOrigins[index].Line, _lineOrigins[index].Column + column - 1)
            : (_lineOrigins[^1].Line + index - _lineOrigins.Length + 1, column);
    }

    public string Format(int offset) => FormattableString.Invariant($"{Path}:{GetLineColumn(offset).Line}:{GetLineColumn(offset).Column}");

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}

/// <summary>A half-open range [Start, Start+Length) of a <see cref="SourceText"/>.</summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>A span together with the source it belongs to.</summary>
public sealed record SourceLocation(SourceText Source, SourceSpan Span)
{
    public string Text => Source.Text.Substring(Span.Start, Span.Length);

    public override string ToString() => Source.Format(Span.Start);
}
