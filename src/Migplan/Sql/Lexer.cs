using System.Runtime.CompilerServices;

namespace Migplan.Sql;

/// <summary>
/// Single-pass PostgreSQL lexer. Produces tokens with exact spans (comments and whitespace are skipped);
/// token values are decoded on demand by <see cref="IdentifierValue"/> and <see cref="StringValue"/>.
/// </summary>
public static partial class Lexer
{
    /// <summary>Tokenizes the whole source; the last token is always <see cref="TokenKind.EndOfFile"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Token[] Tokenize(SourceText source, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        string s = source.Text;
        int n = s.Length;
        var tokens = new Token[Math.Max(16, (n / 5) + 16)];
        int count = 0;
        int i = n > 0 && s[0] == '\uFEFF' ? 1 : 0;
        while (true)
        {
            i = SkipTrivia(s, i, source, diagnostics);
            if (i >= n)
            {
                break;
            }

            int start = i;
            TokenKind kind = Scan(s, ref i, source, diagnostics);
            if (count == tokens.Length)
            {
                Array.Resize(ref tokens, tokens.Length * 2);
            }

            tokens[count++] = new Token(kind, start, i - start);
        }

        if (count == tokens.Length)
        {
            Array.Resize(ref tokens, tokens.Length + 1);
        }

        tokens[count++] = new Token(TokenKind.EndOfFile, n, 0);
        Array.Resize(ref tokens, count);
        return tokens;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TokenKind Scan(string s, ref int i, SourceText source, ICollection<Diagnostic> diagnostics)
    {
        int n = s.Length;
        int start = i;
        char c = s[i];
        char next = i + 1 < n ? s[i + 1] : '\0';
        switch (c)
        {
            case '\'':
                return ScanQuoted(s, ref i, 0, backslashEscapes: false, TokenKind.String, source, diagnostics);
            case '"':
                return ScanQuotedIdentifier(s, ref i, 0, TokenKind.QuotedIdentifier, source, diagnostics);
            case '(':
                i++;
                return TokenKind.LeftParen;
            case ')':
                i++;
                return TokenKind.RightParen;
            case '[':
                i++;
                return TokenKind.LeftBracket;
            case ']':
                i++;
                return TokenKind.RightBracket;
            case ',':
                i++;
                return TokenKind.Comma;
            case ';':
                i++;
                return TokenKind.Semicolon;
            case ':':
                if (next == ':')
                {
                    i += 2;
                    return TokenKind.DoubleColon;
                }

                if (next == '=')
                {
                    i += 2;
                    return TokenKind.Operator;
                }

                i++;
                return TokenKind.Colon;
            case '.':
                if (IsDigit(next) && !(start > 0 && s[start - 1] == '.'))
                {
                    return ScanNumber(s, ref i);
                }

                i++;
                return TokenKind.Dot;
            case '$':
                return ScanDollar(s, ref i, source, diagnostics);
            case '\\':
                while (i < n && s[i] != '\n' && s[i] != '\r')
                {
                    i++;
                }

                return TokenKind.PsqlMetaCommand;
        }

        if (IsDigit(c))
        {
            return ScanNumber(s, ref i);
        }

        if (IsIdentStart(c))
        {
            if (next == '\'')
            {
                switch (c)
                {
                    case 'e' or 'E':
                        return ScanQuoted(s, ref i, 1, backslashEscapes: true, TokenKind.EscapeString, source, diagnostics);
                    case 'b' or 'B':
                        return ScanQuoted(s, ref i, 1, backslashEscapes: false, TokenKind.BitString, source, diagnostics);
                    case 'x' or 'X':
                        return ScanQuoted(s, ref i, 1, backslashEscapes: false, TokenKind.HexString, source, diagnostics);
                    case 'n' or 'N':
                        return ScanQuoted(s, ref i, 1, backslashEscapes: false, TokenKind.NationalString, source, diagnostics);
                }
            }
            else if (c is 'u' or 'U' && next == '&' && i + 2 < n && s[i + 2] is '\'' or '"')
            {
                TokenKind k = s[i + 2] == '\''
                    ? ScanQuoted(s, ref i, 2, backslashEscapes: false, TokenKind.UnicodeString, source, diagnostics)
                    : ScanQuotedIdentifier(s, ref i, 2, TokenKind.UnicodeQuotedIdentifier, source, diagnostics);
                if (k != TokenKind.Error)
                {
                    ScanUescape(s, ref i);
                    if (DecodeUnicodeToken(s, new Token(k, start, i - start)) is null)
                    {
                        diagnostics.Add(new Diagnostic(Location(source, start, 2), "invalid Unicode escape in " + (k == TokenKind.UnicodeString ? "string" : "identifier")));
                    }
                }

                return k;
            }

            i++;
            while (i < n && IsIdentContinue(s[i]))
            {
                i++;
            }

            return TokenKind.Identifier;
        }

        if (IsOperatorChar(c))
        {
            return ScanOperator(s, ref i);
        }

        i++;
        return TokenKind.Other;
    }

    /// <summary>Skips whitespace, <c>--</c> comments and nested <c>/* */</c> comments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SkipTrivia(string s, int i, SourceText? source, ICollection<Diagnostic>? diagnostics)
    {
        int n = s.Length;
        while (i < n)
        {
            char c = s[i];
            if (c is ' ' or '\n' or '\r' or '\t' or '\f' or '\v')
            {
                i++;
            }
            else if (c == '-' && i + 1 < n && s[i + 1] == '-')
            {
                i += 2;
                while (i < n && s[i] != '\n' && s[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < n && s[i + 1] == '*')
            {
                int start = i;
                int depth = 1;
                i += 2;
                while (i < n && depth > 0)
                {
                    if (s[i] == '*' && i + 1 < n && s[i + 1] == '/')
                    {
                        depth--;
                        i += 2;
                    }
                    else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*')
                    {
                        depth++;
                        i += 2;
                    }
                    else
                    {
                        i++;
                    }
                }

                if (depth > 0 && source is not null)
                {
                    diagnostics?.Add(new Diagnostic(Location(source, start, 2), "unterminated /* comment"));
                }
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>Scans a single-quoted literal whose opening quote is at <paramref name="i"/> + <paramref name="prefix"/>.</summary>
    private static TokenKind ScanQuoted(string s, ref int i, int prefix, bool backslashEscapes, TokenKind kind, SourceText source, ICollection<Diagnostic> diagnostics)
    {
        int start = i;
        int n = s.Length;
        int j = i + prefix + 1;
        while (true)
        {
            int close = FindClosingQuote(s, j, backslashEscapes);
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

    /// <summary>Index of the quote that closes a literal body starting at <paramref name="j"/>, or -1.</summary>
    private static int FindClosingQuote(string s, int j, bool backslashEscapes)
    {
        int n = s.Length;
        while (j < n)
        {
            char c = s[j];
            if (c == '\'')
            {
                if (j + 1 < n && s[j + 1] == '\'')
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

    private static TokenKind ScanNumber(string s, ref int i)
    {
        int n = s.Length;
        int j = i;
        if (s[j] == '0' && j + 2 < n && s[j + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            int radix = s[j + 1] is 'x' or 'X' ? 16 : s[j + 1] is 'o' or 'O' ? 8 : 2;
            int k = j + 2;
            if (s[k] == '_' && k + 1 < n)
            {
                k++;
            }

            if (IsRadixDigit(s[k], radix))
            {
                while (k < n && (IsRadixDigit(s[k], radix) || (s[k] == '_' && k + 1 < n && IsRadixDigit(s[k + 1], radix))))
                {
                    k++;
                }

                i = k;
                return TokenKind.Integer;
            }
        }

        TokenKind kind = TokenKind.Integer;
        j = SkipDigits(s, j);
        if (j < n && s[j] == '.' && !(j + 1 < n && s[j + 1] == '.'))
        {
            kind = TokenKind.Numeric;
            j = SkipDigits(s, j + 1);
        }

        if (j < n && s[j] is 'e' or 'E')
        {
            int k = j + 1;
            if (k < n && s[k] is '+' or '-')
            {
                k++;
            }

            if (k < n && IsDigit(s[k]))
            {
                kind = TokenKind.Numeric;
                j = SkipDigits(s, k);
            }
        }

        i = j;
        return kind;
    }

    private static int SkipDigits(string s, int j)
    {
        int n = s.Length;
        while (j < n && (IsDigit(s[j]) || (s[j] == '_' && j > 0 && IsDigit(s[j - 1]) && j + 1 < n && IsDigit(s[j + 1]))))
        {
            j++;
        }

        return j;
    }

    /// <summary>PostgreSQL's operator rule: longest run of operator characters, not spanning a comment start,
    /// with trailing + and - trimmed unless the operator contains one of ~ ! @ # % ^ &amp; | ` ?.</summary>
    private static TokenKind ScanOperator(string s, ref int i)
    {
        int n = s.Length;
        int start = i;
        int j = i + 1;
        while (j < n && IsOperatorChar(s[j]))
        {
            if (j + 1 < n && ((s[j] == '-' && s[j + 1] == '-') || (s[j] == '/' && s[j + 1] == '*')))
            {
                break;
            }

            j++;
        }

        int length = j - start;
        if (length > 1 && s[j - 1] is '+' or '-')
        {
            bool keep = false;
            for (int k = start; k < j - 1; k++)
            {
                if (s[k] is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?' or '%')
                {
                    keep = true;
                    break;
                }
            }

            if (!keep)
            {
                do
                {
                    length--;
                }
                while (length > 1 && s[start + length - 1] is '+' or '-');
            }
        }

        i = start + length;
        return TokenKind.Operator;
    }

    private static SourceLocation Location(SourceText source, int start, int length) =>
        new(source, new SourceSpan(start, Math.Min(length, source.Text.Length - start)));

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsRadixDigit(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => (uint)(c - '0') <= 7,
        _ => c is '0' or '1',
    };

    internal static bool IsIdentStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c >= '\u0080';

    internal static bool IsIdentContinue(char c) => IsIdentStart(c) || IsDigit(c) || c == '$';

    private static bool IsDollarTagStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c >= '\u0080';

    private static bool IsDollarTagContinue(char c) => IsDollarTagStart(c) || IsDigit(c);

    private static bool IsOperatorChar(char c) =>
        c is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?' or '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=';
}
