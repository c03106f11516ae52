using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// Secrets in statements (any statement: an expression kept as text can hold the tokens too): <c>PASSWORD '...'</c> of CREATE/ALTER ROLE and USER (also
/// ENCRYPTED PASSWORD), a <c>password '...'</c> option (USER MAPPING, SERVER), and a subscription's
/// <c>CONNECTION '...'</c>. The statement is marked with where the secret is, never with the secret itself; the
/// change refuses it (see SchemaApplier), and no message shows its text.
/// </summary>
internal sealed partial class Parser
{
    private Statement WithSecret(Statement statement, int start)
    {
        for (int i = start; i + 1 < _end; i++)
        {
            Token token = _tokens[i];
            if (!IsLiteral(_tokens[i + 1]))
            {
                continue;
            }

            if (IsWord(token, "password") || (token.Kind == TokenKind.QuotedIdentifier && TokenText(i) == "\"password\""))
            {
                return statement with { Secret = (Loc(i + 1, i + 2), "a password") };
            }

            if (IsWord(token, "connection"))
            {
                return statement with { Secret = (Loc(i + 1, i + 2), "a connection string (it may hold a password)") };
            }
        }

        return statement;
    }

    private static bool IsLiteral(Token token) => token.IsString || token.Kind is TokenKind.BitString or TokenKind.HexString;
}
