using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>CREATE TABLE, column definitions and column constraints.</summary>
internal sealed partial class Parser
{
    /// <summary>CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE ...; the cursor is on TABLE.</summary>
    private Statement ParseCreateTable(int start, bool temporary, bool unlogged)
    {
        _pos++;
        bool ifNotExists = AcceptIfNotExists();
        QualifiedName name = ExpectQualifiedName("a table name", ifNotExists ? "after CREATE TABLE IF NOT EXISTS" : "after CREATE TABLE");
        if (HasTopLevelWord(_pos, "as") || HasTopLevelWord(_pos, "execute"))
        {
            throw new NotAnalysedException("CREATE TABLE ... AS is not analysed") { Creates = new CreatedRelation(name, false, ifNotExists, temporary) };
        }

        if (IsWord("of"))
        {
            throw new NotAnalysedException("CREATE TABLE ... OF type is not analysed");
        }

        var columns = default(SmallList<ColumnDefinition>);
        var constraints = default(SmallList<TableConstraint>);
        QualifiedName? partitionOf = null;
        string? bound = null;
        if (AcceptWords("partition", "of"))
        {
            partitionOf = ExpectQualifiedName("a parent table name", "after PARTITION OF");
            if (IsKind(TokenKind.LeftParen))
            {
                ParseTableElements(ref columns, ref constraints, partition: true);
            }

            bound = ParsePartitionBound("after PARTITION OF " + partitionOf.Key);
        }
        else if (IsKind(TokenKind.LeftParen))
        {
            ParseTableElements(ref columns, ref constraints, partition: false);
        }
        else
        {
            throw Error($"expected \"(\" after CREATE TABLE {name.Key}, found {Found()}");
        }

        string? partitionBy = null;
        var inherits = default(SmallList<QualifiedName>);
        while (!AtEnd)
        {
            if (AcceptWord("inherits"))
            {
                Expect(TokenKind.LeftParen, "after INHERITS");
                do
                {
                    inherits.Add(ExpectQualifiedName("a parent table name", "in INHERITS"));
                }
                while (Accept(TokenKind.Comma));
                Expect(TokenKind.RightParen, "after INHERITS parent tables");
            }
            else if (AcceptWords("partition", "by"))
            {
                int s = _pos;
                _ = ExpectName("RANGE, LIST or HASH", "after PARTITION BY");
                SkipParenthesized("after PARTITION BY " + TokenText(s).ToUpperInvariant());
                partitionBy = TextOf(s, _pos);
            }
            else if (AcceptWord("using"))
            {
                _ = ExpectName("an access method", "after USING");
            }
            else if (AcceptWord("with"))
            {
                SkipParenthesized("after WITH");
            }
            else if (AcceptWords("without", "oids"))
            {
            }
            else if (AcceptWords("on", "commit"))
            {
                if (!AcceptWord("drop") && !AcceptWords("preserve", "rows") && !AcceptWords("delete", "rows"))
                {
                    throw Error($"expected PRESERVE ROWS, DELETE ROWS or DROP after ON COMMIT, found {Found()}");
                }
            }
            else if (AcceptWord("tablespace"))
            {
                _ = ExpectName("a tablespace name", "after TABLESPACE");
            }
            else
            {
                throw Error($"expected end of CREATE TABLE {name.Key}, found {Found()}");
            }
        }

        return new CreateTableStatement(
            Loc(start, _end), name, ifNotExists, unlogged, temporary, columns.ToImmutable(), constraints.ToImmutable(),
            partitionBy, partitionOf, bound, inherits.ToImmutable());
    }

    /// <summary>True when the unquoted word occurs at bracket depth 0 from <paramref name="from"/> to the end of the statement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HasTopLevelWord(int from, string word)
    {
        int depth = 0;
        for (int i = from; i < _end; i++)
        {
            Token token = _tokens[i];
            if (token.Kind is TokenKind.LeftParen or TokenKind.LeftBracket)
            {
                depth++;
            }
            else if (token.Kind is TokenKind.RightParen or TokenKind.RightBracket)
            {
                depth--;
            }
            else if (depth == 0 && IsWord(token, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>( column definitions and table constraints ).</summary>
    private void ParseTableElements(ref SmallList<ColumnDefinition> columns, ref SmallList<TableConstraint> constraints, bool partition)
    {
        Expect(TokenKind.LeftParen, "after table name");
        if (Accept(TokenKind.RightParen))
        {
            return;
        }

        while (true)
        {
            int elementStart = _pos;
            bool isColumn = false;
            if (IsTableConstraintStart())
            {
                TableConstraint constraint = ParseTableConstraint();
                constraints.Add(constraint);
            }
            else if (IsWord("like"))
            {
                throw new NotAnalysedException("CREATE TABLE ... (LIKE ...) is not analysed");
            }
            else if (partition)
            {
                // Column options of a partition: name [WITH OPTIONS] constraints; the type comes from the parent.
                _ = ExpectName("a column name", "in PARTITION OF column list");
                _ = AcceptWords("with", "options");
                _ = ParseColumnConstraints(elementStart, out _);
                isColumn = true;
            }
            else
            {
                columns.Add(ParseColumnDefinition(_tokens[_pos - 1].Kind == TokenKind.Comma ? "after \",\"" : "after \"(\""));
                isColumn = true;
            }

            if (Accept(TokenKind.RightParen))
            {
                return;
            }

            if (!Accept(TokenKind.Comma))
            {
                throw Error($"expected \",\" or \")\" after {(isColumn ? $"column \"{TokenText(elementStart)}\"" : "table constraint")}, found {Found()}");
            }
        }
    }

    private bool IsTableConstraintStart() =>
        IsWord("constraint") || IsWord("check") || IsWord("unique") || IsWord("primary") || IsWord("foreign")
        || (IsWord("exclude") && (Peek(1).Kind == TokenKind.LeftParen || IsWordAt(_pos + 1, "using")));

    /// <summary>name type [COLLATE x] [column constraints ...].</summary>
    private ColumnDefinition ParseColumnDefinition(string context)
    {
        int nameToken = _pos;
        Identifier name = ExpectName("a column name", context);
        TypeName type = ParseTypeName("a column type", "after \"{0}\"", nameToken);
        ImmutableArray<ColumnConstraint> constraints = ParseColumnConstraints(nameToken, out string? collation);
        return new ColumnDefinition(name, type, constraints, collation) { Location = Loc(nameToken, _pos) };
    }

    /// <summary>Column constraints up to "," or ")" or the end of the statement.</summary>
    private ImmutableArray<ColumnConstraint> ParseColumnConstraints(int nameToken, out string? collation)
    {
        collation = null;
        var constraints = default(SmallList<ColumnConstraint>);
        while (!AtEnd && !IsKind(TokenKind.Comma) && !IsKind(TokenKind.RightParen))
        {
            Identifier? name = null;
            if (AcceptWord("constraint"))
            {
                name = ExpectName("a constraint name", "after CONSTRAINT");
            }

            int at = _pos;
            ColumnConstraint? constraint = ParseColumnConstraint(name, nameToken, ref collation);
            if (constraint is not null)
            {
                constraints.Add(constraint);
            }
            else if (name is null && constraints.Count > 0 && (IsWordAt(at, "deferrable") || IsWordAt(at, "initially") || IsWordAt(at, "not")))
            {
                // DEFERRABLE / INITIALLY ... belong to the key just before them: keep them with it.
                string attributes = TextOf(at, _pos);
                switch (constraints.Last)
                {
                    case ReferencesColumnConstraint r:
                        constraints.SetLast(r with { Reference = r.Reference with { Text = r.Reference.Text + " " + attributes } });
                        break;
                    case UniqueColumnConstraint u:
                        constraints.SetLast(u with { Attributes = u.Attributes is null ? attributes : u.Attributes + " " + attributes });
                        break;
                    case PrimaryKeyColumnConstraint p:
                        constraints.SetLast(p with { Attributes = p.Attributes is null ? attributes : p.Attributes + " " + attributes });
                        break;
                }
            }
            else if (name is not null)
            {
                throw Error($"expected a constraint after CONSTRAINT {name.Quoted}, found {Found()}");
            }
        }

        return constraints.ToImmutable();
    }

    /// <summary>One column constraint or attribute (COLLATE, COMPRESSION, STORAGE, DEFERRABLE, ...); null for attributes.</summary>
    private ColumnConstraint? ParseColumnConstraint(Identifier? name, int nameToken, ref string? collation)
    {
        if (AcceptWords("not", "null"))
        {
            _ = AcceptWords("no", "inherit");
            return new NotNullColumnConstraint(name);
        }

        if (AcceptWord("null"))
        {
            return new NullColumnConstraint(name);
        }

        if (AcceptWord("default"))
        {
            return new DefaultColumnConstraint(name, ParseExpression("after DEFAULT", stopAtComma: true, DefaultStops));
        }

        if (AcceptWord("check"))
        {
            SqlExpression check = ParseParenthesizedExpression("after CHECK");
            return new CheckColumnConstraint(name, check, AcceptWords("no", "inherit"));
        }

        if (AcceptWord("primary"))
        {
            ExpectWord("key", "after PRIMARY");
            SkipIndexParameters();
            return new PrimaryKeyColumnConstraint(name);
        }

        if (AcceptWord("unique"))
        {
            bool nullsNotDistinct = AcceptNullsDistinct();
            SkipIndexParameters();
            return new UniqueColumnConstraint(name) { NullsNotDistinct = nullsNotDistinct };
        }

        if (IsWord("references"))
        {
            return new ReferencesColumnConstraint(name, ParseReference());
        }

        if (AcceptWord("generated"))
        {
            return ParseGenerated(name);
        }

        if (name is null && ParseConstraintAttribute())
        {
            return null;
        }

        if (name is null && AcceptWord("collate"))
        {
            int s = _pos;
            _ = ExpectQualifiedName("a collation name", "after COLLATE");
            collation = TextOf(s, _pos);
            return null;
        }

        if (name is null && (AcceptWord("compression") || AcceptWord("storage")))
        {
            if (!AcceptWord("default"))
            {
                _ = ExpectName("a name", $"after {TokenText(_pos - 1).ToUpperInvariant()}");
            }

            return null;
        }

        if (name is null)
        {
            throw Error($"expected a column constraint, \",\" or \")\" after column \"{TokenText(nameToken)}\", found {Found()}");
        }

        return null;
    }

    /// <summary>GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options)] | GENERATED ALWAYS AS (expr) [STORED|VIRTUAL].</summary>
    private ColumnConstraint ParseGenerated(Identifier? name)
    {
        bool always = AcceptWord("always");
        if (!always && !AcceptWords("by", "default"))
        {
            throw Error($"expected ALWAYS or BY DEFAULT after GENERATED, found {Found()}");
        }

        ExpectWord("as", always ? "after GENERATED ALWAYS" : "after GENERATED BY DEFAULT");
        if (AcceptWord("identity"))
        {
            string? options = IsKind(TokenKind.LeftParen) ? SkipParenthesized("after AS IDENTITY") : null;
            return new IdentityColumnConstraint(name, always, options);
        }

        if (!always)
        {
            throw Error($"expected IDENTITY after GENERATED BY DEFAULT AS, found {Found()}");
        }

        if (!IsKind(TokenKind.LeftParen))
        {
            throw Error($"expected IDENTITY or \"(\" after GENERATED ALWAYS AS, found {Found()}");
        }

        SqlExpression expression = ParseParenthesizedExpression("after GENERATED ALWAYS AS");
        _ = AcceptWord("stored") || AcceptWord("virtual");
        return new GeneratedColumnConstraint(name, expression);
    }

    /// <summary>DEFERRABLE, NOT DEFERRABLE, INITIALLY DEFERRED|IMMEDIATE, ENFORCED, NOT ENFORCED.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ParseConstraintAttribute()
    {
        if (AcceptWord("deferrable") || AcceptWords("not", "deferrable") || AcceptWord("enforced") || AcceptWords("not", "enforced"))
        {
            return true;
        }

        if (AcceptWord("initially"))
        {
            if (!AcceptWord("deferred") && !AcceptWord("immediate"))
            {
                throw Error($"expected DEFERRED or IMMEDIATE after INITIALLY, found {Found()}");
            }

            return true;
        }

        return false;
    }

    /// <summary>FOR VALUES {IN (...) | FROM (...) TO (...) | WITH (...)} | DEFAULT, as text.</summary>
    private string ParsePartitionBound(string context)
    {
        int s = _pos;
        if (AcceptWord("default"))
        {
            return TextOf(s, _pos);
        }

        if (!AcceptWords("for", "values"))
        {
            throw Error($"expected FOR VALUES or DEFAULT {context}, found {Found()}");
        }

        if (AcceptWord("in") || AcceptWord("with"))
        {
            SkipParenthesized($"after FOR VALUES {TokenText(_pos - 1).ToUpperInvariant()}");
        }
        else if (AcceptWord("from"))
        {
            SkipParenthesized("after FOR VALUES FROM");
            ExpectWord("to", "after FOR VALUES FROM (...)");
            SkipParenthesized("after FOR VALUES FROM (...) TO");
        }
        else
        {
            throw Error($"expected IN, FROM or WITH after FOR VALUES, found {Found()}");
        }

        return TextOf(s, _pos);
    }
}
