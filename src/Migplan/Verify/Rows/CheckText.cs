using System.Text;

namespace Migplan.Verify.Rows;

/// <summary>A domain CHECK's expression (<c>(VALUE > 0)</c>) made a filter on a generated value: VALUE replaced outside quotes.</summary>
internal static class CheckText
{
    public static string OnValue(string domainCheck, string value)
    {
        var sb = new StringBuilder(domainCheck.Length + 16);
        char quote = '\0';
        for (int i = 0; i < domainCheck.Length; i++)
        {
            char c = domainCheck[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                sb.Append(c);
                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
                sb.Append(c);
                continue;
            }

            if (string.CompareOrdinal(domainCheck, i, "VALUE", 0, 5) == 0
                && (i == 0 || !IsWord(domainCheck[i - 1]))
                && (i + 5 == domainCheck.Length || !IsWord(domainCheck[i + 5])))
            {
                sb.Append(value);
                i += 4;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
