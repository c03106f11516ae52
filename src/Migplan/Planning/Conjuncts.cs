using System.Text;

namespace Migplan.Planning;

/// <summary>
/// Splits an expression's text at its top-level ANDs (outside parentheses, strings, quoted names and
/// dollar quotes), keeping BETWEEN x AND y together, and recognises column-equals-column conjuncts.
/// </summary>
public static class Conjuncts
{
    public static List<string> Split(string expression)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        int pendingBetween = 0;
        for (int i = 0; i < expression.Length; i++)
        {
            char c = expression[i];
            switch (c)
            {
                case '\'' or '"':
                    i = Sql.SqlText.SkipQuoted(expression, i, c);
                    continue;
                case '$' when DollarTagAt(expression, i) is { } tag:
                    int end = expression.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                    i = end < 0 ? expression.Length - 1 : end + tag.Length - 1;
                    continue;
                case '(' or '[':
                    depth++;
                    continue;
                case ')' or ']':
                    depth--;
                    continue;
            }

            if (depth != 0 || !IsWordStart(expression, i))
            {
                continue;
            }

            if (WordAt(expression, i, "between"))
            {
                pendingBetween++;
            }
            else if (WordAt(expression, i, "and"))
            {
                if (pendingBetween > 0)
                {
                    pendingBetween--;
                }
                else
                {
                    parts.Add(expression[start..i].Trim());
                    start = i + 3;
                }
            }
        }

        parts.Add(expression[start..].Trim());
        return parts;
    }

    /// <summary>Parses <c>a.x = b.y</c> (optionally parenthesised); null when the conjunct is anything else.</summary>
    public static (string? LeftQualifier, string LeftColumn, string? RightQualifier, string RightColumn)? ColumnEquality(string conjunct)
    {
        string text = conjunct.Trim();
        while (text.Length > 1 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1].Trim();
        }

        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || text.IndexOf('=', eq + 1) >= 0 || "<>!".Contains(text[eq - 1], StringComparison.Ordinal))
        {
            return null;
        }

        var left = ParseRef(text[..eq].Trim());
        var right = ParseRef(text[(eq + 1)..].Trim());
        return left is null || right is null ? null : (left.Value.Qualifier, left.Value.Column, right.Value.Qualifier, right.Value.Column);
    }

    /// <summary>Parses <c>name</c> or <c>q.name</c> with plain or quoted parts into folded values.</summary>
    private static (string? Qualifier, string Column)? ParseRef(string text)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                int end = Sql.SqlText.SkipQuoted(text, i, '"');
                parts.Add(text[(i + 1)..end].Replace("\"\"", "\"", StringComparison.Ordinal));
                i = end + 1;
            }
            else
            {
                int s = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                if (i == s || char.IsDigit(text[s]))
                {
                    return null;
                }

                parts.Add(Sql.Identifier.Fold(text[s..i]));
            }

            if (i < text.Length)
            {
                if (text[i] != '.')
                {
                    return null;
                }

                i++;
            }
        }

        return parts.Count switch
        {
            1 => (null, parts[0]),
            2 => (parts[0], parts[1]),
            3 => (parts[1], parts[2]),
            _ => null,
        };
    }


    private static string? DollarTagAt(string s, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_'))
        {
            return null;
        }

        int j = i + 1;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_'))
        {
            j++;
        }

        if (j < s.Length && s[j] == '$' && (j == i + 1 || !char.IsDigit(s[i + 1])))
        {
            return s[i..(j + 1)];
        }

        return null;
    }

    private static bool IsWordStart(string s, int i) => i == 0 || !(char.IsLetterOrDigit(s[i - 1]) || s[i - 1] is '_' or '$' or '.');

    private static bool WordAt(string s, int i, string word) =>
        string.Compare(s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
        (i + word.Length == s.Length || !(char.IsLetterOrDigit(s[i + word.Length]) || s[i + word.Length] is '_' or '$'));

    internal static string Join(IEnumerable<string> conjuncts)
    {
        var sb = new StringBuilder();
        foreach (var c in conjuncts)
        {
            if (sb.Length > 0)
            {
                sb.Append("\n     AND ");
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
