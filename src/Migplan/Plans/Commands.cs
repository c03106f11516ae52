using System.Collections.Immutable;
using System.Text;
using Migplan.Sql;

namespace Migplan.Plans;

/// <summary>Helpers to build and show a step's commands.</summary>
public static class StepCommands
{
    /// <summary>One command of SQL text that must run outside a transaction block (or may run inside one).</summary>
    public static ImmutableArray<Command> Of(string sql, bool transactional) =>
        IsCommentOnly(sql) ? [] : [new Command(sql) { OutsideTransaction = !transactional }];

    /// <summary>True when the SQL has no line that is neither blank nor a comment.</summary>
    public static bool IsCommentOnly(string sql)
    {
        int start = 0;
        while (start < sql.Length)
        {
            int end = sql.IndexOf('\n', start);
            if (end < 0)
            {
                end = sql.Length;
            }

            var line = sql.AsSpan(start, end - start).Trim();
            if (line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }

    /// <summary>Each line of <paramref name="text"/> as an SQL comment (control characters made visible).</summary>
    public static string AsComments(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var line in text.Split('\n'))
        {
            sb.Append(SqlText.Comment(line));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The commands as one plain text, for display and tests: a by-hand note as comments, then each command's label
    /// (its message id: the words are the renderer's) as a comment, its condition as a comment, and its SQL. Scripts
    /// are written by the renderer, not from this.
    /// </summary>
    public static string Text(ImmutableArray<Command> commands, string? byHand)
    {
        var sb = new StringBuilder();
        if (byHand is not null)
        {
            sb.Append(AsComments(byHand));
        }

        foreach (var c in commands)
        {
            if (c.Label is not null)
            {
                sb.Append(SqlText.Comment(c.Label.Id));
            }

            if (c.OnlyIf is not null)
            {
                sb.Append(SqlText.Comment("only if: " + c.OnlyIf));
            }

            sb.Append(c.Sql);
        }

        return sb.ToString();
    }
}
