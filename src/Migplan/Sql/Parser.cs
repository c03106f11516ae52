using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// Recursive-descent parser over the token array of one source. Statements are split at top-level
/// semicolons first; each statement is parsed within its token range [<c>_pos</c>, <c>_end</c>).
/// This file holds the token cursor and the helpers every construct uses.
/// </summary>
internal sealed partial class Parser
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly Token[] _tokens;
    private readonly List<Diagnostic> _diagnostics;
    private int _pos;
    private int _end;

    private Parser(SourceText source, Token[] tokens, List<Diagnostic> diagnostics)
    {
        _source = source;
        _text = source.Text;
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    public static ParseResult Parse(SourceText source)
    {
        var diagnostics = new List<Diagnostic>();
        Token[] tokens = Lexer.Tokenize(source, diagnostics);
        var parser = new Parser(source, tokens, diagnostics);
        ImmutableArray<Statement> statements = parser.ParseStatements();
        diagnostics.Sort((a, b) => a.Location.Span.Start.CompareTo(b.Location.Span.Start));
        return new ParseResult(statements, [.. diagnostics]);
    }

    // ---- cursor -------------------------------------------------------------------------------

    /// <summary>The current token; at the end of the statement, the token that ends it (";", meta-command or end of file).</summary>
    private Token Current => _tokens[_pos < _end ? _pos : _end];

    private bool AtEnd => _pos >= _end;

    private Token Peek(int offset) => _tokens[Math.Min(_pos + offset, _end)];

    private TokenKind KindAt(int index) => index < _end ? _tokens[index].Kind : TokenKind.EndOfFile;

    /// <summary>True when the token at <paramref name="index"/> (inside the statement) is the unquoted word <paramref name="keyword"/>.</summary>
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

    private bool AcceptWord(string keyword)
    {
        if (IsWord(keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool AcceptWords(string first, string second)
    {
        if (IsWordAt(_pos, first) && IsWordAt(_pos + 1, second))
        {
            _pos += 2;
            return true;
        }

        return false;
    }

    private bool Accept(TokenKind kind)
    {
        if (!AtEnd && _tokens[_pos].Kind == kind)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool IsKind(TokenKind kind) => !AtEnd && _tokens[_pos].Kind == kind;

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

    // ---- names --------------------------------------------------------------------------------

    /// <summary>True when the token can be a column, table or other object name (not a reserved keyword).</summary>
    private bool IsNameToken(Token token) =>
        token.IsQuotedName || (token.Kind == TokenKind.Identifier && !IsReservedWord(token));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsReservedWord(Token token)
    {
        if (token.Kind != TokenKind.Identifier || token.Length > 32)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[token.Length];
        return Keywords.Reserved.GetAlternateLookup<ReadOnlySpan<char>>().Contains(Fold(token, buffer));
    }

    /// <summary>ASCII-lower-cases a token's text into <paramref name="buffer"/> (at least as long as the token).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<char> Fold(Token token, Span<char> buffer)
    {
        ReadOnlySpan<char> span = _text.AsSpan(token.Start, token.Length);
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            buffer[i] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        return buffer[..span.Length];
    }

    private Identifier IdentifierAt(int index) => new(Lexer.IdentifierValue(_text, _tokens[index]));

    private Identifier ExpectName(string what, string context)
    {
        if (AtEnd || !IsNameToken(_tokens[_pos]))
        {
            throw Error($"expected {what} {context}, found {Found()}");
        }

        return IdentifierAt(_pos++);
    }

    /// <summary>name, schema.name, or catalog.schema.name (the catalog is dropped).</summary>
    private QualifiedName ExpectQualifiedName(string what, string context)
    {
        Identifier first = ExpectName(what, context);
        if (!IsKind(TokenKind.Dot))
        {
            return new QualifiedName(null, first);
        }

        _pos++;
        Identifier second = ExpectAttributeName(what, context);
        if (!IsKind(TokenKind.Dot))
        {
            return new QualifiedName(first, second);
        }

        _pos++;
        return new QualifiedName(second, ExpectAttributeName(what, context));
    }

    /// <summary>A name after a dot: any word, keywords included.</summary>
    private Identifier ExpectAttributeName(string what, string context)
    {
        if (AtEnd || !_tokens[_pos].IsName)
        {
            throw Error($"expected {what} {context}, found {Found()}");
        }

        return IdentifierAt(_pos++);
    }

    /// <summary>( name [, name ...] ).</summary>
    private ImmutableArray<Identifier> ParseNameList(string what, string context)
    {
        Expect(TokenKind.LeftParen, context);
        var names = ImmutableArray.CreateBuilder<Identifier>();
        do
        {
            names.Add(ExpectName(what, names.Count == 0 ? "after \"(\"" : "after \",\""));
        }
        while (Accept(TokenKind.Comma));
        if (!Accept(TokenKind.RightParen))
        {
            throw Error($"expected \",\" or \")\" after {what}, found {Found()}");
        }

        return names.ToImmutable();
    }

    /// <summary>Index of the token closing the bracket at <paramref name="open"/>, or <see cref="_end"/> when unbalanced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int MatchingClose(int open)
    {
        int depth = 0;
        for (int i = open; i < _end; i++)
        {
            switch (_tokens[i].Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket:
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return _end;
    }

    /// <summary>Skips a parenthesised group at the cursor and returns the text between the parentheses.</summary>
    private string SkipParenthesized(string context)
    {
        if (!IsKind(TokenKind.LeftParen))
        {
            throw Error($"expected \"(\" {context}, found {Found()}");
        }

        int open = _pos;
        int close = MatchingClose(open);
        if (close >= _end)
        {
            _pos = _end;
            throw Error($"expected \")\" to close the \"(\" {context}, found {Found()}");
        }

        _pos = close + 1;
        return close == open + 1 ? string.Empty : TextOf(open + 1, close);
    }

    // ---- text and locations -----------------------------------------------------------------

    private SourceLocation Loc(int startToken, int endToken)
    {
        int start = _tokens[startToken].Start;
        int end = endToken > startToken ? _tokens[endToken - 1].End : start;
        return new SourceLocation(_source, new SourceSpan(start, end - start));
    }

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

    /// <summary>How the current token is named in a message: <c>"email"</c>, <c>";"</c>, <c>end of input</c>.</summary>
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
        ReadOnlySpan<char> text = _text.AsSpan(token.Start, token.Length);
        int newline = text.IndexOfAny('\n', '\r');
        if (newline >= 0 || text.Length > 40)
        {
            return "\"" + text[..Math.Min(newline >= 0 ? newline : 37, 37)].ToString() + "...\"";
        }

        return "\"" + text.ToString() + "\"";
    }

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
    }
}
