namespace Migplan.Sql;

/// <summary>The lexical class of a <see cref="Token"/>.</summary>
public enum TokenKind : byte
{
    /// <summary>An unquoted word: an identifier or a keyword (which one depends on the grammar).</summary>
    Identifier,

    /// <summary><c>"name"</c>, with <c>""</c> escapes.</summary>
    QuotedIdentifier,

    /// <summary><c>U&amp;"d\0061t\+000061"</c> [UESCAPE 'c'].</summary>
    UnicodeQuotedIdentifier,

    /// <summary><c>'text'</c>, with <c>''</c> escapes and continuation across a newline.</summary>
    String,

    /// <summary><c>E'text'</c> with backslash escapes.</summary>
    EscapeString,

    /// <summary><c>B'0101'</c>.</summary>
    BitString,

    /// <summary><c>X'1F'</c>.</summary>
    HexString,

    /// <summary><c>N'text'</c>.</summary>
    NationalString,

    /// <summary><c>U&amp;'d\0061ta'</c> [UESCAPE 'c'].</summary>
    UnicodeString,

    /// <summary><c>$$text$$</c> or <c>$tag$text$tag$</c>.</summary>
    DollarString,

    /// <summary>An integer literal (also <c>0x1F</c>, <c>0o17</c>, <c>0b101</c>, <c>1_000</c>).</summary>
    Integer,

    /// <summary>A numeric literal with a fraction or an exponent.</summary>
    Numeric,

    /// <summary>A positional parameter such as <c>$1</c>.</summary>
    Parameter,

    /// <summary>An operator such as <c>=</c>, <c>&lt;&gt;</c>, <c>-&gt;&gt;</c>, <c>||</c>, <c>:=</c>.</summary>
    Operator,

    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Semicolon,
    Dot,
    Colon,

    /// <summary><c>::</c>.</summary>
    DoubleColon,

    /// <summary>A psql meta-command such as <c>\connect db</c>, up to the end of its line.</summary>
    PsqlMetaCommand,

    /// <summary>A character that starts no PostgreSQL token (<c>{</c>, a lone <c>$</c>, ...).</summary>
    Other,

    /// <summary>An unterminated string, quoted identifier or dollar quote (reported by the lexer).</summary>
    Error,

    EndOfFile,
}

/// <summary>A token: its kind and its exact span in the source text. Values are computed on demand.</summary>
public readonly record struct Token(TokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;

    public SourceSpan Span => new(Start, Length);

    /// <summary>True for identifiers and keywords, quoted or not.</summary>
    public bool IsName => Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.UnicodeQuotedIdentifier;

    public bool IsQuotedName => Kind is TokenKind.QuotedIdentifier or TokenKind.UnicodeQuotedIdentifier;

    /// <summary>True for every form of string literal (not bit strings).</summary>
    public bool IsString => Kind is TokenKind.String or TokenKind.EscapeString or TokenKind.NationalString
        or TokenKind.UnicodeString or TokenKind.DollarString;

    public string GetText(string source) => source.Substring(Start, Length);

    public ReadOnlySpan<char> GetSpan(string source) => source.AsSpan(Start, Length);
}
