using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>CREATE TYPE, ALTER TYPE ... ADD VALUE and CREATE SEQUENCE.</summary>
internal sealed partial class Parser
{
    /// <summary>CREATE TYPE n AS ENUM (...) | AS (composite) | AS RANGE (...) | other forms.</summary>
    private Statement ParseCreateType(int start)
    {
        _pos = start + 2;
        QualifiedName name = ExpectQualifiedName("a type name", "after CREATE TYPE");
        CreateTypeKind kind = CreateTypeKind.Other;
        ImmutableArray<string> labels = [];
        if (AcceptWord("as"))
        {
            if (AcceptWord("enum"))
            {
                kind = CreateTypeKind.Enum;
                labels = ParseEnumLabels(name);
            }
            else if (AcceptWord("range"))
            {
                kind = CreateTypeKind.Range;
                SkipParenthesized($"after CREATE TYPE {name.Key} AS RANGE");
            }
            else if (Accept(TokenKind.LeftParen))
            {
                kind = CreateTypeKind.Composite;
                if (!Accept(TokenKind.RightParen))
                {
                    do
                    {
                        int attribute = _pos;
                        _ = ExpectName("an attribute name", $"in CREATE TYPE {name.Key} AS (...)");
                        _ = ParseTypeName("an attribute type", $"after \"{TokenText(attribute)}\"");
                        if (AcceptWord("collate"))
                        {
                            _ = ExpectQualifiedName("a collation name", "after COLLATE");
                        }
                    }
                    while (Accept(TokenKind.Comma));
                    Expect(TokenKind.RightParen, $"after the attributes of CREATE TYPE {name.Key}");
                }
            }
            else
            {
                throw Error($"expected ENUM, RANGE or \"(\" after CREATE TYPE {name.Key} AS, found {Found()}");
            }
        }
        else if (IsKind(TokenKind.LeftParen))
        {
            SkipParenthesized($"after CREATE TYPE {name.Key}");
        }

        ExpectEnd($"after CREATE TYPE {name.Key}");
        return new CreateTypeStatement(Loc(start, _end), name, kind, labels);
    }

    private ImmutableArray<string> ParseEnumLabels(QualifiedName name)
    {
        Expect(TokenKind.LeftParen, $"after CREATE TYPE {name.Key} AS ENUM");
        var labels = default(SmallList<string>);
        if (Accept(TokenKind.RightParen))
        {
            return labels.ToImmutable();
        }

        do
        {
            if (AtEnd || !_tokens[_pos].IsString)
            {
                throw Error($"expected a string label in CREATE TYPE {name.Key} AS ENUM, found {Found()}");
            }

            labels.Add(Lexer.StringValue(_text, _tokens[_pos++]));
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "after the enum labels");
        return labels.ToImmutable();
    }

    /// <summary>LOCK [TABLE] [ONLY] name [*] [, ...] [IN lockmode MODE] [NOWAIT].</summary>
    private Statement ParseLock(int start)
    {
        _pos = start + 1;
        _ = AcceptWord("table");
        var tables = default(SmallList<QualifiedName>);
        do
        {
            _ = AcceptWord("only");
            tables.Add(ExpectQualifiedName("a table name", "after LOCK TABLE"));
            if (IsOperatorAt(_pos, "*"))
            {
                _pos++;
            }
        }
        while (Accept(TokenKind.Comma));

        string mode = "ACCESS EXCLUSIVE";
        if (AcceptWord("in"))
        {
            int m = _pos;
            while (!AtEnd && !IsWord("mode"))
            {
                _pos++;
            }

            string words = TextOf(m, _pos).ToUpperInvariant();
            if (words is not ("ACCESS SHARE" or "ROW SHARE" or "ROW EXCLUSIVE" or "SHARE UPDATE EXCLUSIVE" or "SHARE" or "SHARE ROW EXCLUSIVE" or "EXCLUSIVE" or "ACCESS EXCLUSIVE"))
            {
                _pos = m;
                throw Error($"expected a lock mode (ACCESS SHARE ... ACCESS EXCLUSIVE) after LOCK TABLE ... IN, found {Found()}");
            }

            ExpectWord("mode", "after the lock mode");
            mode = words;
        }

        _ = AcceptWord("nowait");
        if (!AtEnd)
        {
            throw Error($"expected end of statement after LOCK TABLE, found {Found()}");
        }

        return new LockTableStatement(Loc(start, _end), tables.ToImmutable(), mode);
    }

    /// <summary>DROP MATERIALIZED VIEW [IF EXISTS] a, b [CASCADE|RESTRICT]: carried, and the views leave the schema model.</summary>
    private Statement ParseDropMaterializedView(int start)
    {
        _pos = start + 3;
        _ = AcceptIfExists();
        var names = default(SmallList<QualifiedName>);
        do
        {
            names.Add(ExpectQualifiedName("a materialized view name", "after DROP MATERIALIZED VIEW"));
        }
        while (Accept(TokenKind.Comma));
        _ = AcceptDropBehavior();
        if (!AtEnd)
        {
            throw Error($"expected end of statement after DROP MATERIALIZED VIEW, found {Found()}");
        }

        _pos = start;
        return Opaque("DROP MATERIALIZED VIEW is not analysed") with { DropsMaterializedViews = names.ToImmutable() };
    }

    /// <summary>ALTER INDEX [IF EXISTS] n RENAME TO m; other ALTER INDEX forms are opaque.</summary>
    private Statement ParseAlterIndex(int start)
    {
        _pos = start + 2;
        if (IsWord("all") && IsWordAt(_pos + 1, "in"))
        {
            throw new NotAnalysedException("ALTER INDEX ALL IN TABLESPACE is not analysed");
        }

        bool ifExists = AcceptIfExists();
        QualifiedName index = ExpectQualifiedName("an index name", ifExists ? "after ALTER INDEX IF EXISTS" : "after ALTER INDEX");
        if (!AcceptWords("rename", "to"))
        {
            bool valid = IsWord("set") || IsWord("reset") || IsWord("attach") || IsWord("alter") || IsWord("depends") || IsWord("no");
            return valid
                ? throw new NotAnalysedException($"ALTER INDEX ... {SubcommandWords(_pos)} is not analysed")
                : throw Error($"syntax error at or near {Found()}: not an ALTER INDEX form of PostgreSQL");
        }

        Identifier newName = ExpectName("an index name", "after RENAME TO");
        if (!AtEnd)
        {
            throw Error($"expected end of statement after ALTER INDEX ... RENAME TO {newName.Quoted}, found {Found()}");
        }

        return new AlterIndexRenameStatement(Loc(start, _end), index, ifExists, newName);
    }

    /// <summary>ALTER TYPE n ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w'], ALTER TYPE n RENAME VALUE 'v' TO 'w'; other ALTER TYPE forms are opaque.</summary>
    private Statement ParseAlterType(int start)
    {
        _pos = start + 2;
        QualifiedName name = ExpectQualifiedName("a type name", "after ALTER TYPE");
        if (AcceptWords("rename", "value"))
        {
            string old = ExpectStringValue("after RENAME VALUE");
            ExpectWord("to", "after RENAME VALUE 'label'");
            string renamed = ExpectStringValue("after RENAME VALUE 'label' TO");
            ExpectEnd($"after ALTER TYPE {name.Key} RENAME VALUE");
            return new AlterTypeRenameValueStatement(Loc(start, _end), name, old, renamed);
        }

        if (!AcceptWords("add", "value"))
        {
            throw UnmodelledTypeAction();
        }

        bool ifNotExists = AcceptIfNotExists();
        string label = ExpectStringValue("after ADD VALUE");
        string? position = null;
        if (IsWord("before") || IsWord("after"))
        {
            int s = _pos++;
            _ = ExpectStringValue($"after {TokenText(s).ToUpperInvariant()}");
            position = TextOf(s, _pos);
        }

        ExpectEnd($"after ALTER TYPE {name.Key} ADD VALUE");
        return new AlterTypeAddValueStatement(Loc(start, _end), name, label, ifNotExists, position);
    }

    private string ExpectStringValue(string context)
    {
        if (AtEnd || !_tokens[_pos].IsString)
        {
            throw Error($"expected a string literal {context}, found {Found()}");
        }

        return Lexer.StringValue(_text, _tokens[_pos++]);
    }

    /// <summary>CREATE [TEMP|UNLOGGED] SEQUENCE [IF NOT EXISTS] n [options]; the cursor is on SEQUENCE.</summary>
    private Statement ParseCreateSequence(int start)
    {
        _pos++;
        bool ifNotExists = AcceptIfNotExists();
        QualifiedName name = ExpectQualifiedName("a sequence name", "after CREATE SEQUENCE");
        string options = TextOf(_pos, _end);
        return new CreateSequenceStatement(Loc(start, _end), name, ifNotExists, options) { Parsed = TryParseSequenceOptions() };
    }
}
