using System.Text;

namespace Migplan.Planning;

/// <summary>
/// A statement cut into batches runs in many transactions, so now() and its kin would move from batch
/// to batch (a DELETE of rows older than 90 days would chase rows that age during the run). The batch
/// loop fixes the time once, when it starts, in <see cref="Variable"/>; this rewrites an expression's
/// time functions to that variable (outside string literals and quoted names).
/// </summary>
public static class FrozenTime
{
    public const string Variable = "migplan_started_at";

    private static readonly (string Name, bool Parens, string Replacement)[] Functions =
    [
        ("now", true, Variable),
        ("transaction_timestamp", true, Variable),
        ("statement_timestamp", true, Variable),
        ("current_timestamp", false, Variable),
        ("localtimestamp", false, Variable + "::timestamp"),
        ("current_date", false, Variable + "::date"),
    ];

    /// <summary>True when the expression calls one of the time functions this rewrites.</summary>
    public static bool Uses(IEnumerable<string> functions) => functions.Any(f => Functions.Any(t => t.Name == f));

    /// <summary>
    /// The text with each call of a time function replaced by the loop's fixed time. It works on the tokens
    /// of migplan's own lexer, so a name inside a literal, a quoted name, a dollar quote or a comment is left
    /// alone, whatever escapes they hold.
    /// </summary>
    public static string Rewrite(string text)
    {
        var tokens = Sql.SqlFragment.Tokens(text);
        StringBuilder? sb = null;
        int copied = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Kind != Sql.TokenKind.Identifier || (i > 0 && tokens[i - 1].Kind == Sql.TokenKind.Dot) || Match(text, tokens, i) is not { } m)
            {
                continue;
            }

            sb ??= new StringBuilder(text.Length + 32);
            sb.Append(text, copied, t.Start - copied).Append(m.Replacement);
            copied = tokens[i + m.Tokens - 1].End;
            i += m.Tokens - 1;
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static (string Replacement, int Tokens)? Match(string text, Sql.Token[] tokens, int i)
    {
        var word = tokens[i].GetSpan(text);
        foreach (var (name, parens, replacement) in Functions)
        {
            if (!word.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            bool call = i + 2 < tokens.Length && tokens[i + 1].Kind == Sql.TokenKind.LeftParen && tokens[i + 2].Kind == Sql.TokenKind.RightParen;
            if (parens)
            {
                return call ? (replacement, 3) : null;
            }

            return i + 1 < tokens.Length && tokens[i + 1].Kind == Sql.TokenKind.LeftParen ? null : (replacement, 1);
        }

        return null;
    }
}
