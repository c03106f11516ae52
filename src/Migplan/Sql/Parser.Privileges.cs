using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// GRANT and REVOKE of privileges on tables, sequences, schemas, routines and types. Role membership (GRANT role TO
/// role), ON ALL ... IN SCHEMA, other object kinds, column lists on ALL and grantees such as CURRENT_USER are
/// carried not analysed.
/// </summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> PrivilegeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "insert", "update", "delete", "truncate", "references", "trigger", "usage", "create", "execute",
    };

    private static readonly string[] PrivilegeKinds = ["table", "sequence", "schema", "function", "procedure", "routine", "type", "domain"];

    /// <summary>GRANT ... ON ... TO ..., or REVOKE ... ON ... FROM ...; the cursor is on GRANT or REVOKE.</summary>
    private Statement ParsePrivileges(int start, bool grant)
    {
        string verb = grant ? "GRANT" : "REVOKE";
        if (!StatementHasWord(start, "on"))
        {
            return UnmodelledStatement(start, $"{verb} of a role (membership) is not analysed");
        }

        _pos = start + 1;
        bool grantOptionFor = !grant && IsWordAt(_pos, "grant") && IsWordAt(_pos + 1, "option") && IsWordAt(_pos + 2, "for");
        if (grantOptionFor)
        {
            _pos += 3;
        }

        var privileges = ImmutableArray.CreateBuilder<Privilege>();
        if (AcceptWord("all"))
        {
            _ = AcceptWord("privileges");
            if (IsKind(TokenKind.LeftParen))
            {
                return UnmodelledStatement(start, $"{verb} ALL (columns) is not analysed");
            }
        }
        else
        {
            do
            {
                if (AtEnd || !PrivilegeWords.Contains(TokenText(_pos)) || _tokens[_pos].Kind != TokenKind.Identifier)
                {
                    return UnmodelledStatement(start, $"{verb} of this privilege is not analysed");
                }

                string name = TokenText(_pos++).ToUpperInvariant();
                var columns = IsKind(TokenKind.LeftParen) ? ParseNameList("a column name", $"after {name} (") : [];
                privileges.Add(new Privilege(name, columns));
            }
            while (Accept(TokenKind.Comma));
        }

        ExpectWord("on", $"after the privileges of {verb}");
        string kind = "TABLE";
        if (IsWord("all"))
        {
            return UnmodelledStatement(start, $"{verb} ... ON ALL {TokenText(_pos + 1).ToUpperInvariant()} IN SCHEMA is not analysed");
        }

        if ((IsWord("foreign") || IsWord("large") || IsWord("database") || IsWord("language") || IsWord("tablespace") || IsWord("parameter")))
        {
            return UnmodelledStatement(start, $"{verb} ... ON {ObjectKind(_pos)} is not analysed");
        }

        if (PrivilegeKinds.FirstOrDefault(IsWord) is { } written && _pos + 1 < _end && _tokens[_pos + 1].IsName)
        {
            kind = written.ToUpperInvariant();
            _pos++;
        }

        bool routine = kind is "FUNCTION" or "PROCEDURE" or "ROUTINE";
        var objects = ImmutableArray.CreateBuilder<(QualifiedName, string?)>();
        do
        {
            var name = ExpectQualifiedName($"a {kind.ToLowerInvariant()} name", $"after {verb} ... ON");
            string? arguments = routine && IsKind(TokenKind.LeftParen) ? SkipParenthesized($"after {name.Quoted}") : null;
            objects.Add((name, arguments));
        }
        while (Accept(TokenKind.Comma));

        ExpectWord(grant ? "to" : "from", $"after the objects of {verb}");
        var grantees = ImmutableArray.CreateBuilder<Grantee>();
        do
        {
            _ = AcceptWord("group");
            if (IsWord("current_user") || IsWord("session_user") || IsWord("current_role"))
            {
                return UnmodelledStatement(start, $"{verb} to {TokenText(_pos).ToUpperInvariant()} is not analysed");
            }

            grantees.Add(AcceptWord("public") ? new Grantee(null) : new Grantee(ExpectName("a role name", $"after {(grant ? "TO" : "FROM")}")));
        }
        while (Accept(TokenKind.Comma));

        bool withGrantOption = false;
        if (grant && AcceptWords("with", "grant"))
        {
            ExpectWord("option", "after WITH GRANT");
            withGrantOption = true;
        }

        string? grantedBy = null;
        if (AcceptWords("granted", "by"))
        {
            grantedBy = TokenText(_pos);
            _ = ExpectName("a role name", "after GRANTED BY");
        }

        bool cascade = !grant && AcceptWord("cascade");
        _ = !grant && !cascade && AcceptWord("restrict");
        ExpectEnd($"after {verb}");
        return new PrivilegeStatement(Loc(start, _end), grant, grantOptionFor, privileges.ToImmutable(), kind, objects.ToImmutable(),
            grantees.ToImmutable(), withGrantOption, cascade, grantedBy);
    }

    /// <summary>True when the unquoted word appears among the statement's tokens (outside brackets) after <paramref name="start"/>.</summary>
    private bool StatementHasWord(int start, string word)
    {
        int depth = 0;
        for (int i = start; i < _end; i++)
        {
            depth += _tokens[i].Kind switch { TokenKind.LeftParen => 1, TokenKind.RightParen => -1, _ => 0 };
            if (depth == 0 && IsWordAt(i, word))
            {
                return true;
            }
        }

        return false;
    }
}
