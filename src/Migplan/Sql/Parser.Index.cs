using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>CREATE INDEX, DROP TABLE / DROP INDEX and TRUNCATE.</summary>
internal sealed partial class Parser
{
    /// <summary>CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method] (elements) ...</summary>
    private Statement ParseCreateIndex(int start)
    {
        _pos = start + 1;
        bool unique = AcceptWord("unique");
        ExpectWord("index", "after CREATE UNIQUE");
        bool concurrently = AcceptWord("concurrently");
        bool ifNotExists = AcceptIfNotExists();
        Identifier? name = null;
        if (ifNotExists || !IsWord("on"))
        {
            name = ExpectName("an index name", ifNotExists ? "after IF NOT EXISTS" : "after CREATE INDEX");
        }

        if (!AcceptWord("on"))
        {
            throw Error($"expected ON after CREATE INDEX{(name is null ? string.Empty : " " + name.Quoted)}, found {Found()}");
        }

        bool only = AcceptWord("only");
        int tableStart = _pos;
        QualifiedName table = ExpectQualifiedName("a table name", "after CREATE INDEX ... ON");
        string? method = null;
        if (AcceptWord("using"))
        {
            method = ExpectName("an index method", "after USING").Value;
        }

        if (!IsKind(TokenKind.LeftParen))
        {
            string context = method is null ? $"after CREATE INDEX ... ON {TextOf(tableStart, _pos)}" : $"after CREATE INDEX ... USING {method}";
            throw Error($"expected \"(\" {context}, found {Found()}");
        }

        _pos++;
        var elements = default(SmallList<IndexElement>);
        do
        {
            elements.Add(ParseIndexElement());
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "after the index elements");

        ImmutableArray<Identifier> include = [];
        ImmutableArray<SourceLocation> includeLocations = [];
        string? with = null, tablespace = null;
        SqlExpression? where = null;
        bool nullsNotDistinct = false;
        while (!AtEnd)
        {
            if (AcceptWord("include"))
            {
                (include, includeLocations) = ParseLocatedNameList("a column name", "after INCLUDE");
            }
            else if (AcceptWord("nulls"))
            {
                nullsNotDistinct = AcceptWord("not");
                ExpectWord("distinct", "after NULLS [NOT]");
            }
            else if (AcceptWord("with"))
            {
                with = SkipParenthesized("after WITH");
            }
            else if (AcceptWord("tablespace"))
            {
                tablespace = ExpectName("a tablespace name", "after TABLESPACE").Value;
            }
            else if (AcceptWord("where"))
            {
                where = ParseExpression("after WHERE", stopAtComma: false, NoStops);
            }
            else
            {
                throw Error($"expected INCLUDE, WITH, TABLESPACE, WHERE or end of statement after CREATE INDEX ... ({elements.Count} element{(elements.Count == 1 ? string.Empty : "s")}), found {Found()}");
            }
        }

        return new CreateIndexStatement(
            Loc(start, _end), name, table, unique, concurrently, ifNotExists, only, method, elements.ToImmutable(),
            include, with, tablespace, where) { IncludeLocations = includeLocations, NullsNotDistinct = nullsNotDistinct };
    }

    /// <summary>column | (expression) | function(...), then [COLLATE x] [opclass [(params)]] [ASC|DESC] [NULLS FIRST|LAST].</summary>
    private IndexElement ParseIndexElement()
    {
        int s = _pos;
        Identifier? column = null;
        SqlExpression? expression = null;
        string? expressionName = null;
        if (IsKind(TokenKind.LeftParen))
        {
            expression = ParseParenthesizedExpression("in index element");
            expressionName = FigureColumnName(s + 1, _pos - 1);
        }
        else if (!AtEnd && _tokens[_pos].IsName)
        {
            int nameEnd = SkipQualifiedNameTokens(_pos, _end);
            if (KindAt(nameEnd) == TokenKind.LeftParen)
            {
                int close = MatchingClose(nameEnd);
                if (close >= _end)
                {
                    _pos = _end;
                    throw Error($"expected \")\" to close the function call in index element, found {Found()}");
                }

                expression = BuildExpression(s, close + 1);
                expressionName = FigureColumnName(s, close + 1);
                _pos = close + 1;
            }
            else if (nameEnd == _pos + 1 && IsNameToken(_tokens[_pos]))
            {
                column = IdentifierAt(_pos++);
            }
        }

        if (column is null && expression is null)
        {
            throw Error($"expected a column, a function call or \"(\" expression in index element, found {Found()}");
        }

        int depth = 0;
        while (!AtEnd)
        {
            TokenKind kind = _tokens[_pos].Kind;
            if (depth == 0 && kind is TokenKind.Comma or TokenKind.RightParen)
            {
                break;
            }

            depth += kind is TokenKind.LeftParen ? 1 : kind is TokenKind.RightParen ? -1 : 0;
            _pos++;
        }

        return new IndexElement(TextOf(s, _pos), column, expression) { Location = Loc(s, _pos), ExpressionName = expressionName };
    }

    /// <summary>DROP TABLE [IF EXISTS] n[, ...] [CASCADE|RESTRICT] and DROP INDEX [CONCURRENTLY] [IF EXISTS] n[, ...] [CASCADE|RESTRICT].</summary>
    private Statement ParseDrop(int start)
    {
        _pos = start + 1;
        bool index = AcceptWord("index");
        if (!index)
        {
            _pos++;
        }

        string kind = index ? "DROP INDEX" : "DROP TABLE";
        bool concurrently = index && AcceptWord("concurrently");
        bool ifExists = AcceptIfExists();
        var names = default(SmallList<QualifiedName>);
        do
        {
            names.Add(ExpectQualifiedName(index ? "an index name" : "a table name", names.Count == 0 ? "after " + kind : "after \",\""));
        }
        while (Accept(TokenKind.Comma));
        bool cascade = AcceptDropBehavior();
        if (!AtEnd)
        {
            throw Error($"expected end of statement after {kind} {names.Last.Key}, found {Found()}");
        }

        return index
            ? new DropIndexStatement(Loc(start, _end), names.ToImmutable(), ifExists, concurrently, cascade)
            : new DropTableStatement(Loc(start, _end), names.ToImmutable(), ifExists, cascade);
    }

    /// <summary>TRUNCATE [TABLE] [ONLY] n [*][, ...] [RESTART IDENTITY|CONTINUE IDENTITY] [CASCADE|RESTRICT].</summary>
    private Statement ParseTruncate(int start)
    {
        _pos = start + 1;
        _ = AcceptWord("table");
        var tables = default(SmallList<QualifiedName>);
        do
        {
            _ = AcceptWord("only");
            tables.Add(ExpectQualifiedName("a table name", tables.Count == 0 ? "after TRUNCATE" : "after \",\""));
            if (IsOperatorAt(_pos, "*"))
            {
                _pos++;
            }
        }
        while (Accept(TokenKind.Comma));

        bool restart = false, cascade = false;
        while (!AtEnd)
        {
            if (AcceptWords("restart", "identity"))
            {
                restart = true;
            }
            else if (AcceptWords("continue", "identity"))
            {
                restart = false;
            }
            else if (AcceptWord("cascade"))
            {
                cascade = true;
            }
            else if (!AcceptWord("restrict"))
            {
                throw Error($"expected RESTART IDENTITY, CONTINUE IDENTITY, CASCADE, RESTRICT or end of statement after TRUNCATE {tables.Last.Key}, found {Found()}");
            }
        }

        return new TruncateStatement(Loc(start, _end), tables.ToImmutable(), cascade, restart);
    }
}
