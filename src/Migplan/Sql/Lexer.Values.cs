using System.Globalization;
using System.Text;

namespace Migplan.Sql;

/// <summary>Decoding of token values (done on demand, never during lexing of ordinary tokens).</summary>
public static partial class Lexer
{
    /// <summary>PostgreSQL truncates names to NAMEDATALEN - 1 bytes.</summary>
    public const int MaxIdentifierBytes = 63;

    /// <summary>
    /// The name an identifier token denotes, as PostgreSQL stores it: unquoted names folded to lower case (ASCII only),
    /// quoted names unescaped, both truncated to 63 bytes.
    /// </summary>
    public static string IdentifierValue(string text, Token token)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = token.Kind switch
        {
            TokenKind.Identifier => FoldLower(text.AsSpan(token.Start, token.Length)),
            TokenKind.QuotedIdentifier => Unescape(text.AsSpan(token.Start + 1, token.Length - 2), '"'),
            TokenKind.UnicodeQuotedIdentifier => DecodeUnicodeToken(text, token) ?? token.GetText(text),
            _ => token.GetText(text),
        };
        return TruncateIdentifier(value);
    }

    /// <summary>ASCII-only lower-casing, as PostgreSQL folds unquoted identifiers.</summary>
    public static string FoldLower(ReadOnlySpan<char> word)
    {
        int k = 0;
        while (k < word.Length && (uint)(word[k] - 'A') > 'Z' - 'A')
        {
            k++;
        }

        if (k == word.Length)
        {
            return word.ToString();
        }

        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            buffer[i] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        return buffer.ToString();
    }

    /// <summary>Truncates a name to 63 UTF-8 bytes without splitting a character.</summary>
    public static string TruncateIdentifier(string value)
    {
        if (value.Length <= MaxIdentifierBytes / 3 || Encoding.UTF8.GetByteCount(value) <= MaxIdentifierBytes)
        {
            return value;
        }

        int bytes = 0;
        int i = 0;
        while (i < value.Length)
        {
            int width = char.IsHighSurrogate(value[i]) && i + 1 < value.Length ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(value.AsSpan(i, width));
            if (bytes + size > MaxIdentifierBytes)
            {
                break;
            }

            bytes += size;
            i += width;
        }

        return value[..i];
    }

    /// <summary>The value of a string-like token (any quoting form; bit and hex strings give their digits).</summary>
    public static string StringValue(string text, Token token)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (token.Kind)
        {
            case TokenKind.String:
                return Segments(text, token, 0, backslashEscapes: false);
            case TokenKind.NationalString or TokenKind.BitString or TokenKind.HexString:
                return Segments(text, token, 1, backslashEscapes: false);
            case TokenKind.EscapeString:
                return Segments(text, token, 1, backslashEscapes: true);
            case TokenKind.UnicodeString:
                return DecodeUnicodeToken(text, token) ?? token.GetText(text);
            case TokenKind.DollarString:
                int tag = text.IndexOf('$', token.Start + 1) + 1 - token.Start;
                return text.Substring(token.Start + tag, token.Length - (2 * tag));
            default:
                return token.GetText(text);
        }
    }

    /// <summary>Concatenates the bodies of a quoted literal and its continuations.</summary>
    private static string Segments(string text, Token token, int prefix, bool backslashEscapes)
    {
        int j = token.Start + prefix;
        int end = token.End;
        bool doubled = DoublesQuotes(token.Kind);
        int close = FindClosingQuote(text, j + 1, backslashEscapes, doubled);
        if (close + 1 == end && !backslashEscapes)
        {
            return Unescape(text.AsSpan(j + 1, close - j - 1), '\'');
        }

        var sb = new StringBuilder(token.Length);
        while (j < end && close >= 0)
        {
            ReadOnlySpan<char> body = text.AsSpan(j + 1, close - j - 1);
            if (backslashEscapes)
            {
                AppendEscaped(sb, body);
            }
            else
            {
                sb.Append(Unescape(body, '\''));
            }

            j = FindContinuation(text, close + 1);
            if (j < 0 || j >= end)
            {
                break;
            }

            close = FindClosingQuote(text, j + 1, backslashEscapes, doubled);
        }

        return sb.ToString();
    }

    /// <summary>Replaces doubled <paramref name="quote"/> characters by one.</summary>
    private static string Unescape(ReadOnlySpan<char> body, char quote)
    {
        if (body.IndexOf(quote) < 0)
        {
            return body.ToString();
        }

        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            sb.Append(body[i]);
            if (body[i] == quote && i + 1 < body.Length && body[i + 1] == quote)
            {
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Backslash escapes of E'' strings: \b \f \n \r \t \v, octal, \xhh, \uXXXX, \UXXXXXXXX, \c.</summary>
    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> body)
    {
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\'' && i + 1 < body.Length && body[i + 1] == '\'')
            {
                sb.Append('\'');
                i++;
                continue;
            }

            if (c != '\\' || i + 1 >= body.Length)
            {
                sb.Append(c);
                continue;
            }

            char e = body[++i];
            switch (e)
            {
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case >= '0' and <= '7':
                    int octal = 0, digits = 0;
                    while (digits < 3 && i < body.Length && body[i] is >= '0' and <= '7')
                    {
                        octal = (octal * 8) + (body[i++] - '0');
                        digits++;
                    }

                    i--;
                    sb.Append((char)octal);
                    break;
                case 'x' when i + 1 < body.Length && char.IsAsciiHexDigit(body[i + 1]):
                    int len = i + 2 < body.Length && char.IsAsciiHexDigit(body[i + 2]) ? 2 : 1;
                    sb.Append((char)int.Parse(body.Slice(i + 1, len), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += len;
                    break;
                case 'u' or 'U' when TryHex(body, i + 1, e == 'u' ? 4 : 8, out _):
                    int code = ReadUnicodeEscape(body, ref i, out _);
                    sb.Append(code < 0 ? "\uFFFD" : char.ConvertFromUtf32(code)); // an invalid escape is reported by the lexer
                    break;
                default:
                    sb.Append(e);
                    break;
            }
        }
    }

    /// <summary>
    /// Reads <c>\uXXXX</c> or <c>\UXXXXXXXX</c> of an E'' string, <paramref name="i"/> at the u (its hex digits checked),
    /// joining a surrogate pair written as two escapes; leaves <paramref name="i"/> on the last character read.
    /// Returns the code point, or -1 with PostgreSQL's message.
    /// </summary>
    private static int ReadUnicodeEscape(ReadOnlySpan<char> body, ref int i, out string? error)
    {
        int digits = body[i] == 'u' ? 4 : 8;
        _ = TryHex(body, i + 1, digits, out int code);
        i += digits;
        error = null;
        if (code is 0 or > 0x10FFFF)
        {
            error = "invalid Unicode escape value";
            return -1;
        }

        if (code is >= 0xDC00 and <= 0xDFFF)
        {
            error = "invalid Unicode surrogate pair";
            return -1;
        }

        if (code is < 0xD800 or > 0xDBFF)
        {
            return code;
        }

        int lowDigits = i + 2 < body.Length && body[i + 1] == '\\' ? body[i + 2] switch { 'u' => 4, 'U' => 8, _ => 0 } : 0;
        if (lowDigits > 0 && TryHex(body, i + 3, lowDigits, out int low) && low is >= 0xDC00 and <= 0xDFFF)
        {
            i += 2 + lowDigits;
            return char.ConvertToUtf32((char)code, (char)low);
        }

        error = "invalid Unicode surrogate pair";
        return -1;
    }

    /// <summary>PostgreSQL's error for the first invalid Unicode escape of an E'' string token, or null.</summary>
    internal static string? EscapeStringError(string text, Token token)
    {
        int j = token.Start + 1;
        int close = FindClosingQuote(text, j + 1, backslashEscapes: true);
        while (close >= 0)
        {
            ReadOnlySpan<char> body = text.AsSpan(j + 1, close - j - 1);
            for (int i = 0; i + 1 < body.Length; i++)
            {
                if (body[i] != '\\')
                {
                    continue;
                }

                i++;
                if (body[i] is 'u' or 'U' && TryHex(body, i + 1, body[i] == 'u' ? 4 : 8, out _))
                {
                    _ = ReadUnicodeEscape(body, ref i, out string? error);
                    if (error is not null)
                    {
                        return error;
                    }
                }
            }

            j = FindContinuation(text, close + 1);
            if (j < 0 || j >= token.End)
            {
                return null;
            }

            close = FindClosingQuote(text, j + 1, backslashEscapes: true);
        }

        return null;
    }

    /// <summary>Decodes a U&amp;'...' string or U&amp;"..." identifier (with its UESCAPE clause); null when an escape is invalid.</summary>
    internal static string? DecodeUnicodeToken(string text, Token token)
    {
        char quote = text[token.Start + 2];
        string body;
        int close;
        if (quote == '"')
        {
            close = text.IndexOf('"', token.Start + 3);
            while (close + 1 < token.End && text[close + 1] == '"')
            {
                close = text.IndexOf('"', close + 2);
            }

            body = Unescape(text.AsSpan(token.Start + 3, close - token.Start - 3), '"');
        }
        else
        {
            // A string may continue across newlines: join its segments, then look for UESCAPE after the last one.
            close = FindClosingQuote(text, token.Start + 3, backslashEscapes: false);
            int open = token.Start + 2;
            var segments = new StringBuilder();
            while (true)
            {
                segments.Append(Unescape(text.AsSpan(open + 1, close - open - 1), '\''));
                int next = FindContinuation(text, close + 1);
                if (next < 0 || next >= token.End)
                {
                    break;
                }

                open = next;
                close = FindClosingQuote(text, open + 1, backslashEscapes: false);
            }

            body = segments.ToString();
        }

        char escape = '\\';
        if (close + 1 < token.End)
        {
            escape = text[token.End - 2];
            if (char.IsAsciiHexDigit(escape) || escape is '+' or '\'' or '"' || char.IsWhiteSpace(escape))
            {
                return null;
            }
        }

        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != escape)
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 < body.Length && body[i + 1] == escape)
            {
                sb.Append(escape);
                i++;
                continue;
            }

            bool plus = i + 1 < body.Length && body[i + 1] == '+';
            int digits = plus ? 6 : 4;
            if (!TryHex(body, i + (plus ? 2 : 1), digits, out int code) || code > 0x10FFFF || code == 0)
            {
                return null;
            }

            i += digits + (plus ? 1 : 0);
            if (code is >= 0xD800 and <= 0xDBFF)
            {
                // A high surrogate must be followed by an escaped low surrogate.
                if (i + 5 < body.Length + 0 && body[i + 1] == escape && TryHex(body, i + 2, 4, out int low) && low is >= 0xDC00 and <= 0xDFFF)
                {
                    sb.Append((char)code).Append((char)low);
                    i += 5;
                    continue;
                }

                return null;
            }

            if (code is >= 0xDC00 and <= 0xDFFF)
            {
                return null;
            }

            sb.Append(char.ConvertFromUtf32(code));
        }

        return sb.ToString();
    }

    private static bool TryHex(ReadOnlySpan<char> s, int start, int digits, out int value)
    {
        value = 0;
        if (start + digits > s.Length)
        {
            return false;
        }

        foreach (char c in s.Slice(start, digits))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }

            value = (value * 16) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }

        return true;
    }
}
