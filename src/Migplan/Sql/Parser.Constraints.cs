using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>Table constraints (CREATE TABLE and ALTER TABLE ADD) and REFERENCES clauses.</summary>
internal sealed partial class Parser
{
    /// <summary>[CONSTRAINT name] {CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY | EXCLUDE} ... [attributes] [NOT VALID].</summary>
    private TableConstraint ParseTableConstraint()
    {
        int start = _pos;
        Identifier? name = null;
        if (AcceptWord("constraint"))
        {
            name = ExpectName("a constraint name", "after CONSTRAINT");
        }

        int kindToken = _pos;
        if (AcceptWord("check"))
        {
            SqlExpression expression = ParseParenthesizedExpression("after CHECK");
            (bool notValid, bool noInherit) = ParseConstraintTail();
            return new CheckConstraint(name, expression, notValid, noInherit, TextOf(start, _pos));
        }

        if (AcceptWord("unique") || (AcceptWord("primary") && ExpectKey()))
        {
            bool unique = IsWord(_tokens[kindToken], "unique");
            string kind = unique ? "UNIQUE" : "PRIMARY KEY";
            bool nullsNotDistinct = unique && AcceptNullsDistinct();
            Identifier? usingIndex = null;
            ImmutableArray<Identifier> columns = [];
            ImmutableArray<SourceLocation> locations = [];
            (ImmutableArray<Identifier> Names, ImmutableArray<SourceLocation> Locations) include = ([], []);
            if (AcceptWords("using", "index"))
            {
                usingIndex = ExpectName("an index name", $"after {kind} USING INDEX");
            }
            else
            {
                (columns, locations) = ParseLocatedNameList("a column name", "after " + kind);
                include = SkipIndexParameters();
            }

            int tail = _pos;
            (bool notValid, _) = ParseConstraintTail();
            if (notValid)
            {
                throw ErrorAt(_pos - 1, $"{kind} constraints cannot be marked NOT VALID");
            }

            string text = TextOf(start, _pos);
            TableConstraint key = unique
                ? new UniqueConstraint(name, columns, usingIndex, nullsNotDistinct, text)
                : new PrimaryKeyConstraint(name, columns, usingIndex, text);
            return key with
            {
                ColumnLocations = locations, Include = include.Names, IncludeLocations = include.Locations,
                Attributes = _pos > tail ? TextOf(tail, _pos) : null,
            };
        }

        if (AcceptWord("foreign"))
        {
            ExpectWord("key", "after FOREIGN");
            (ImmutableArray<Identifier> columns, ImmutableArray<SourceLocation> locations) = ParseLocatedNameList("a column name", "after FOREIGN KEY");
            if (!IsWord("references"))
            {
                throw Error($"expected REFERENCES after FOREIGN KEY (...), found {Found()}");
            }

            ForeignKeyReference reference = ParseReference();
            (bool notValid, _) = ParseConstraintTail();
            return new ForeignKeyConstraint(name, columns, reference, notValid, TextOf(start, _pos)) { ColumnLocations = locations };
        }

        if (AcceptWord("exclude"))
        {
            if (AcceptWord("using"))
            {
                _ = ExpectName("an index method", "after EXCLUDE USING");
            }

            ImmutableArray<string> elementNames = ExcludeElementNames(_pos);
            SkipParenthesized("after EXCLUDE");
            var include = SkipIndexParameters();
            if (AcceptWord("where"))
            {
                _ = ParseParenthesizedExpression("after EXCLUDE ... WHERE");
            }

            _ = ParseConstraintTail();
            return new ExcludeConstraint(name, TextOf(start, _pos)) { ElementNames = elementNames, Include = include.Names, IncludeLocations = include.Locations };
        }

        throw Error($"expected CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY or EXCLUDE {(name is null ? "in table constraint" : "after CONSTRAINT " + name.Quoted)}, found {Found()}");
    }

    /// <summary>The index column name of each <c>element WITH operator</c> of the EXCLUDE list opening at <paramref name="open"/>.</summary>
    private ImmutableArray<string> ExcludeElementNames(int open)
    {
        if (!IsKind(TokenKind.LeftParen) || MatchingClose(open) is var close && close >= _end)
        {
            return [];
        }

        var names = ImmutableArray.CreateBuilder<string>();
        int elementStart = open + 1;
        int depth = 0;
        int with = -1;
        for (int i = open + 1; i <= close; i++)
        {
            TokenKind kind = _tokens[i].Kind;
            if (i == close || (depth == 0 && kind == TokenKind.Comma))
            {
                names.Add(ElementName(elementStart, with < 0 ? i : with) ?? "expr");
                elementStart = i + 1;
                with = -1;
                continue;
            }

            depth += kind is TokenKind.LeftParen or TokenKind.LeftBracket ? 1 : kind is TokenKind.RightParen or TokenKind.RightBracket ? -1 : 0;
            if (depth == 0 && with < 0 && IsWord(_tokens[i], "with"))
            {
                with = i;
            }
        }

        return names.ToImmutable();
    }

    /// <summary>column [opclass] | (expression) [opclass] | function(...) [opclass], as in an index element.</summary>
    private string? ElementName(int start, int end)
    {
        if (start >= end)
        {
            return null;
        }

        if (_tokens[start].Kind == TokenKind.LeftParen)
        {
            return FigureColumnName(start + 1, MatchingClose(start));
        }

        int nameEnd = SkipQualifiedNameTokens(start, end);
        if (nameEnd == start + 1 && IsNameToken(_tokens[start]) && KindAt(nameEnd) != TokenKind.LeftParen)
        {
            return IdentifierAt(start).Value; // a column, maybe followed by an operator class or COLLATE
        }

        return nameEnd < end && _tokens[nameEnd].Kind == TokenKind.LeftParen ? FigureColumnName(start, MatchingClose(nameEnd) + 1) : null;
    }

    private bool ExpectKey()
    {
        ExpectWord("key", "after PRIMARY");
        return true;
    }

    /// <summary>Constraint attributes in any order: DEFERRABLE, INITIALLY ..., NOT VALID, NO INHERIT, [NOT] ENFORCED.</summary>
    private (bool NotValid, bool NoInherit) ParseConstraintTail()
    {
        bool notValid = false, noInherit = false;
        while (true)
        {
            if (AcceptWords("not", "valid"))
            {
                notValid = true;
            }
            else if (AcceptWords("no", "inherit"))
            {
                noInherit = true;
            }
            else if (!ParseConstraintAttribute())
            {
                return (notValid, noInherit);
            }
        }
    }

    /// <summary>NULLS [NOT] DISTINCT; true for NULLS NOT DISTINCT.</summary>
    private bool AcceptNullsDistinct()
    {
        if (!AcceptWord("nulls"))
        {
            return false;
        }

        bool not = AcceptWord("not");
        ExpectWord("distinct", not ? "after NULLS NOT" : "after NULLS");
        return not;
    }

    /// <summary>Index parameters of UNIQUE / PRIMARY KEY / EXCLUDE: INCLUDE (...), WITH (...), USING INDEX TABLESPACE x; returns the INCLUDE columns.</summary>
    private (ImmutableArray<Identifier> Names, ImmutableArray<SourceLocation> Locations) SkipIndexParameters()
    {
        (ImmutableArray<Identifier> Names, ImmutableArray<SourceLocation> Locations) include = ([], []);
        while (true)
        {
            if (AcceptWord("include"))
            {
                include = ParseLocatedNameList("a column name", "after INCLUDE");
            }
            else if (IsWord("with") && Peek(1).Kind == TokenKind.LeftParen)
            {
                _pos++;
                SkipParenthesized("after WITH");
            }
            else if (IsWord("using") && IsWordAt(_pos + 1, "index") && IsWordAt(_pos + 2, "tablespace"))
            {
                _pos += 3;
                _ = ExpectName("a tablespace name", "after USING INDEX TABLESPACE");
            }
            else
            {
                return include;
            }
        }
    }

    /// <summary>REFERENCES table [(columns)] [MATCH FULL|PARTIAL|SIMPLE] [ON DELETE action] [ON UPDATE action].</summary>
    private ForeignKeyReference ParseReference()
    {
        int start = _pos;
        ExpectWord("references", "in foreign key");
        QualifiedName table = ExpectQualifiedName("a table name", "after REFERENCES");
        (ImmutableArray<Identifier> columns, ImmutableArray<SourceLocation> locations) = IsKind(TokenKind.LeftParen) ? ParseLocatedNameList("a column name", "after REFERENCES " + table.Key) : ([], []);
        var onDelete = ReferentialAction.NoAction;
        var onUpdate = ReferentialAction.NoAction;
        while (true)
        {
            if (AcceptWord("match"))
            {
                if (!AcceptWord("full") && !AcceptWord("partial") && !AcceptWord("simple"))
                {
                    throw Error($"expected FULL, PARTIAL or SIMPLE after MATCH, found {Found()}");
                }
            }
            else if (IsWord("on") && (IsWordAt(_pos + 1, "delete") || IsWordAt(_pos + 1, "update")))
            {
                bool delete = IsWordAt(_pos + 1, "delete");
                _pos += 2;
                ReferentialAction action = ParseReferentialAction(delete ? "after ON DELETE" : "after ON UPDATE");
                if (delete)
                {
                    onDelete = action;
                }
                else
                {
                    onUpdate = action;
                }
            }
            else
            {
                break;
            }
        }

        return new ForeignKeyReference(table, columns, onDelete, onUpdate, TextOf(start, _pos)) { ColumnLocations = locations };
    }

    private ReferentialAction ParseReferentialAction(string context)
    {
        if (AcceptWords("no", "action"))
        {
            return ReferentialAction.NoAction;
        }

        if (AcceptWord("restrict"))
        {
            return ReferentialAction.Restrict;
        }

        if (AcceptWord("cascade"))
        {
            return ReferentialAction.Cascade;
        }

        ReferentialAction? result = AcceptWords("set", "null") ? ReferentialAction.SetNull
            : AcceptWords("set", "default") ? ReferentialAction.SetDefault
            : null;
        if (result is null)
        {
            throw Error($"expected NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT {context}, found {Found()}");
        }

        if (IsKind(TokenKind.LeftParen))
        {
            _ = ParseNameList("a column name", context);
        }

        return result.Value;
    }
}
