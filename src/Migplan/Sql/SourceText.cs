namespace Migplan.Sql;

/// <summary>
/// The text of one SQL source: a .sql file, or one fenced sql block of a Markdown artifact.
/// <see cref="FirstLine"/> is the line of the enclosing file on which <see cref="Text"/> starts,
/// so positions in a Markdown block are reported against the Markdown file.
/// Line and column are computed only when a position is printed.
/// </summary>
public sealed class SourceText
{
    private int[]? _lineStarts;

    public SourceText(string path, string text, int firstLine = 1)
    {
        Path = path;
        Text = text;
        FirstLine = firstLine;
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

        return (index + FirstLine, offset - _lineStarts[index] + 1);
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
