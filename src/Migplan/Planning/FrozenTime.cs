using System.Text;

namespace Migplan.Planning;

/// <summary>
/// A statement cut into batches runs in many transactions, so now() and its kin would move from batch
/// to batch (a DELETE of rows older than 90 days would chase rows that age during the run). The batch
/// loop fixes the time once, when it starts, in <see cref="Variable"/>; this rewrites an expression's
/// time functions to that variable (outside string literals and quoted names). The loop also leaves that time
/// in the session setting <see cref="Setting"/>, which the step's verification reads (<see cref="RewriteForVerification"/>):
/// checked against a later now(), rows that only matched later would count as missed.
/// </summary>
public static class FrozenTime
{
    public const string Variable = "migplan_started_at";

    /// <summary>The session setting holding the fixed time (ISO 8601, UTC), for the verification.</summary>
    public const string Setting = "migplan.started_at";

    /// <summary>The fixed time as a verification reads it; an error, never now(), when the setting is missing.</summary>
    public static readonly string SettingValue = $"(pg_catalog.current_setting('{Setting}')::timestamptz)";

    private static readonly (string Name, bool Parens, string Suffix)[] Functions =
    [
        ("now", true, string.Empty),
        ("transaction_timestamp", true, string.Empty),
        ("statement_timestamp", true, string.Empty),
        ("current_timestamp", false, string.Empty),
        ("localtimestamp", false, "::timestamp"),
        ("current_date", false, "::date"),
    ];

    /// <summary>True when the expression calls one of the time functions this rewrites.</summary>
    public static bool Uses(IEnumerable<string> functions) => functions.Any(f => Functions.Any(t => t.Name == f));

    /// <summary>
    /// The text with each call of a time function replaced by the loop's fixed time. It works on the tokens
    /// of migplan's own lexer, so a name inside a literal, a quoted name, a dollar quote or a comment is left
    /// alone, whatever escapes they hold.
    /// </summary>
    public static string Rewrite(string text) => Rewrite(text, Variable);

    /// <summary>The text with each call of a time function replaced by the time the loop left in <see cref="Setting"/>.</summary>
    public static string RewriteForVerification(string text) => Rewrite(text, SettingValue);

    private static string Rewrite(string text, string frozen)
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
            sb.Append(text, copied, t.Start - copied).Append(frozen).Append(m.Suffix);
            copied = tokens[i + m.Tokens - 1].End;
            i += m.Tokens - 1;
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static (string Suffix, int Tokens)? Match(string text, Sql.Token[] tokens, int i)
    {
        var word = tokens[i].GetSpan(text);
        foreach (var (name, parens, suffix) in Functions)
        {
            if (!word.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            bool call = i + 2 < tokens.Length && tokens[i + 1].Kind == Sql.TokenKind.LeftParen && tokens[i + 2].Kind == Sql.TokenKind.RightParen;
            if (parens)
            {
                return call ? (suffix, 3) : null;
            }

            return i + 1 < tokens.Length && tokens[i + 1].Kind == Sql.TokenKind.LeftParen ? null : (suffix, 1);
        }

        return null;
    }
}
