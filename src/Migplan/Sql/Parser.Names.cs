using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Migplan.Sql;

/// <summary>Names: identifiers, qualified names, name lists, and the keyword tests they need.</summary>
internal sealed partial class Parser
{
    private const int MaxCachedNames = 16384;
    private readonly Dictionary<string, Identifier> _names = new(StringComparer.Ordinal);

    /// <summary>True when the token can be a column, table or other object name (not a reserved keyword).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsNameToken(Token token) =>
        token.IsQuotedName || (token.Kind == TokenKind.Identifier && !IsReservedWord(token));

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ReservedWords =
        Keywords.Reserved.GetAlternateLookup<ReadOnlySpan<char>>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsReservedWord(Token token)
    {
        if (token.Kind != TokenKind.Identifier || token.Length > 32)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[token.Length];
        return ReservedWords.Contains(Fold(token, buffer));
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

    /// <summary>
    /// The identifier a name token denotes. Unquoted lower-case names are shared through a small cache,
    /// since schemas repeat the same column and type names many times.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Identifier IdentifierAt(int index)
    {
        Token token = _tokens[index];
        if (token.Kind != TokenKind.Identifier || token.Length > 40)
        {
            return new Identifier(Lexer.IdentifierValue(_text, token));
        }

        ReadOnlySpan<char> raw = _text.AsSpan(token.Start, token.Length);
        if (_nameLookup.TryGetValue(raw, out Identifier? cached))
        {
            return cached;
        }

        var identifier = new Identifier(Lexer.IdentifierValue(_text, token));
        if (_names.Count < MaxCachedNames && raw.SequenceEqual(identifier.Value))
        {
            _names.Add(identifier.Value, identifier);
        }

        return identifier;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    private ImmutableArray<Identifier> ParseNameList(string what, string context) => ParseLocatedNameList(what, context).Names;

    /// <summary>( name [, name ...] ), with where each name is written (for diagnostics that point at one of them).</summary>
    private (ImmutableArray<Identifier> Names, ImmutableArray<SourceLocation> Locations) ParseLocatedNameList(string what, string context)
    {
        Expect(TokenKind.LeftParen, context);
        var names = default(SmallList<Identifier>);
        var locations = default(SmallList<SourceLocation>);
        do
        {
            locations.Add(Loc(_pos, _pos + 1));
            names.Add(ExpectName(what, names.Count == 0 ? "after \"(\"" : "after \",\""));
        }
        while (Accept(TokenKind.Comma));
        if (!Accept(TokenKind.RightParen))
        {
            throw Error($"expected \",\" or \")\" after {what}, found {Found()}");
        }

        return (names.ToImmutable(), locations.ToImmutable());
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
}
