using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// The subcommands of ALTER TABLE and ALTER TYPE that migplan carries without analysing them. A subcommand is
/// carried only when PostgreSQL 15's grammar has it (its leading keywords are checked here); anything else is a
/// syntax error at its first word, as the server would report it, never a statement "not analysed" that fails
/// when its step runs.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Options of <c>ALTER COLUMN ... SET</c> for an identity column's sequence (SeqOptElem).</summary>
    private static readonly string[] SequenceOptions =
        ["as", "cache", "cycle", "increment", "maxvalue", "minvalue", "no", "owned", "sequence", "start", "restart", "logged", "unlogged"];

    /// <summary>An ALTER TABLE subcommand outside the analysed set: opaque when valid, a syntax error when not.</summary>
    private NotAnalysedException UnmodelledTableAction()
    {
        bool valid = TokenText(_pos).ToLowerInvariant() switch
        {
            "enable" or "disable" => IsWordAt(_pos + 1, "rule")
                || ((IsWordAt(_pos + 1, "replica") || IsWordAt(_pos + 1, "always")) && (IsWordAt(_pos + 2, "rule") || IsWordAt(_pos + 2, "trigger")))
                || IsRowLevelSecurity(_pos + 1),
            "force" => IsRowLevelSecurity(_pos + 1),
            "no" => IsWordAt(_pos + 1, "inherit") || (IsWordAt(_pos + 1, "force") && IsRowLevelSecurity(_pos + 2)),
            "set" => IsWordAt(_pos + 1, "without") && (IsWordAt(_pos + 2, "cluster") || IsWordAt(_pos + 2, "oids"))
                || (IsWordAt(_pos + 1, "access") && IsWordAt(_pos + 2, "method"))
                || IsWordAt(_pos + 1, "tablespace") || IsWordAt(_pos + 1, "logged") || IsWordAt(_pos + 1, "unlogged")
                || IsLeftParenAt(_pos + 1),
            "reset" or "options" => IsLeftParenAt(_pos + 1),
            "cluster" => IsWordAt(_pos + 1, "on"),
            "inherit" or "of" => _pos + 1 < _end,
            "not" => IsWordAt(_pos + 1, "of"),
            "owner" => IsWordAt(_pos + 1, "to"),
            "replica" => IsWordAt(_pos + 1, "identity"),
            _ => false,
        };
        return valid
            ? new NotAnalysedException($"ALTER TABLE ... {SubcommandWords(_pos)} is not analysed")
            : throw Error($"syntax error at or near {Found()}: not an ALTER TABLE subcommand of PostgreSQL");
    }

    /// <summary>An ALTER COLUMN form outside the analysed set (the cursor is after the column name).</summary>
    private NotAnalysedException UnmodelledColumnAction(Identifier column)
    {
        int at = _pos;
        bool valid = TokenText(_pos).ToLowerInvariant() switch
        {
            "drop" => IsWordAt(_pos + 1, "expression") || IsWordAt(_pos + 1, "identity"),
            "add" => IsWordAt(_pos + 1, "generated"),
            "set" => IsWordAt(_pos + 1, "generated") || IsWordAt(_pos + 1, "statistics") || IsWordAt(_pos + 1, "storage")
                || IsWordAt(_pos + 1, "compression") || IsLeftParenAt(_pos + 1) || SequenceOptions.Any(o => IsWordAt(_pos + 1, o)),
            "reset" or "options" => IsLeftParenAt(_pos + 1),
            "restart" => true,
            _ => false,
        };
        if (valid)
        {
            return new NotAnalysedException($"ALTER TABLE ... ALTER COLUMN ... {SubcommandWords(_pos)} is not analysed");
        }

        // Name the word PostgreSQL stops at: after SET or DROP, the word that follows.
        if ((IsWord("set") || IsWord("drop") || IsWord("add")) && _pos + 1 < _end)
        {
            at = _pos + 1;
        }

        string after = at > _pos ? $" after ALTER COLUMN {column.Quoted} {TokenText(_pos).ToUpperInvariant()}" : $" after ALTER COLUMN {column.Quoted}";
        _pos = at;
        throw Error($"syntax error at or near {Found()}: not an ALTER COLUMN form of PostgreSQL{after}");
    }

    /// <summary>An ALTER TYPE form other than ADD VALUE: opaque when PostgreSQL has it, a syntax error when not.</summary>
    private NotAnalysedException UnmodelledTypeAction()
    {
        bool valid = TokenText(_pos).ToLowerInvariant() switch
        {
            "owner" => IsWordAt(_pos + 1, "to"),
            "rename" => IsWordAt(_pos + 1, "to") || IsWordAt(_pos + 1, "attribute") || IsWordAt(_pos + 1, "value"),
            "set" => IsWordAt(_pos + 1, "schema") || IsLeftParenAt(_pos + 1),
            "add" or "drop" or "alter" => IsWordAt(_pos + 1, "attribute"),
            _ => false,
        };
        return valid
            ? new NotAnalysedException($"ALTER TYPE ... {SubcommandWords(_pos)} is not analysed")
            : throw Error($"syntax error at or near {Found()}: not an ALTER TYPE form of PostgreSQL");
    }

    /// <summary>The words a PostgreSQL 15 statement can start with (gram.y's stmt rule).</summary>
    private static readonly HashSet<string> StatementWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "abort", "alter", "analyze", "analyse", "begin", "call", "checkpoint", "close", "cluster", "comment", "commit", "copy",
        "create", "deallocate", "declare", "delete", "discard", "do", "drop", "end", "execute", "explain", "fetch", "grant",
        "import", "insert", "listen", "load", "lock", "merge", "move", "notify", "prepare", "reassign", "refresh", "reindex",
        "release", "reset", "revoke", "rollback", "savepoint", "security", "select", "set", "show", "start", "table", "truncate",
        "unlisten", "update", "vacuum", "values", "with",
    };

    /// <summary>The words that may follow CREATE (after TEMP, UNLOGGED, ...), ALTER or DROP in PostgreSQL 15.</summary>
    private static readonly HashSet<string> CreateKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "access", "aggregate", "cast", "collation", "constraint", "conversion", "database", "default", "domain", "event",
        "extension", "foreign", "function", "group", "index", "language", "trusted", "procedural", "materialized", "operator",
        "policy", "procedure", "publication", "recursive", "role", "rule", "schema", "sequence", "server", "statistics",
        "subscription", "table", "tablespace", "text", "transform", "trigger", "type", "unique", "user", "view",
    };

    private static readonly HashSet<string> AlterKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "aggregate", "collation", "conversion", "database", "default", "domain", "event", "extension", "foreign", "function",
        "group", "index", "language", "procedural", "large", "materialized", "operator", "policy", "procedure", "publication",
        "role", "routine", "rule", "schema", "sequence", "server", "statistics", "subscription", "system", "table", "tablespace",
        "text", "trigger", "type", "user", "view",
    };

    private static readonly HashSet<string> DropKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "access", "aggregate", "cast", "collation", "conversion", "database", "domain", "event", "extension", "foreign",
        "function", "group", "index", "language", "procedural", "materialized", "operator", "owned", "policy", "procedure",
        "publication", "role", "routine", "rule", "schema", "sequence", "server", "statistics", "subscription", "table",
        "tablespace", "text", "transform", "trigger", "type", "user", "view",
    };

    /// <summary>Object kinds of two words: the word the first must be followed by.</summary>
    private static readonly Dictionary<string, string> SecondKindWord = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unique"] = "index", ["constraint"] = "trigger", ["recursive"] = "view", ["materialized"] = "view",
        ["event"] = "trigger", ["access"] = "method", ["text"] = "search", ["large"] = "object", ["owned"] = "by",
    };

    /// <summary>A statement migplan carries without analysing it: opaque when PostgreSQL has its leading words, a syntax error when not.</summary>
    private OpaqueStatement UnmodelledStatement(int start, string reason)
    {
        _pos = start;
        if (!StatementWords.Contains(TokenText(start)))
        {
            throw Error($"syntax error at or near {Found()}: no PostgreSQL statement starts with this word");
        }

        var kinds = IsWordAt(start, "create") ? CreateKinds : IsWordAt(start, "alter") ? AlterKinds : IsWordAt(start, "drop") ? DropKinds : null;
        if (kinds is not null)
        {
            int p = start + 1;
            if (kinds == CreateKinds)
            {
                while (IsWordAt(p, "or") || IsWordAt(p, "replace") || IsWordAt(p, "temp") || IsWordAt(p, "temporary")
                    || IsWordAt(p, "unlogged") || IsWordAt(p, "global") || IsWordAt(p, "local"))
                {
                    p++;
                }
            }

            bool known = p < _end && _tokens[p].Kind == TokenKind.Identifier && kinds.Contains(TokenText(p));
            if (known && SecondKindWord.TryGetValue(TokenText(p), out var second) && !IsWordAt(p + 1, second))
            {
                _pos = p + 1;
                throw Error($"syntax error at or near {Found()}: expected {second.ToUpperInvariant()} after {TokenText(start).ToUpperInvariant()} {TokenText(p).ToUpperInvariant()}");
            }

            if (!known)
            {
                _pos = p;
                throw Error($"syntax error at or near {Found()}: not a kind of object {TokenText(start).ToUpperInvariant()} applies to");
            }
        }

        return Opaque(reason);
    }

    private bool IsRowLevelSecurity(int i) => IsWordAt(i, "row") && IsWordAt(i + 1, "level") && IsWordAt(i + 2, "security");

    private bool IsLeftParenAt(int i) => i < _end && _tokens[i].Kind == TokenKind.LeftParen;
}
