using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>UPDATE, DELETE and INSERT.</summary>
internal sealed partial class Parser
{
    private static readonly string[] SetValueStops = ["from", "where", "returning"];
    private static readonly string[] FromItemStops = ["where", "returning"];
    private static readonly string[] WhereStops = ["returning"];

    /// <summary>UPDATE [ONLY] t [*] [[AS] alias] SET ... [FROM ...] [WHERE ...] [RETURNING ...].</summary>
    private Statement ParseUpdate(int start)
    {
        _pos = start + 1;
        bool only = AcceptWord("only");
        QualifiedName table = ExpectQualifiedName("a table name", "after UPDATE");
        if (IsOperatorAt(_pos, "*"))
        {
            _pos++;
        }

        Identifier? alias = ParseAlias("set");
        if (!AcceptWord("set"))
        {
            throw Error($"expected SET after UPDATE {table.Key}, found {Found()}");
        }

        var set = default(SmallList<SetClause>);
        do
        {
            ImmutableArray<Identifier> columns;
            if (IsKind(TokenKind.LeftParen))
            {
                columns = ParseNameList("a column name", "in SET (...)");
            }
            else
            {
                columns = [ExpectName("a column name", set.Count == 0 ? "after SET" : "after \",\"")];
                SkipIndirection();
            }

            if (!IsOperatorAt(_pos, "="))
            {
                throw Error($"expected \"=\" after SET {(columns.Length == 1 ? columns[0].Quoted : "(...)")}, found {Found()}");
            }

            _pos++;
            set.Add(new SetClause(columns, ParseExpression("after \"=\"", stopAtComma: true, SetValueStops)));
        }
        while (Accept(TokenKind.Comma));

        ImmutableArray<FromItem> from = AcceptWord("from") ? ParseFromItems("after FROM") : [];
        SqlExpression? where = ParseWhere("UPDATE");
        string? returning = ParseReturning("UPDATE");
        return new UpdateStatement(Loc(start, _end), table, only, alias, set.ToImmutable(), from, where, returning);
    }

    /// <summary>DELETE FROM [ONLY] t [*] [[AS] alias] [USING ...] [WHERE ...] [RETURNING ...].</summary>
    private Statement ParseDelete(int start)
    {
        _pos = start + 1;
        ExpectWord("from", "after DELETE");
        bool only = AcceptWord("only");
        QualifiedName table = ExpectQualifiedName("a table name", "after DELETE FROM");
        if (IsOperatorAt(_pos, "*"))
        {
            _pos++;
        }

        Identifier? alias = ParseAlias("using");
        ImmutableArray<FromItem> usingItems = AcceptWord("using") ? ParseFromItems("after USING") : [];
        SqlExpression? where = ParseWhere("DELETE");
        string? returning = ParseReturning("DELETE");
        return new DeleteStatement(Loc(start, _end), table, only, alias, usingItems, where, returning);
    }

    /// <summary>INSERT INTO t [AS alias] [(cols)] [OVERRIDING ...] {SELECT|VALUES|DEFAULT VALUES|WITH|TABLE ...} [ON CONFLICT ...] [RETURNING ...].</summary>
    private Statement ParseInsert(int start)
    {
        _pos = start + 1;
        ExpectWord("into", "after INSERT");
        QualifiedName table = ExpectQualifiedName("a table name", "after INSERT INTO");
        Identifier? alias = AcceptWord("as") ? ExpectName("an alias", "after AS") : null;
        ImmutableArray<Identifier> columns = [];
        if (IsKind(TokenKind.LeftParen) && !IsQueryStart(_pos + 1))
        {
            columns = ParseNameList("a column name", "after the table name");
        }

        if (AcceptWord("overriding"))
        {
            if (!AcceptWord("system") && !AcceptWord("user"))
            {
                throw Error($"expected SYSTEM or USER after OVERRIDING, found {Found()}");
            }

            ExpectWord("value", "after OVERRIDING SYSTEM|USER");
        }

        int sourceStart = _pos;
        bool isSelect;
        if (IsWord("default") && IsWordAt(_pos + 1, "values"))
        {
            isSelect = false;
            _pos += 2;
        }
        else if (IsWord("values") || IsQueryStart(_pos))
        {
            isSelect = !IsWord("values");
            int depth = 0;
            while (!AtEnd)
            {
                Token token = _tokens[_pos];
                if (token.Kind is TokenKind.LeftParen or TokenKind.LeftBracket)
                {
                    depth++;
                }
                else if (token.Kind is TokenKind.RightParen or TokenKind.RightBracket)
                {
                    depth--;
                }
                else if (depth == 0 && ((IsWord(token, "on") && IsWordAt(_pos + 1, "conflict")) || IsWord(token, "returning")))
                {
                    break;
                }

                _pos++;
            }
        }
        else
        {
            throw Error($"expected VALUES, SELECT or DEFAULT VALUES after INSERT INTO {table.Key}, found {Found()}");
        }

        string source = TextOf(sourceStart, _pos);
        var simple = isSelect ? SimpleSelectOf(sourceStart, _pos) : null;
        string? onConflict = null;
        if (AcceptWords("on", "conflict"))
        {
            int s = _pos;
            while (!AtEnd && !IsWord("returning"))
            {
                _pos = KindAt(_pos) == TokenKind.LeftParen ? MatchingClose(_pos) + 1 : _pos + 1;
            }

            onConflict = TextOf(s, Math.Min(_pos, _end));
        }

        string? returning = ParseReturning("INSERT");
        return new InsertStatement(Loc(start, _end), table, alias, columns, source, isSelect, onConflict, returning) { Select = simple };
    }

    /// <summary>Top-level words after which a query is more than SELECT list FROM one table [WHERE ...].</summary>
    private static readonly HashSet<string> NotSimpleWords = new(StringComparer.Ordinal)
    {
        "join", "natural", "cross", "inner", "left", "right", "full", "lateral", "group", "having", "window", "order", "limit",
        "offset", "fetch", "for", "union", "intersect", "except", "into", "tablesample", "only",
    };

    /// <summary>
    /// The query between <paramref name="from"/> and <paramref name="to"/> (tokens) when it is <c>SELECT list FROM
    /// table [[AS] alias] [WHERE condition]</c> and nothing more: the form a batched copy can add a key range to.
    /// </summary>
    private SimpleSelect? SimpleSelectOf(int from, int to)
    {
        if (!IsWordAt(from, "select") || IsWordAt(from + 1, "distinct"))
        {
            return null;
        }

        int fromWord = -1;
        int whereWord = -1;
        for (int i = from + 1; i < to; i++)
        {
            var kind = KindAt(i);
            if (kind is TokenKind.LeftParen or TokenKind.LeftBracket)
            {
                i = MatchingClose(i);
                continue;
            }

            if (kind == TokenKind.Comma && fromWord >= 0 && whereWord < 0)
            {
                return null; // FROM a, b
            }

            if (_tokens[i].Kind != TokenKind.Identifier || _tokens[i].IsQuotedName)
            {
                continue;
            }

            string word = TokenText(i).ToLowerInvariant();
            if (NotSimpleWords.Contains(word) || word is "select" or "with")
            {
                return null;
            }

            if (word == "from" && fromWord < 0)
            {
                fromWord = i;
            }
            else if (word == "where" && fromWord >= 0 && whereWord < 0)
            {
                whereWord = i;
            }
        }

        if (fromWord < 0)
        {
            return null;
        }

        int save = _pos;
        try
        {
            _pos = fromWord + 1;
            var table = ExpectQualifiedName("a table name", "after FROM");
            Identifier? alias = AcceptWord("as") ? ExpectName("an alias", "after AS") : null;
            if (alias is null && _pos < to && _pos != whereWord && IsNameToken(_tokens[_pos]))
            {
                alias = IdentifierAt(_pos++);
            }

            if (_pos != (whereWord >= 0 ? whereWord : to) || whereWord == to - 1)
            {
                return null;
            }

            return new SimpleSelect(TextOf(from + 1, fromWord), table, alias, whereWord >= 0 ? TextOf(whereWord + 1, to) : null);
        }
        catch (SyntaxErrorException)
        {
            return null;
        }
        finally
        {
            _pos = save;
        }
    }

    private bool IsQueryStart(int index)
    {
        while (KindAt(index) == TokenKind.LeftParen)
        {
            index++;
        }

        return IsWordAt(index, "select") || IsWordAt(index, "with") || IsWordAt(index, "table") || IsWordAt(index, "values");
    }

    /// <summary>[AS] alias, where a bare alias may not be <paramref name="nextKeyword"/>.</summary>
    private Identifier? ParseAlias(string nextKeyword)
    {
        if (AcceptWord("as"))
        {
            return ExpectName("an alias", "after AS");
        }

        if (!AtEnd && IsNameToken(_tokens[_pos]) && !IsWord(nextKeyword) && !IsWord("where") && !IsWord("returning"))
        {
            return IdentifierAt(_pos++);
        }

        return null;
    }

    /// <summary>.field or [subscript] after a SET target column.</summary>
    private void SkipIndirection()
    {
        while (true)
        {
            if (IsKind(TokenKind.Dot))
            {
                _pos++;
                _ = ExpectAttributeName("a field name", "after \".\"");
            }
            else if (IsKind(TokenKind.LeftBracket))
            {
                _pos = Math.Min(MatchingClose(_pos) + 1, _end);
            }
            else
            {
                return;
            }
        }
    }

    private SqlExpression? ParseWhere(string statement)
    {
        if (!AcceptWord("where"))
        {
            return null;
        }

        if (IsWord("current") && IsWordAt(_pos + 1, "of"))
        {
            throw new NotAnalysedException($"{statement} ... WHERE CURRENT OF is not analysed");
        }

        SqlExpression where = ParseExpression("after WHERE", stopAtComma: false, WhereStops);
        if (!AtEnd && !IsWord("returning"))
        {
            throw Error($"expected RETURNING or end of statement after the WHERE condition, found {Found()}");
        }

        return where;
    }

    private string? ParseReturning(string statement)
    {
        if (AcceptWord("returning"))
        {
            if (AtEnd)
            {
                throw Error($"expected an output list after RETURNING, found {Found()}");
            }

            string text = TextOf(_pos, _end);
            _pos = _end;
            return text;
        }

        if (!AtEnd)
        {
            throw Error($"expected end of statement in {statement}, found {Found()}");
        }

        return null;
    }

    /// <summary>FROM / USING items up to WHERE, RETURNING or the end.</summary>
    private ImmutableArray<FromItem> ParseFromItems(string context)
    {
        var items = default(SmallList<FromItem>);
        do
        {
            int s = _pos;
            int e = ScanExpressionEnd(s, stopAtComma: true, FromItemStops);
            if (e == s)
            {
                throw Error($"expected a table or subquery {(items.Count == 0 ? context : "after \",\"")}, found {Found()}");
            }

            items.Add(AnalyzeFromItem(s, e));
            _pos = e;
        }
        while (Accept(TokenKind.Comma));
        return items.ToImmutable();
    }

    /// <summary>A plain <c>table [[AS] alias]</c> becomes a table item; anything else keeps its text (and alias when visible).</summary>
    private FromItem AnalyzeFromItem(int s, int e)
    {
        string text = TextOf(s, e);
        int j;
        QualifiedName? table = null;
        if (IsWord(_tokens[s], "only") && s + 1 < e)
        {
            s++;
        }

        if (IsNameToken(_tokens[s]))
        {
            j = SkipQualifiedNameTokens(s, e);
            int parts = (j - s + 1) / 2;
            if (parts > 3 || (j < e && _tokens[j].Kind == TokenKind.LeftParen))
            {
                return new FromItem(text, null, null);
            }

            table = parts == 1 ? new QualifiedName(null, IdentifierAt(j - 1)) : new QualifiedName(IdentifierAt(j - 3), IdentifierAt(j - 1));
        }
        else if (_tokens[s].Kind == TokenKind.LeftParen || IsWord(_tokens[s], "lateral"))
        {
            int open = _tokens[s].Kind == TokenKind.LeftParen ? s : s + 1;
            j = open < e && _tokens[open].Kind == TokenKind.LeftParen ? Math.Min(MatchingClose(open), e - 1) + 1 : e;
        }
        else
        {
            return new FromItem(text, null, null);
        }

        if (j < e && IsWord(_tokens[j], "as"))
        {
            j++;
        }

        Identifier? alias = null;
        if (j < e && IsNameToken(_tokens[j]))
        {
            alias = IdentifierAt(j++);
        }

        bool columnList = j < e && _tokens[j].Kind == TokenKind.LeftParen && MatchingClose(j) == e - 1;
        if (j == e || (table is null && columnList))
        {
            return new FromItem(text, columnList ? null : table, alias);
        }

        return new FromItem(text, null, null);
    }
}
