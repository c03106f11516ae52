using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// Recursive-descent parser over the token array of one source. Statements are split at top-level
/// semicolons first; each statement is parsed within its token range [<c>_pos</c>, <c>_end</c>).
/// This file holds the token cursor and the helpers every construct uses.
/// </summary>
/// <remarks>
/// The parser runs once per process over inputs of a few megabytes, so it finishes before tiered compilation
/// would optimise it: the token loops and the small predicates called for every token are marked
/// <see cref="MethodImplOptions.AggressiveOptimization"/> (measured: about 40% less time for a cold 1.5 MB parse).
/// </remarks>
internal sealed partial class Parser
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly Token[] _tokens;
    private readonly List<Diagnostic> _diagnostics;
    private readonly PsqlSyntax _psql;
    private readonly Dictionary<string, Identifier>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private int _pos;
    private int _end;

    private Parser(SourceText source, Token[] tokens, List<Diagnostic> diagnostics, PsqlSyntax psql)
    {
        _psql = psql;
        _source = source;
        _text = source.Text;
        _tokens = tokens;
        _diagnostics = diagnostics;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ParseResult Parse(SourceText source, PsqlSyntax psql)
    {
        var diagnostics = new List<Diagnostic>();
        Token[] tokens = Lexer.Tokenize(source, diagnostics, out int count);
        ImmutableArray<Statement> statements;
        try
        {
            Lexer.CheckPsqlSyntax(source, tokens, count, diagnostics, psql);

            statements = new Parser(source, tokens, diagnostics, psql).ParseStatements();
        }
        finally
        {
            Lexer.ReturnTokens(tokens);
        }

        diagnostics.Sort((a, b) => a.Location.Span.Start.CompareTo(b.Location.Span.Start));
        return new ParseResult(statements, [.. diagnostics]);
    }

    // ---- cursor -------------------------------------------------------------------------------

    private bool AtEnd => _pos >= _end;

    private Token Peek(int offset) => _tokens[Math.Min(_pos + offset, _end)];

    private TokenKind KindAt(int index) => index < _end ? _tokens[index].Kind : TokenKind.EndOfFile;

    /// <summary>True when the token at <paramref name="index"/> (inside the statement) is the unquoted word <paramref name="keyword"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsWordAt(int index, string keyword) => index < _end && IsWord(_tokens[index], keyword);

    private bool IsWord(string keyword) => IsWordAt(_pos, keyword);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsWord(Token token, string keyword)
    {
        if (token.Kind != TokenKind.Identifier || token.Length != keyword.Length)
        {
            return false;
        }

        ReadOnlySpan<char> span = _text.AsSpan(token.Start, token.Length);
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if ((uint)(c - 'A') <= 'Z' - 'A')
            {
                c = (char)(c | 0x20);
            }

            if (c != keyword[i])
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AcceptWord(string keyword)
    {
        if (IsWord(keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AcceptWords(string first, string second)
    {
        if (IsWordAt(_pos, first) && IsWordAt(_pos + 1, second))
        {
            _pos += 2;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Accept(TokenKind kind)
    {
        if (!AtEnd && _tokens[_pos].Kind == kind)
        {
            _pos++;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsKind(TokenKind kind) => !AtEnd && _tokens[_pos].Kind == kind;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsOperatorAt(int index, string op) =>
        index < _end && _tokens[index].Kind == TokenKind.Operator && _text.AsSpan(_tokens[index].Start, _tokens[index].Length).SequenceEqual(op);

    private void ExpectWord(string keyword, string context)
    {
        if (!AcceptWord(keyword))
        {
            throw Error($"expected {keyword.ToUpperInvariant()} {context}, found {Found()}");
        }
    }

    private void Expect(TokenKind kind, string context)
    {
        if (!Accept(kind))
        {
            throw Error($"expected {Describe(kind)} {context}, found {Found()}");
        }
    }

    /// <summary>Expects the end of the statement.</summary>
    private void ExpectEnd(string context)
    {
        if (!AtEnd)
        {
            throw Error($"expected end of statement {context}, found {Found()}");
        }
    }

    /// <summary>IF EXISTS.</summary>
    private bool AcceptIfExists()
    {
        if (!IsWord("if"))
        {
            return false;
        }

        _pos++;
        ExpectWord("exists", "after IF");
        return true;
    }

    /// <summary>IF NOT EXISTS.</summary>
    private bool AcceptIfNotExists()
    {
        if (!IsWord("if"))
        {
            return false;
        }

        _pos++;
        ExpectWord("not", "after IF");
        ExpectWord("exists", "after IF NOT");
        return true;
    }

    // ---- text and locations -----------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SourceLocation Loc(int startToken, int endToken)
    {
        int start = _tokens[startToken].Start;
        int end = endToken > startToken ? _tokens[endToken - 1].End : start;
        return new SourceLocation(_source, new SourceSpan(start, end - start));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string TextOf(int startToken, int endToken)
    {
        if (endToken <= startToken)
        {
            return string.Empty;
        }

        int start = _tokens[startToken].Start;
        return _text.Substring(start, _tokens[endToken - 1].End - start);
    }

    private string TokenText(int index) => _tokens[index].GetText(_text);

    /// <summary>Builds an error context lazily: "{0}" is replaced by the text of token <paramref name="token"/>.</summary>
    private string Context(string context, int token) => token < 0 ? context : context.Replace("{0}", TokenText(token), StringComparison.Ordinal);

    // ---- errors -------------------------------------------------------------------------------

    private SyntaxErrorException Error(string message) => ErrorAt(Math.Min(_pos, _end), message);

    private SyntaxErrorException ErrorAt(int tokenIndex, string message)
    {
        Token token = _tokens[tokenIndex];
        return new SyntaxErrorException(new Diagnostic(new SourceLocation(_source, token.Span), message));
    }

    /// <summary>
    /// How the current token is named in a message: <c>"email"</c>, <c>";"</c>, <c>end of input</c>. A literal is
    /// named by its kind only (<c>a string literal</c>): its text may be a secret, and messages are shown and logged.
    /// </summary>
    private string Found()
    {
        if (AtEnd)
        {
            return _tokens[_end].Kind switch
            {
                TokenKind.Semicolon => "\";\"",
                TokenKind.EndOfFile => "end of input",
                _ => "end of statement",
            };
        }

        Token token = _tokens[_pos];
        if (LiteralKind(token.Kind) is { } literal)
        {
            return literal;
        }

        ReadOnlySpan<char> text = _text.AsSpan(token.Start, token.Length);
        int newline = text.IndexOfAny('\n', '\r');
        if (newline >= 0 || text.Length > 40)
        {
            return "\"" + text[..Math.Min(newline >= 0 ? newline : 37, 37)].ToString() + "...\"";
        }

        return "\"" + text.ToString() + "\"";
    }

    private static string? LiteralKind(TokenKind kind) => kind switch
    {
        TokenKind.String or TokenKind.EscapeString or TokenKind.NationalString or TokenKind.UnicodeString or TokenKind.DollarString => "a string literal",
        TokenKind.BitString or TokenKind.HexString => "a bit string literal",
        TokenKind.Error => "an unterminated quoted text",
        _ => null,
    };

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.LeftParen => "\"(\"",
        TokenKind.RightParen => "\")\"",
        TokenKind.LeftBracket => "\"[\"",
        TokenKind.RightBracket => "\"]\"",
        TokenKind.Comma => "\",\"",
        TokenKind.Dot => "\".\"",
        TokenKind.Semicolon => "\";\"",
        TokenKind.String => "a string literal",
        _ => kind.ToString(),
    };

    /// <summary>Raised inside a statement at its first syntax error; caught per statement.</summary>
    private sealed class SyntaxErrorException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }

    /// <summary>Raised when a statement turns out to be a form that is carried verbatim (OpaqueStatement).</summary>
    private sealed class NotAnalysedException(string reason) : Exception(reason)
    {
        public string Reason { get; } = reason;

        /// <summary>The relation the statement creates from a query, when known.</summary>
        public CreatedRelation? Creates { get; init; }
    }
}
