using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>Statement splitting and dispatch; transaction control and SET.</summary>
internal sealed partial class Parser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ImmutableArray<Statement> ParseStatements()
    {
        var statements = ImmutableArray.CreateBuilder<Statement>(Math.Max(4, _tokens.Length / 12));
        int i = 0;
        while (_tokens[i].Kind != TokenKind.EndOfFile)
        {
            Token token = _tokens[i];
            if (token.Kind == TokenKind.Semicolon)
            {
                i++;
                continue;
            }

            if (token.Kind == TokenKind.PsqlMetaCommand)
            {
                // In a change it has been reported (Lexer.CheckPsqlSyntax); a schema dump keeps it as a statement.
                if (_psql == PsqlSyntax.Tolerated)
                {
                    statements.Add(new PsqlMetaCommand(new SourceLocation(_source, token.Span)));
                }

                i++;
                continue;
            }

            int end = FindStatementEnd(i, out bool lexError);
            if (!lexError)
            {
                _pos = i;
                _end = end;
                Statement? statement = ParseOneStatement();
                if (statement is not null && UnbalancedBracket(i, end) is { } unbalanced)
                {
                    _diagnostics.Add(unbalanced); // a statement that psql and PostgreSQL read differently: never planned
                    statement = null;
                }

                if (statement is not null)
                {
                    statements.Add(statement);
                }
            }

            i = end;
        }

        return statements.ToImmutable();
    }

    /// <summary>
    /// The index of the token that ends the statement starting at <paramref name="start"/>: a semicolon outside
    /// brackets and outside a BEGIN ATOMIC body, a psql meta-command, or the end of the file.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindStatementEnd(int start, out bool lexError)
    {
        lexError = false;
        bool isCreate = IsWord(_tokens[start], "create");
        int depth = 0;
        int atomicDepth = 0;
        for (int i = start; ; i++)
        {
            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Semicolon when depth == 0 && atomicDepth == 0:
                case TokenKind.EndOfFile:
                case TokenKind.PsqlMetaCommand:
                    return i;
                case TokenKind.LeftParen or TokenKind.LeftBracket:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket:
                    depth = Math.Max(0, depth - 1);
                    break;
                case TokenKind.Error:
                    lexError = true;
                    break;
                case TokenKind.Identifier when isCreate:
                    if (atomicDepth == 0)
                    {
                        if (IsWord(token, "begin") && IsWord(_tokens[i + 1], "atomic"))
                        {
                            atomicDepth = 1;
                            i++;
                        }
                    }
                    else if (IsWord(token, "begin") || IsWord(token, "case"))
                    {
                        atomicDepth++;
                    }
                    else if (IsWord(token, "end"))
                    {
                        atomicDepth--;
                    }

                    break;
            }
        }
    }

    private Statement? ParseOneStatement()
    {
        int start = _pos;
        try
        {
            Statement statement = ParseStatementBody();
            return WithSecret(statement, start);
        }
        catch (SyntaxErrorException e)
        {
            // "found end of input" because a bracket was never closed: the bracket is the place to show.
            bool atEnd = e.Diagnostic.Location.Span.Start >= _tokens[_end].Start;
            _diagnostics.Add(atEnd && UnbalancedBracket(start, _end) is { } unbalanced ? unbalanced : e.Diagnostic);
            return null;
        }
        catch (NotAnalysedException e)
        {
            return WithSecret(new OpaqueStatement(Loc(start, _end), e.Reason) { Creates = e.Creates }, start);
        }
    }

    private Statement ParseStatementBody()
    {
        int start = _pos;
        Token first = _tokens[start];
        if (first.Kind != TokenKind.Identifier)
        {
            return Opaque("this statement is not analysed");
        }

        string keyword = StatementKeyword(first);
        switch (keyword)
        {
            case "create":
                return ParseCreate(start);
            case "alter":
                if (IsWordAt(start + 1, "table"))
                {
                    return ParseAlterTable(start);
                }

                if (IsWordAt(start + 1, "index"))
                {
                    return ParseAlterIndex(start);
                }

                if (IsWordAt(start + 1, "sequence"))
                {
                    return ParseAlterSequence(start);
                }

                return IsWordAt(start + 1, "type") ? ParseAlterType(start) : UnmodelledStatement(start, $"ALTER {ObjectKind(start + 1)} is not analysed");
            case "drop":
                if (IsWordAt(start + 1, "table") || IsWordAt(start + 1, "index"))
                {
                    return ParseDrop(start);
                }

                if (IsWordAt(start + 1, "materialized") && IsWordAt(start + 2, "view"))
                {
                    return ParseDropMaterializedView(start);
                }

                string dropReason = $"DROP {ObjectKind(start + 1)} is not analysed";
                return DefinitionKindAt(start + 1, create: false) is { } dropped ? ParseDropDefinition(start, dropped, dropReason) : UnmodelledStatement(start, dropReason);
            case "update":
                return ParseUpdate(start);
            case "delete":
                return ParseDelete(start);
            case "insert":
                return ParseInsert(start);
            case "truncate":
                return ParseTruncate(start);
            case "begin" or "start" or "commit" or "end" or "rollback" or "abort":
                return ParseTransaction(start, keyword);
            case "set":
                return ParseSet(start);
            case "lock":
                return ParseLock(start);
            case "reset":
                return ParseReset(start);
            case "comment" when IsWordAt(start + 1, "on"):
                return ParseComment(start);
            case "grant" or "revoke":
                return ParsePrivileges(start, keyword == "grant");
            default:
                return UnmodelledStatement(start, $"{TokenText(start).ToUpperInvariant()} is not analysed");
        }
    }

    private static readonly string[] StatementKeywords =
        ["create", "alter", "drop", "update", "delete", "insert", "truncate", "begin", "start", "commit", "end", "rollback", "abort", "set", "lock", "reset",
         "comment", "grant", "revoke"];

    /// <summary>The (shared, lower-case) leading keyword of a statement among those analysed, or "" for any other word.</summary>
    private string StatementKeyword(Token first)
    {
        foreach (string keyword in StatementKeywords)
        {
            if (IsWord(first, keyword))
            {
                return keyword;
            }
        }

        return string.Empty;
    }

    private OpaqueStatement Opaque(string reason) => new(Loc(_pos, _end), reason);

    private Statement ParseCreate(int start)
    {
        int p = start + 1;
        if (IsWordAt(p, "or") && IsWordAt(p + 1, "replace"))
        {
            string replaceReason = $"CREATE OR REPLACE {ObjectKind(p + 2)} is not analysed";
            return DefinitionKindAt(p + 2, create: true) is null ? UnmodelledStatement(start, replaceReason) : ParseCreateDefinition(start, p + 2, true, replaceReason);
        }

        bool temporary = false, unlogged = false;
        while (true)
        {
            if (IsWordAt(p, "temp") || IsWordAt(p, "temporary"))
            {
                temporary = true;
            }
            else if (IsWordAt(p, "unlogged"))
            {
                unlogged = true;
            }
            else if (!IsWordAt(p, "global") && !IsWordAt(p, "local"))
            {
                break;
            }

            p++;
        }

        _pos = p;
        if (IsWordAt(p, "table"))
        {
            return ParseCreateTable(start, temporary, unlogged);
        }

        if (IsWordAt(p, "sequence"))
        {
            return ParseCreateSequence(start);
        }

        if (!temporary && !unlogged && p == start + 1)
        {
            if (IsWordAt(p, "index") || (IsWordAt(p, "unique") && IsWordAt(p + 1, "index")))
            {
                return ParseCreateIndex(start);
            }

            if (IsWordAt(p, "type"))
            {
                return ParseCreateType(start);
            }
        }

        if (IsWordAt(p, "materialized") && IsWordAt(p + 1, "view"))
        {
            _pos = p + 2;
            bool ifNotExists = AcceptIfNotExists();
            QualifiedName view = ExpectQualifiedName("a view name", "after CREATE MATERIALIZED VIEW");
            _pos = start;
            return Opaque("CREATE MATERIALIZED VIEW is not analysed") with { Creates = new CreatedRelation(view, true, ifNotExists, false) };
        }

        string reason = $"CREATE {ObjectKind(start + 1)} is not analysed";
        return p == start + 1 && DefinitionKindAt(p, create: true) is not null ? ParseCreateDefinition(start, p, false, reason) : UnmodelledStatement(start, reason);
    }

    /// <summary>Upper-cased object kind words for an opaque reason: FUNCTION, MATERIALIZED VIEW, EVENT TRIGGER, ...</summary>
    private string ObjectKind(int index)
    {
        var sb = new StringBuilder();
        for (int words = 0; words < 3 && index < _end && _tokens[index].Kind == TokenKind.Identifier; words++, index++)
        {
            string word = TokenText(index).ToUpperInvariant();
            sb.Append(sb.Length > 0 ? " " : string.Empty).Append(word);
            if (word is not ("MATERIALIZED" or "FOREIGN" or "EVENT" or "TEXT" or "ACCESS" or "DEFAULT" or "USER" or "OPERATOR"
                or "CONSTRAINT" or "RECURSIVE" or "TRUSTED" or "PROCEDURAL" or "UNIQUE" or "UNLOGGED" or "TEMP" or "TEMPORARY"
                or "GLOBAL" or "LOCAL" or "SEARCH" or "DATA" or "LARGE" or "ROW" or "LEVEL"))
            {
                break;
            }
        }

        return sb.Length == 0 ? "..." : sb.ToString();
    }

    // ---- BEGIN / COMMIT / ROLLBACK -------------------------------------------------------------

    private Statement ParseTransaction(int start, string keyword)
    {
        _pos = start + 1;
        switch (keyword)
        {
            case "begin":
                // Transaction modes (ISOLATION LEVEL ..., READ ONLY, DEFERRABLE) are accepted as written.
                return new TransactionStatement(Loc(start, _end), TransactionKind.Begin);
            case "start":
                ExpectWord("transaction", "after START");
                return new TransactionStatement(Loc(start, _end), TransactionKind.Begin);
        }

        if (IsWord("prepared"))
        {
            _pos = start;
            return Opaque($"{keyword.ToUpperInvariant()} PREPARED is not analysed");
        }

        _ = AcceptWord("work") || AcceptWord("transaction");
        if (keyword is "rollback" or "abort" && IsWord("to"))
        {
            _pos = start;
            return Opaque("ROLLBACK TO SAVEPOINT is not analysed");
        }

        if (AcceptWord("and"))
        {
            _ = AcceptWord("no");
            ExpectWord("chain", "after AND");
        }

        ExpectEnd("after " + keyword.ToUpperInvariant());
        return new TransactionStatement(Loc(start, _end), keyword is "commit" or "end" ? TransactionKind.Commit : TransactionKind.Rollback);
    }

    // ---- SET ----------------------------------------------------------------------------------

    private Statement ParseSet(int start)
    {
        _pos = start + 1;
        bool local = false;
        if (IsWord("local"))
        {
            local = true;
            _pos++;
        }
        else if (IsWord("session") && !IsWordAt(_pos + 1, "authorization") && !IsWordAt(_pos + 1, "characteristics"))
        {
            _pos++;
        }

        string name;
        if (AcceptWords("time", "zone"))
        {
            name = "timezone";
        }
        else if (AcceptWord("schema"))
        {
            name = "search_path";
        }
        else if (AcceptWord("names"))
        {
            name = "client_encoding";
        }
        else if (IsWord("role") || IsWord("session") || IsWord("transaction") || IsWord("constraints") || IsWord("xml"))
        {
            _pos = start;
            return Opaque($"SET {ObjectKind(start + 1)} is not analysed");
        }
        else
        {
            name = ExpectAttributeName("a parameter name", "after SET").Value;
            while (Accept(TokenKind.Dot))
            {
                name += "." + ExpectAttributeName("a parameter name", "after \".\"").Value;
            }

            if (IsWord("from") && IsWordAt(_pos + 1, "current"))
            {
                _pos = start;
                return Opaque("SET ... FROM CURRENT is not analysed");
            }

            if (!AcceptWord("to") && !IsOperatorAt(_pos, "="))
            {
                throw Error($"expected TO or \"=\" after SET {name}, found {Found()}");
            }

            if (IsOperatorAt(_pos, "="))
            {
                _pos++;
            }
        }

        if (AtEnd)
        {
            throw Error($"expected a value for SET {name}, found {Found()}");
        }

        return new SetStatement(Loc(start, _end), name, TextOf(_pos, _end), local) { Values = PlainValues(_pos) };
    }

    /// <summary>RESET name | RESET TIME ZONE | RESET ALL, as SET name TO DEFAULT (name "all" for ALL); RESET ROLE / SESSION AUTHORIZATION are opaque.</summary>
    private Statement ParseReset(int start)
    {
        _pos = start + 1;
        if (IsWord("role") || IsWord("session"))
        {
            _pos = start;
            return Opaque($"RESET {ObjectKind(start + 1)} is not analysed");
        }

        string name;
        if (AcceptWords("time", "zone"))
        {
            name = "timezone";
        }
        else
        {
            name = ExpectAttributeName("a parameter name or ALL", "after RESET").Value;
            while (Accept(TokenKind.Dot))
            {
                name += "." + ExpectAttributeName("a parameter name", "after \".\"").Value;
            }
        }

        if (!AtEnd)
        {
            throw Error($"expected end of statement after RESET {name}, found {Found()}");
        }

        return new SetStatement(Loc(start, _end), name, "DEFAULT", false) { Values = ["default"] };
    }

    /// <summary>The items of a SET value that is a comma list of strings, names and (signed) numbers; default otherwise.</summary>
    private ImmutableArray<string> PlainValues(int i)
    {
        var values = ImmutableArray.CreateBuilder<string>();
        while (true)
        {
            string sign = string.Empty;
            if (i < _end && (IsOperatorAt(i, "-") || IsOperatorAt(i, "+")))
            {
                sign = TokenText(i) == "-" ? "-" : string.Empty;
                i++;
                if (i >= _end || _tokens[i].Kind is not (TokenKind.Integer or TokenKind.Numeric))
                {
                    return default;
                }
            }

            if (i >= _end)
            {
                return default;
            }

            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.String:
                    values.Add(Lexer.StringValue(_text, token));
                    break;
                case TokenKind.Integer or TokenKind.Numeric:
                    values.Add(sign + TokenText(i));
                    break;
                case TokenKind.Identifier or TokenKind.QuotedIdentifier when sign.Length == 0:
                    values.Add(IdentifierAt(i).Value);
                    break;
                default:
                    return default;
            }

            i++;
            if (i >= _end)
            {
                return values.ToImmutable();
            }

            if (_tokens[i].Kind != TokenKind.Comma)
            {
                return default;
            }

            i++;
        }
    }
}
