namespace Migplan.Sql;

/// <summary>Quoted forms: strings (with continuation), quoted identifiers, Unicode escapes' UESCAPE clause, dollar quotes.</summary>
public static partial class Lexer
{
    /// <summary>Scans a single-quoted literal whose opening quote is at <paramref name="i"/> + <paramref name="prefix"/>.</summary>
    private static TokenKind ScanQuoted(string s, ref int i, int prefix, bool backslashEscapes, TokenKind kind, SourceText source, ICollection<Diagnostic> diagnostics)
    {
        int start = i;
        int n = s.Length;
        int j = i + prefix + 1;
        while (true)
        {
            int close = FindClosingQuote(s, j, backslashEscapes, DoublesQuotes(kind));
            if (close < 0)
            {
                diagnostics.Add(new Diagnostic(Location(source, start, prefix + 1), "unterminated quoted string"));
                i = n;
                return TokenKind.Error;
            }

            j = close + 1;
            int continuation = FindContinuation(s, j);
            if (continuation < 0)
            {
                i = j;
                return kind;
            }

            j = continuation + 1;
        }
    }

    /// <summary>Bit and hex strings have no '' escape (scan.l's xb and xh states): B'0'' is B'0' followed by a new string.</summary>
    private static bool DoublesQuotes(TokenKind kind) => kind is not (TokenKind.BitString or TokenKind.HexString);

    /// <summary>Index of the quote that closes a literal body starting at <paramref name="j"/>, or -1.</summary>
    private static int FindClosingQuote(string s, int j, bool backslashEscapes, bool doubledQuotes = true)
    {
        int n = s.Length;
        while (j < n)
        {
            char c = s[j];
            if (c == '\'')
            {
                if (doubledQuotes && j + 1 < n && s[j + 1] == '\'')
                {
                    j += 2;
                    continue;
                }

                return j;
            }

            j += c == '\\' && backslashEscapes ? 2 : 1;
        }

        return -1;
    }

    /// <summary>
    /// After a closing quote at <paramref name="j"/> - 1: the index of the quote that continues the literal
    /// (whitespace containing a newline, optionally with -- comments, then a quote), or -1.
    /// </summary>
    private static int FindContinuation(string s, int j)
    {
        int n = s.Length;
        bool newline = false;
        while (j < n)
        {
            char c = s[j];
            if (c is '\n' or '\r')
            {
                newline = true;
                j++;
            }
            else if (c is ' ' or '\t' or '\f' or '\v')
            {
                j++;
            }
            else if (c == '-' && j + 1 < n && s[j + 1] == '-')
            {
                while (j < n && s[j] != '\n' && s[j] != '\r')
                {
                    j++;
                }
            }
            else
            {
                break;
            }
        }

        return newline && j < n && s[j] == '\'' ? j : -1;
    }

    private static TokenKind ScanQuotedIdentifier(string s, ref int i, int prefix, TokenKind kind, SourceText source, ICollection<Diagnostic> diagnostics)
    {
        int start = i;
        int n = s.Length;
        int j = i + prefix + 1;
        while (j < n)
        {
            if (s[j] == '"')
            {
                if (j + 1 < n && s[j + 1] == '"')
                {
                    j += 2;
                    continue;
                }

                if (j == start + prefix + 1)
                {
                    diagnostics.Add(new Diagnostic(Location(source, start, prefix + 2), "zero-length delimited identifier"));
                }

                i = j + 1;
                return kind;
            }

            j++;
        }

        diagnostics.Add(new Diagnostic(Location(source, start, prefix + 1), "unterminated quoted identifier"));
        i = n;
        return TokenKind.Error;
    }

    /// <summary>Extends a U&amp; token over a following <c>UESCAPE 'c'</c> clause.</summary>
    private static void ScanUescape(string s, ref int i)
    {
        int j = SkipTrivia(s, i, null, null);
        if (j + 7 > s.Length || !s.AsSpan(j, 7).Equals("uescape", StringComparison.OrdinalIgnoreCase)
            || (j + 7 < s.Length && IsIdentContinue(s[j + 7])))
        {
            return;
        }

        j = SkipTrivia(s, j + 7, null, null);
        if (j + 2 < s.Length && s[j] == '\'' && s[j + 2] == '\'' && s[j + 1] != '\'')
        {
            i = j + 3;
        }
    }

    private static TokenKind ScanDollar(string s, ref int i, SourceText source, ICollection<Diagnostic> diagnostics)
    {
        int start = i;
        int n = s.Length;
        int j = i + 1;
        if (j < n && IsDigit(s[j]))
        {
            while (j < n && IsDigit(s[j]))
            {
                j++;
            }

            i = j;
            return TokenKind.Parameter;
        }

        if (j >= n)
        {
            i++;
            return TokenKind.Other;
        }

        if (s[j] != '$')
        {
            if (!IsDollarTagStart(s[j]))
            {
                i++;
                return TokenKind.Other;
            }

            while (j < n && IsDollarTagContinue(s[j]))
            {
                j++;
            }

            if (j >= n || s[j] != '$')
            {
                i++;
                return TokenKind.Other;
            }
        }

        int tagLength = j + 1 - start;
        int close = s.AsSpan(j + 1).IndexOf(s.AsSpan(start, tagLength), StringComparison.Ordinal);
        if (close < 0)
        {
            diagnostics.Add(new Diagnostic(Location(source, start, tagLength), "unterminated dollar-quoted string"));
            i = n;
            return TokenKind.Error;
        }

        i = j + 1 + close + tagLength;
        return TokenKind.DollarString;
    }
}
