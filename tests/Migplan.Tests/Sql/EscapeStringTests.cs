using Migplan.Sql;

namespace Migplan.Tests.Sql;

/// <summary>Unicode escapes of E'' strings: PostgreSQL's errors (checked with psql on PostgreSQL 15) instead of a crash.</summary>
public sealed class EscapeStringTests
{
    private static (Token Token, List<Diagnostic> Diagnostics) Lex(string text)
    {
        var diagnostics = new List<Diagnostic>();
        Token[] tokens = Lexer.Tokenize(new SourceText("t.sql", text), diagnostics);
        return (tokens[0], diagnostics);
    }

    [Theory]
    [InlineData("E'\\uD800'", "invalid Unicode surrogate pair")]
    [InlineData("E'\\uDE00'", "invalid Unicode surrogate pair")]
    [InlineData("E'\\uD83Dx'", "invalid Unicode surrogate pair")]
    [InlineData("E'\\u0000'", "invalid Unicode escape value")]
    [InlineData("E'\\U00110000'", "invalid Unicode escape value")]
    [InlineData("e'ok'\n'\\uD800'", "invalid Unicode surrogate pair")]
    public void InvalidUnicodeEscape_IsAnErrorAtTheString_AndDecodingDoesNotThrow(string text, string message)
    {
        (Token token, List<Diagnostic> diagnostics) = Lex(text);

        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal(message, d.Message);
        Assert.Equal(0, d.Location.Span.Start);
        _ = Lexer.StringValue(text, token);
    }

    [Theory]
    [InlineData("E'\\uD83D\\uDE00'", "\U0001F600")]
    [InlineData("E'\\U0000D83D\\uDE00'", "\U0001F600")]
    [InlineData("E'\\U0001F600'", "\U0001F600")]
    [InlineData("E'\\u00e9\\\\u'", "é\\u")]
    public void ValidUnicodeEscapes_Decode(string text, string value)
    {
        (Token token, List<Diagnostic> diagnostics) = Lex(text);

        Assert.Empty(diagnostics);
        Assert.Equal(value, Lexer.StringValue(text, token));
    }

    [Fact]
    public void InvalidEscape_InAnEnumLabel_IsBadInput_NotACrash()
    {
        ParseResult result = SqlParser.Parse(new SourceText("change.sql", "ALTER TYPE mood ADD VALUE E'\\uD800';"));

        Assert.Equal("change.sql:1:27: invalid Unicode surrogate pair", Assert.Single(result.Diagnostics).ToString());
    }
}
