using System.Text;

namespace Migplan.Planning;

/// <summary>
/// Splits an expression's text at its top-level ANDs (outside parentheses, strings, quoted names and
/// dollar quotes), keeping BETWEEN x AND y together, and recognises column-equals-column conjuncts.
/// </summary>
public static class Conjuncts
{
    /// <summary>
    /// The top-level conjuncts of <paramref name="expression"/>, each from its first token to its last (so none
    /// ends inside a comment), found on the tokens of migplan's own lexer.
    /// </summary>
    public static List<string> Split(string expression)
    {
        var parts = new List<string>();
        var tokens = Sql.SqlFragment.Tokens(expression);
        int depth = 0;
        int pendingBetween = 0;
        int first = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case Sql.TokenKind.LeftParen or Sql.TokenKind.LeftBracket:
                    depth++;
                    continue;
                case Sql.TokenKind.RightParen or Sql.TokenKind.RightBracket:
                    depth--;
                    continue;
                case Sql.TokenKind.Identifier when depth == 0:
                    break;
                default:
                    continue;
            }

            if (t.GetSpan(expression).Equals("between", StringComparison.OrdinalIgnoreCase))
            {
                pendingBetween++;
            }
            else if (t.GetSpan(expression).Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                if (pendingBetween > 0)
                {
                    pendingBetween--;
                }
                else
                {
                    parts.Add(Text(expression, tokens, first, i));
                    first = i + 1;
                }
            }
        }

        parts.Add(Text(expression, tokens, first, tokens.Length));
        return parts;
    }

    private static string Text(string expression, Sql.Token[] tokens, int first, int end) =>
        end <= first ? string.Empty : expression[tokens[first].Start..tokens[end - 1].End];

    /// <summary>Parses <c>a.x = b.y</c> (optionally parenthesised); null when the conjunct is anything else.</summary>
    public static (string? LeftQualifier, string LeftColumn, string? RightQualifier, string RightColumn)? ColumnEquality(string conjunct)
    {
        var tokens = Sql.SqlFragment.Tokens(conjunct).AsSpan();
        while (tokens.Length > 2 && tokens[0].Kind == Sql.TokenKind.LeftParen && tokens[^1].Kind == Sql.TokenKind.RightParen)
        {
            tokens = tokens[1..^1];
        }

        int eq = -1;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind == Sql.TokenKind.Operator && tokens[i].GetSpan(conjunct).SequenceEqual("="))
            {
                if (eq >= 0)
                {
                    return null;
                }

                eq = i;
            }
        }

        if (eq < 0 || ParseRef(conjunct, tokens[..eq]) is not { } left || ParseRef(conjunct, tokens[(eq + 1)..]) is not { } right)
        {
            return null;
        }

        return (left.Qualifier, left.Column, right.Qualifier, right.Column);
    }

    /// <summary>Parses the tokens of <c>name</c>, <c>q.name</c> or <c>s.q.name</c> into folded values.</summary>
    private static (string? Qualifier, string Column)? ParseRef(string text, ReadOnlySpan<Sql.Token> tokens)
    {
        if (tokens.Length is not (1 or 3 or 5))
        {
            return null;
        }

        var parts = new List<string>(3);
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (i % 2 == 1)
            {
                if (t.Kind != Sql.TokenKind.Dot)
                {
                    return null;
                }

                continue;
            }

            switch (t.Kind)
            {
                case Sql.TokenKind.Identifier:
                    parts.Add(Sql.Identifier.Fold(t.GetText(text)));
                    break;
                case Sql.TokenKind.QuotedIdentifier:
                    parts.Add(text.Substring(t.Start + 1, t.Length - 2).Replace("\"\"", "\"", StringComparison.Ordinal));
                    break;
                default:
                    return null;
            }
        }

        return parts.Count switch
        {
            1 => (null, parts[0]),
            2 => (parts[0], parts[1]),
            _ => (parts[1], parts[2]),
        };
    }

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
