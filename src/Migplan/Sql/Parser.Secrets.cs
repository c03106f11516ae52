using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// Secrets in statements (any statement: an expression kept as text can hold the tokens too): <c>PASSWORD '...'</c>
/// of CREATE/ALTER ROLE and USER (also ENCRYPTED PASSWORD), a <c>password '...'</c> option (USER MAPPING, SERVER),
/// and a subscription's <c>CONNECTION '...'</c>, also inside the string literals of the statement (a function
/// body is one: the fuzz test found a CREATE ROLE with its password in a dollar-quoted body). The statement is
/// marked with where the secret is, never with the secret itself; the change refuses it (see SchemaApplier), and
/// no message shows its text.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>How deep string literals inside string literals are read (a body holding an EXECUTE '...').</summary>
    private const int SecretDepth = 4;

    private Statement WithSecret(Statement statement, int start)
    {
        var tokens = _tokens.AsSpan(start, _end - start);
        return FindSecret(_source.Text, tokens, 0, SecretDepth) is { } found
            ? statement with { Secret = (new SourceLocation(_source, found.Span), found.What) }
            : statement;
    }

    /// <summary>
    /// The first secret among <paramref name="tokens"/> of <paramref name="text"/> (offsets shifted by
    /// <paramref name="offset"/> into the source); inside a string literal, its position is the literal's when its
    /// text is not the source's verbatim (a quoted string's doubled quotes).
    /// </summary>
    private static (SourceSpan Span, string What)? FindSecret(string text, ReadOnlySpan<Token> tokens, int offset, int depth)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            Token token = tokens[i];
            if (i + 1 < tokens.Length && IsLiteral(tokens[i + 1]))
            {
                var at = new SourceSpan(offset + tokens[i + 1].Start, tokens[i + 1].Length);
                if (IsWord(text, token, "password") || (token.Kind == TokenKind.QuotedIdentifier && token.GetSpan(text).SequenceEqual("\"password\"")))
                {
                    return (at, "a password");
                }

                if (IsWord(text, token, "connection"))
                {
                    return (at, "a connection string (it may hold a password)");
                }
            }

            if (depth > 0 && token.IsString && Inside(text, token, offset, depth) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>A secret written as SQL inside a string literal (a function body, an EXECUTE's text).</summary>
    private static (SourceSpan Span, string What)? Inside(string text, Token token, int offset, int depth)
    {
        string value = Lexer.StringValue(text, token);
        if (value.IndexOf("password", StringComparison.OrdinalIgnoreCase) < 0 && value.IndexOf("connection", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null;
        }

        // A dollar-quoted body is the source's text as is: its positions map one to one.
        int tag = token.Kind == TokenKind.DollarString ? token.GetSpan(text)[1..].IndexOf('$') + 2 : -1;
        bool verbatim = tag > 0;
        var found = FindSecret(value, SqlFragment.Tokens(value), verbatim ? offset + token.Start + tag : 0, depth - 1);
        return found is null ? null : verbatim ? found : (new SourceSpan(offset + token.Start, token.Length), found.Value.What);
    }

    private static bool IsWord(string text, Token token, string word) =>
        token.Kind == TokenKind.Identifier && token.GetSpan(text).Equals(word, StringComparison.OrdinalIgnoreCase);

    private static bool IsLiteral(Token token) => token.IsString || token.Kind is TokenKind.BitString or TokenKind.HexString;
}
