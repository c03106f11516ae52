using System.Text;
using Migplan.Sql;

namespace Migplan.Rendering;

/// <summary>
/// Makes text from the plan (which holds names and SQL from the input) inert in migration-plan.md, so the
/// document shows what the scripts run: prose stays on one line and cannot open raw HTML (an HTML comment
/// would hide the rest of the document), and code fences and spans are longer than any backtick run inside.
/// </summary>
public static class MarkdownText
{
    /// <summary>Prose on one line, with every <c>&lt;</c> outside code spans written as <c>&amp;lt;</c>.</summary>
    public static string Inline(string text)
    {
        string line = SqlText.OneLine(text);
        if (!line.Contains('<', StringComparison.Ordinal))
        {
            return line;
        }

        var sb = new StringBuilder(line.Length + 8);
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] != '<')
            {
                // An escaped character (a backslash before a backtick does not open a code span).
                sb.Append(line, i, 2);
                i += 2;
                continue;
            }

            if (c == '`')
            {
                int run = Run(line, i, '`');
                int close = FindRun(line, i + run, run);
                int end = close < 0 ? i + run : close + run;
                sb.Append(line, i, end - i);
                i = end;
                continue;
            }

            sb.Append(c == '<' ? "&lt;" : c.ToString());
            i++;
        }

        return sb.ToString();
    }

    /// <summary>A code span holding <paramref name="text"/> on one line, delimited by more backticks than it holds in a row.</summary>
    public static string CodeSpan(string text)
    {
        string line = SqlText.OneLine(text);
        string ticks = new('`', LongestRun(line, '`') + 1);
        bool pad = line.StartsWith('`') || line.EndsWith('`');
        return pad ? $"{ticks} {line} {ticks}" : ticks + line + ticks;
    }

    /// <summary>The backtick fence for a code block holding <paramref name="texts"/>: at least three, and longer than any run inside.</summary>
    public static string Fence(IEnumerable<string> texts)
    {
        int longest = 0;
        foreach (var t in texts)
        {
            longest = Math.Max(longest, LongestRun(t, '`'));
        }

        return new string('`', Math.Max(3, longest + 1));
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0;
        int i = text.IndexOf(c, StringComparison.Ordinal);
        while (i >= 0)
        {
            int run = Run(text, i, c);
            longest = Math.Max(longest, run);
            i = text.IndexOf(c, i + run);
        }

        return longest;
    }

    private static int Run(string text, int start, char c)
    {
        int i = start;
        while (i < text.Length && text[i] == c)
        {
            i++;
        }

        return i - start;
    }

    /// <summary>The start of the next run of exactly <paramref name="length"/> backticks at or after <paramref name="from"/>, or -1.</summary>
    private static int FindRun(string text, int from, int length)
    {
        int i = text.IndexOf('`', from);
        while (i >= 0)
        {
            int run = Run(text, i, '`');
            if (run == length)
            {
                return i;
            }

            i = text.IndexOf('`', i + run);
        }

        return -1;
    }
}
