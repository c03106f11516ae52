using Migplan.Sql;

namespace Migplan.Tests.Sql;

public class LexerTests
{
    private static (Token[] Tokens, List<Diagnostic> Diagnostics) Lex(string text)
    {
        var diagnostics = new List<Diagnostic>();
        Token[] tokens = Lexer.Tokenize(new SourceText("t.sql", text), diagnostics);
        Assert.Equal(TokenKind.EndOfFile, tokens[^1].Kind);
        return (tokens[..^1], diagnostics);
    }

    private static Token Single(string text, TokenKind kind)
    {
        (Token[] tokens, List<Diagnostic> diagnostics) = Lex(text);
        Assert.Empty(diagnostics);
        Token token = Assert.Single(tokens);
        Assert.Equal(kind, token.Kind);
        return token;
    }

    private static string Texts(string text) => string.Join(" | ", Lex(text).Tokens.Select(t => t.GetText(text)));

    [Theory]
    [InlineData("users", "users")]
    [InlineData("Users", "users")]
    [InlineData("CREATE", "create")]
    [InlineData("_x$1", "_x$1")]
    [InlineData("Ünïcödé", "Ünïcödé")]
    [InlineData("naïve_TABLE", "naïve_table")]
    public void UnquotedIdentifier_FoldsAsciiOnly(string text, string value)
    {
        Token token = Single(text, TokenKind.Identifier);
        Assert.Equal(new Token(TokenKind.Identifier, 0, text.Length), token);
        Assert.Equal(value, Lexer.IdentifierValue(text, token));
    }

    [Theory]
    [InlineData("\"Users\"", "Users")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("\"select\"", "select")]
    [InlineData("\"with space\"", "with space")]
    public void QuotedIdentifier_KeepsCaseAndUnescapes(string text, string value)
    {
        Token token = Single(text, TokenKind.QuotedIdentifier);
        Assert.Equal(text.Length, token.Length);
        Assert.Equal(value, Lexer.IdentifierValue(text, token));
    }

    [Fact]
    public void UnicodeIdentifier_DecodesEscapes()
    {
        const string text = "U&\"d\\0061t\\+000061\"";
        Token token = Single(text, TokenKind.UnicodeQuotedIdentifier);
        Assert.Equal(text.Length, token.Length);
        Assert.Equal("data", Lexer.IdentifierValue(text, token));
    }

    [Fact]
    public void UnicodeIdentifier_WithUescape_IncludesClauseInSpan()
    {
        const string text = "u&\"d!0061t!+000061\" UESCAPE '!' x";
        (Token[] tokens, List<Diagnostic> diagnostics) = Lex(text);
        Assert.Empty(diagnostics);
        Assert.Equal(2, tokens.Length);
        Assert.Equal(TokenKind.UnicodeQuotedIdentifier, tokens[0].Kind);
        Assert.Equal("u&\"d!0061t!+000061\" UESCAPE '!'", tokens[0].GetText(text));
        Assert.Equal("data", Lexer.IdentifierValue(text, tokens[0]));
    }

    [Fact]
    public void LongIdentifier_IsTruncatedTo63Bytes()
    {
        string text = new('a', 70);
        Assert.Equal(new string('a', 63), Lexer.IdentifierValue(text, Single(text, TokenKind.Identifier)));
    }

    [Theory]
    [InlineData("'abc'", "abc")]
    [InlineData("'it''s'", "it's")]
    [InlineData("''", "")]
    [InlineData("'a;b -- c /* d */'", "a;b -- c /* d */")]
    public void String_DoubledQuotes(string text, string value) =>
        Assert.Equal(value, Lexer.StringValue(text, Single(text, TokenKind.String)));

    [Fact]
    public void String_ContinuesAcrossNewline()
    {
        const string text = "'foo'\n  'bar' -- x\n\n'baz'";
        Token token = Single(text, TokenKind.String);
        Assert.Equal(text.Length, token.Length);
        Assert.Equal("foobarbaz", Lexer.StringValue(text, token));
    }

    [Fact]
    public void String_AdjacentOnSameLine_IsTwoTokens()
    {
        const string text = "'foo' 'bar'";
        (Token[] tokens, _) = Lex(text);
        Assert.Equal([new Token(TokenKind.String, 0, 5), new Token(TokenKind.String, 6, 5)], tokens);
    }

    [Theory]
    [InlineData(@"E'a\nb'", "a\nb")]
    [InlineData(@"e'it\'s'", "it's")]
    [InlineData(@"E'\\'", "\\")]
    [InlineData(@"E'\x41\101\u0042'", "AAB")]
    [InlineData(@"E'a''b'", "a'b")]
    public void EscapeString_BackslashEscapes(string text, string value) =>
        Assert.Equal(value, Lexer.StringValue(text, Single(text, TokenKind.EscapeString)));

    [Theory]
    [InlineData("B'0101'", TokenKind.BitString, "0101")]
    [InlineData("x'1F'", TokenKind.HexString, "1F")]
    [InlineData("N'hello'", TokenKind.NationalString, "hello")]
    [InlineData("U&'d\\0061ta'", TokenKind.UnicodeString, "data")]
    [InlineData("U&'\\+01F600'", TokenKind.UnicodeString, "😀")]
    public void PrefixedStrings(string text, TokenKind kind, string value) =>
        Assert.Equal(value, Lexer.StringValue(text, Single(text, kind)));

    [Fact]
    public void UnicodeString_ContinuedAcrossNewline_WithUescape()
    {
        const string text = "U&'d!0061'\n  't!0061' UESCAPE '!'";
        Token token = Single(text, TokenKind.UnicodeString);
        Assert.Equal(text.Length, token.Length);
        Assert.Equal("data", Lexer.StringValue(text, token));
    }

    [Fact]
    public void UnicodeString_WithUescape()
    {
        const string text = "U&'d#0061ta' uescape '#'";
        Token token = Single(text, TokenKind.UnicodeString);
        Assert.Equal("data", Lexer.StringValue(text, token));
    }

    [Theory]
    [InlineData("$$a;b$$", "a;b")]
    [InlineData("$fn$ BEGIN x := 'y'; $$ $fn$", " BEGIN x := 'y'; $$ ")]
    [InlineData("$$$$", "")]
    public void DollarQuotedStrings(string text, string value)
    {
        Token token = Single(text, TokenKind.DollarString);
        Assert.Equal(text.Length, token.Length);
        Assert.Equal(value, Lexer.StringValue(text, token));
    }

    [Fact]
    public void DollarDigit_IsParameter()
    {
        const string text = "$1 + $23";
        (Token[] tokens, _) = Lex(text);
        Assert.Equal([new Token(TokenKind.Parameter, 0, 2), new Token(TokenKind.Operator, 3, 1), new Token(TokenKind.Parameter, 5, 3)], tokens);
    }

    [Fact]
    public void DollarInsideIdentifier_IsNotATag()
    {
        const string text = "a$b$c";
        Assert.Equal(5, Single(text, TokenKind.Identifier).Length);
    }

    [Theory]
    [InlineData("42", TokenKind.Integer)]
    [InlineData("1_000_000", TokenKind.Integer)]
    [InlineData("0x1F", TokenKind.Integer)]
    [InlineData("0o17", TokenKind.Integer)]
    [InlineData("0b101", TokenKind.Integer)]
    [InlineData("3.14", TokenKind.Numeric)]
    [InlineData(".5", TokenKind.Numeric)]
    [InlineData("5.", TokenKind.Numeric)]
    [InlineData("1e10", TokenKind.Numeric)]
    [InlineData("1.5E-3", TokenKind.Numeric)]
    [InlineData("2e+7", TokenKind.Numeric)]
    public void Numbers(string text, TokenKind kind) => Assert.Equal(text.Length, Single(text, kind).Length);

    [Fact]
    public void Number_FollowedByDotDot_StopsBeforeDots() =>
        Assert.Equal("1 | . | . | 2", Texts("1..2"));

    [Fact]
    public void Number_WithExponentLetterButNoDigits_StopsBeforeLetter() =>
        Assert.Equal("1 | e", Texts("1e"));

    [Theory]
    [InlineData("a::text", "a | :: | text")]
    [InlineData("a<>b", "a | <> | b")]
    [InlineData("a>=b", "a | >= | b")]
    [InlineData("j->>'k'", "j | ->> | 'k'")]
    [InlineData("a @> b", "a | @> | b")]
    [InlineData("a||b", "a | || | b")]
    [InlineData("f(x => 1)", "f | ( | x | => | 1 | )")]
    [InlineData("x := 1", "x | := | 1")]
    [InlineData("a=-1", "a | = | - | 1")]
    [InlineData("a<-b", "a | < | - | b")]
    [InlineData("a@-b", "a | @- | b")]
    [InlineData("a*-b", "a | * | - | b")]
    [InlineData("a ?| b", "a | ?| | b")]
    [InlineData("a+--c\nb", "a | + | b")]
    [InlineData("a+/*c*/b", "a | + | b")]
    [InlineData("t[1:2]", "t | [ | 1 | : | 2 | ]")]
    [InlineData("s.t.c", "s | . | t | . | c")]
    public void Operators_FollowPostgresRules(string text, string tokens) => Assert.Equal(tokens, Texts(text));

    [Fact]
    public void Punctuation_Kinds()
    {
        (Token[] tokens, _) = Lex("(),;[].:");
        Assert.Equal(
            [TokenKind.LeftParen, TokenKind.RightParen, TokenKind.Comma, TokenKind.Semicolon, TokenKind.LeftBracket,
             TokenKind.RightBracket, TokenKind.Dot, TokenKind.Colon],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Comments_AreSkipped_IncludingNested()
    {
        const string text = "a -- line ; comment\n/* outer /* inner ; */ still ; comment */ b";
        (Token[] tokens, List<Diagnostic> diagnostics) = Lex(text);
        Assert.Empty(diagnostics);
        Assert.Equal([new Token(TokenKind.Identifier, 0, 1), new Token(TokenKind.Identifier, text.Length - 1, 1)], tokens);
    }

    [Fact]
    public void PsqlMetaCommand_RunsToEndOfLine()
    {
        const string text = "\\connect mydb\r\nSELECT 1;";
        (Token[] tokens, _) = Lex(text);
        Assert.Equal(new Token(TokenKind.PsqlMetaCommand, 0, 13), tokens[0]);
        Assert.Equal("SELECT", tokens[1].GetText(text));
    }

    [Fact]
    public void PsqlMetaCommand_TrailingBlanksAreNotPartOfIt() =>
        Assert.Equal(new Token(TokenKind.PsqlMetaCommand, 0, 11), Lex("\\restrict k \t \nx").Tokens[0]);

    [Fact]
    public void ByteOrderMark_IsSkipped() => Assert.Equal(1, Single("\uFEFFx", TokenKind.Identifier).Start);

    [Theory]
    [InlineData("SELECT 'abc", 7, "unterminated quoted string")]
    [InlineData("SELECT E'abc\\'", 7, "unterminated quoted string")]
    [InlineData("SELECT \"abc", 7, "unterminated quoted identifier")]
    [InlineData("SELECT /* a /* b */", 7, "unterminated /* comment")]
    [InlineData("SELECT $x$ abc $y$", 7, "unterminated dollar-quoted string")]
    [InlineData("SELECT \"\"", 7, "zero-length delimited identifier")]
    [InlineData("SELECT U&'\\00zz'", 7, "invalid Unicode escape in string")]
    public void LexicalErrors_AreReportedAtTheirStart(string text, int offset, string message)
    {
        (_, List<Diagnostic> diagnostics) = Lex(text);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(offset, diagnostic.Location.Span.Start);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void UnterminatedString_IsErrorTokenToEndOfInput()
    {
        (Token[] tokens, _) = Lex("a 'bc\nd");
        Assert.Equal(new Token(TokenKind.Error, 2, 5), tokens[1]);
    }

    [Fact]
    public void StrayCharacters_AreOtherTokens()
    {
        (Token[] tokens, List<Diagnostic> diagnostics) = Lex("{ $ }");
        Assert.Empty(diagnostics);
        Assert.All(tokens, t => Assert.Equal(TokenKind.Other, t.Kind));
    }

    [Fact]
    public void Spans_AreExactAcrossMixedInput()
    {
        const string text = "UPDATE \"T\" SET a = E'x' || $q$y$q$ WHERE b >= .5;";
        (Token[] tokens, _) = Lex(text);
        Assert.Equal(
            "UPDATE | \"T\" | SET | a | = | E'x' | || | $q$y$q$ | WHERE | b | >= | .5 | ;",
            string.Join(" | ", tokens.Select(t => text.Substring(t.Start, t.Length))));
    }
}
