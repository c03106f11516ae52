using System.Collections.Immutable;
using System.Text;
using Markdig;
using Markdig.Helpers;
using Markdig.Syntax;
using Migplan.Sql;

namespace Migplan.Inputs;

/// <summary>One ```sql block taken from a Markdown artifact: its SQL, positioned in the file, and the lines it spans
/// in the file (opening fence to closing fence, or to its last line when the fence is never closed).</summary>
public sealed record MarkdownSqlBlock(SourceText Source, int FirstLine, int LastLine);

/// <summary>
/// The SQL of a Markdown artifact: exactly the fenced code blocks a CommonMark renderer shows (Markdig), whose info
/// string names SQL, in document order, including those in block quotes and list items. A ```sql line inside an HTML
/// block (an HTML comment) or inside an indented code block is text, not a block, and is not taken. Each line of a
/// block keeps the line and column it has in the file, so positions in errors are the file's.
/// </summary>
public static class MarkdownSql
{
    private static readonly string[] SqlInfo = ["sql", "postgresql", "postgres", "pgsql", "psql", "plpgsql"];

    private static readonly MarkdownPipeline CommonMark = new MarkdownPipelineBuilder().Build();

    public static IReadOnlyList<MarkdownSqlBlock> Extract(string path, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        MarkdownDocument document = Markdown.Parse(markdown, CommonMark);
        int[] lineStarts = LineStarts(markdown);
        var blocks = new List<MarkdownSqlBlock>();
        foreach (FencedCodeBlock block in document.Descendants<FencedCodeBlock>())
        {
            if (!IsSql(block.Info))
            {
                continue;
            }

            var text = new StringBuilder();
            var origins = ImmutableArray.CreateBuilder<(int Line, int Column)>(block.Lines.Count);
            int lastLine = LineOf(lineStarts, block.Span.Start);
            for (int k = 0; k < block.Lines.Count; k++)
            {
                StringLine line = block.Lines.Lines[k];
                int start = ReferenceEquals(line.Slice.Text, markdown) && line.Slice.Start >= line.Position ? line.Slice.Start : line.Position + line.Column;
                int fileLine = LineOf(lineStarts, Math.Min(line.Position, markdown.Length));
                origins.Add((fileLine, Math.Min(start, markdown.Length) - lineStarts[fileLine - 1] + 1));
                text.Append(line.Slice.AsSpan()).Append('\n');
                lastLine = fileLine;
            }

            if (!block.IsOpen)
            {
                lastLine = Math.Max(lastLine, LineOf(lineStarts, Math.Max(block.Span.Start, block.Span.End)));
            }

            blocks.Add(new MarkdownSqlBlock(new SourceText(path, text.ToString(), origins.ToImmutable()), LineOf(lineStarts, block.Span.Start), lastLine));
        }

        return blocks;
    }

    private static bool IsSql(string? info)
    {
        if (string.IsNullOrEmpty(info))
        {
            return false;
        }

        string word = info.Split('{')[0];
        return SqlInfo.Any(s => s.Equals(word, StringComparison.OrdinalIgnoreCase));
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    /// <summary>1-based line of an offset, lines ending at LF (as <see cref="SourceText"/> counts them).</summary>
    private static int LineOf(int[] lineStarts, int offset)
    {
        int index = Array.BinarySearch(lineStarts, offset);
        return (index < 0 ? ~index - 1 : index) + 1;
    }
}
