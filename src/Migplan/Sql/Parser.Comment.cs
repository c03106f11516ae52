using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>COMMENT ON the common object kinds; other kinds (OPERATOR, CAST, LARGE OBJECT, ...) are carried not analysed.</summary>
internal sealed partial class Parser
{
    /// <summary>Kinds whose object is one (possibly schema-qualified) name, by their words.</summary>
    private static readonly string[][] CommentNameKinds =
    [
        ["table"], ["view"], ["materialized", "view"], ["foreign", "table"], ["sequence"], ["index"], ["type"], ["domain"],
        ["schema"], ["extension"], ["collation"], ["statistics"], ["conversion"], ["role"], ["database"], ["tablespace"],
        ["event", "trigger"], ["publication"], ["subscription"], ["server"], ["language"],
    ];

    private static readonly string[] CommentRoutineKinds = ["function", "procedure", "routine", "aggregate"];

    private static readonly string[] CommentOnTableKinds = ["constraint", "trigger", "policy", "rule"];

    /// <summary>COMMENT ON kind object IS 'text' | NULL; the cursor is on COMMENT.</summary>
    private Statement ParseComment(int start)
    {
        _pos = start + 1;
        ExpectWord("on", "after COMMENT");
        int kindStart = _pos;
        string? kind = null;
        foreach (var words in CommentNameKinds)
        {
            if (words.Select((w, i) => IsWordAt(kindStart + i, w)).All(b => b))
            {
                kind = string.Join(' ', words).ToUpperInvariant();
                _pos = kindStart + words.Length;
                break;
            }
        }

        QualifiedName name;
        Identifier? column = null;
        QualifiedName? on = null;
        string? arguments = null;
        bool onDomain = false;
        int targetStart = _pos;
        if (kind is not null)
        {
            name = ExpectQualifiedName("a name", $"after COMMENT ON {kind}");
        }
        else if (IsWord("column"))
        {
            kind = "COLUMN";
            targetStart = ++_pos;
            var first = ExpectQualifiedName("a table and column name", "after COMMENT ON COLUMN");
            if (first.Schema is null)
            {
                throw Error($"expected \".\" and a column name after COMMENT ON COLUMN {first.Name.Quoted}, found {Found()}");
            }

            // schema.table.column, or table.column (ExpectQualifiedName keeps the last two of three parts).
            if (_pos - targetStart == 5)
            {
                name = new QualifiedName(IdentifierAt(targetStart), first.Schema);
            }
            else
            {
                name = new QualifiedName(null, first.Schema);
            }

            column = first.Name;
        }
        else if (CommentOnTableKinds.FirstOrDefault(IsWord) is { } onKind)
        {
            kind = onKind.ToUpperInvariant();
            targetStart = ++_pos;
            var own = ExpectName($"a {onKind} name", $"after COMMENT ON {kind}");
            ExpectWord("on", $"after COMMENT ON {kind} {own.Quoted}");
            onDomain = kind == "CONSTRAINT" && AcceptWord("domain");
            on = ExpectQualifiedName(onDomain ? "a domain name" : "a table name", $"after COMMENT ON {kind} {own.Quoted} ON");
            name = new QualifiedName(on.Schema, own);
        }
        else if (CommentRoutineKinds.FirstOrDefault(IsWord) is { } routine)
        {
            kind = routine.ToUpperInvariant();
            targetStart = ++_pos;
            name = ExpectQualifiedName($"a {routine} name", $"after COMMENT ON {kind}");
            if (IsKind(TokenKind.LeftParen))
            {
                arguments = SkipParenthesized($"after COMMENT ON {kind} {name.Quoted}");
            }
        }
        else
        {
            return UnmodelledStatement(start, $"COMMENT ON {ObjectKind(kindStart)} is not analysed");
        }

        string target = TextOf(targetStart, _pos);
        ExpectWord("is", $"after COMMENT ON {kind} {target}");
        string? comment;
        if (AcceptWord("null"))
        {
            comment = null;
        }
        else
        {
            comment = ExpectStringValue("or NULL after IS");
            if (comment.Length == 0)
            {
                comment = null; // PostgreSQL drops the comment for an empty string
            }
        }

        ExpectEnd("after the comment");
        return new CommentStatement(Loc(start, _end), kind, name, column, on, arguments, target, comment) { OnDomain = onDomain };
    }
}
