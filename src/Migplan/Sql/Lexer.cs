using System.Buffers;
using System.Runtime.CompilerServices;

namespace Migplan.Sql;

/// <summary>
/// Single-pass PostgreSQL lexer. Produces tokens with exact spans (comments and whitespace are skipped);
/// token values are decoded on demand by <see cref="IdentifierValue"/> and <see cref="StringValue"/>.
/// </summary>
public static partial class Lexer
{
    /// <summary>Tokenizes the whole source; the last token is always <see cref="TokenKind.EndOfFile"/>.</summary>
    public static Token[] Tokenize(SourceText source, ICollection<Diagnostic> diagnostics)
    {
        Token[] buffer = Tokenize(source, diagnostics, out int count);
        Token[] tokens = buffer.AsSpan(0, count).ToArray();
        ReturnTokens(buffer);
        return tokens;
    }

    /// <summary>Buffers up to this many tokens come from the shared pool; larger ones are plain arrays the GC reclaims,
    /// so one large input does not leave megabytes cached in the pool for the rest of the process.</summary>
    private const int PooledTokens = 1 << 16;

    internal static Token[] RentTokens(int size) => size <= PooledTokens ? ArrayPool<Token>.Shared.Rent(size) : new Token[size];

    internal static void ReturnTokens(Token[] buffer)
    {
        if (buffer.Length <= PooledTokens)
        {
            ArrayPool<Token>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Tokenizes into a buffer from <see cref="RentTokens"/> (the caller gives it back with <see cref="ReturnTokens"/>);
    /// tokens [0, <paramref name="count"/>) are valid and the last of them is <see cref="TokenKind.EndOfFile"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Token[] Tokenize(SourceText source, ICollection<Diagnostic> diagnostics, out int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        string s = source.Text;
        int n = s.Length;
        Token[] tokens = RentTokens((n / 4) + 16);
        count = 0;
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
            if (count == tokens.Length - 1)
            {
                Token[] larger = RentTokens(tokens.Length * 2);
                tokens.AsSpan(0, count).CopyTo(larger);
                ReturnTokens(tokens);
                tokens = larger;
            }

            tokens[count++] = new Token(kind, start, i - start);
        }

        tokens[count++] = new Token(TokenKind.EndOfFile, n, 0);
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

                while (s[i - 1] is ' ' or '\t')
                {
                    i--;
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
                        TokenKind e = ScanQuoted(s, ref i, 1, backslashEscapes: true, TokenKind.EscapeString, source, diagnostics);
                        if (e == TokenKind.EscapeString && s.AsSpan(start, i - start).Contains('\\') && EscapeStringError(s, new Token(e, start, i - start)) is { } error)
                        {
                            diagnostics.Add(new Diagnostic(Location(source, start, 2), error));
                        }

                        return e;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsRadixDigit(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => (uint)(c - '0') <= 7,
        _ => c is '0' or '1',
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsIdentStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c >= '\u0080';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsIdentContinue(char c) => IsIdentStart(c) || IsDigit(c) || c == '$';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDollarTagStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c >= '\u0080';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDollarTagContinue(char c) => IsDollarTagStart(c) || IsDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsOperatorChar(char c) =>
        c is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?' or '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=';
}
