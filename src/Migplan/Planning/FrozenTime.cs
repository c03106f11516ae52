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

    public static string Rewrite(string text)
    {
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                int end = Sql.SqlText.SkipQuoted(text, i, c);
                sb.Append(text, i, end - i + 1);
                i = end + 1;
                continue;
            }

            if (char.IsLetter(c) && (i == 0 || !IsWordChar(text[i - 1])) && Match(text, i) is { } m)
            {
                sb.Append(m.Replacement);
                i += m.Length;
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    private static (string Replacement, int Length)? Match(string text, int i)
    {
        foreach (var (name, parens, replacement) in Functions)
        {
            if (string.Compare(text, i, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                continue;
            }

            int j = i + name.Length;
            if (j < text.Length && IsWordChar(text[j]))
            {
                continue;
            }

            if (!parens)
            {
                return (replacement, j - i);
            }

            int k = j;
            while (k < text.Length && char.IsWhiteSpace(text[k]))
            {
                k++;
            }

            if (k < text.Length && text[k] == '(')
            {
                k++;
                while (k < text.Length && char.IsWhiteSpace(text[k]))
                {
                    k++;
                }

                if (k < text.Length && text[k] == ')')
                {
                    return (replacement, k + 1 - i);
                }
            }
        }

        return null;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '.';

}
