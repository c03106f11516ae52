using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// ALTER TABLE and its subcommands. A subcommand outside the analysed set makes the statement opaque when PostgreSQL
/// has it, and is a syntax error when it does not (Parser.Unmodelled.cs).
/// </summary>
internal sealed partial class Parser
{
    private static readonly string[] StopAtNothing = [];

    private Statement ParseAlterTable(int start)
    {
        _pos = start + 2;
        if (IsWord("all") && IsWordAt(_pos + 1, "in"))
        {
            throw new NotAnalysedException("ALTER TABLE ALL IN TABLESPACE is not analysed");
        }

        bool ifExists = AcceptIfExists();
        bool only = AcceptWord("only");
        QualifiedName table = ExpectQualifiedName("a table name", ifExists ? "after ALTER TABLE IF EXISTS" : "after ALTER TABLE");
        if (IsOperatorAt(_pos, "*"))
        {
            _pos++;
        }

        if (AtEnd)
        {
            throw Error($"expected an ALTER TABLE subcommand after ALTER TABLE {table.Key}, found {Found()}");
        }

        var actions = default(SmallList<AlterTableAction>);
        while (true)
        {
            int actionStart = _pos;
            AlterTableAction action = ParseAlterTableAction();
            if (action is RenameTableAction or RenameColumnAction or RenameConstraintAction or SetSchemaAction
                or AttachPartitionAction or DetachPartitionAction)
            {
                if (actions.Count > 0 || !AtEnd)
                {
                    string what = TextOf(actionStart, Math.Min(actionStart + 2, _pos)).ToUpperInvariant();
                    throw actions.Count > 0
                        ? ErrorAt(actionStart, $"{what} cannot be combined with other ALTER TABLE subcommands")
                        : Error($"expected end of statement after ALTER TABLE ... {what} ..., found {Found()}");
                }
            }

            actions.Add(action);
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        if (!AtEnd)
        {
            throw Error($"expected \",\" or end of statement after an ALTER TABLE subcommand, found {Found()}");
        }

        return new AlterTableStatement(Loc(start, _end), table, ifExists, only, actions.ToImmutable());
    }

    private AlterTableAction ParseAlterTableAction()
    {
        int s = _pos;
        if (AcceptWord("add"))
        {
            if (IsTableConstraintStart())
            {
                TableConstraint constraint = ParseTableConstraint();
                return new AddConstraintAction(Loc(s, _pos), constraint);
            }

            bool columnKeyword = AcceptWord("column");
            bool ifNotExists = AcceptIfNotExists();
            ColumnDefinition column = ParseColumnDefinition(ifNotExists ? "after IF NOT EXISTS" : columnKeyword ? "after ADD COLUMN" : "after ADD");
            return new AddColumnAction(Loc(s, _pos), column, ifNotExists);
        }

        if (AcceptWord("drop"))
        {
            if (AcceptWord("constraint"))
            {
                bool constraintIfExists = AcceptIfExists();
                Identifier constraint = ExpectName("a constraint name", "after DROP CONSTRAINT");
                return new DropConstraintAction(Loc(s, _pos), constraint, constraintIfExists, AcceptDropBehavior());
            }

            _ = AcceptWord("column");
            bool ifExists = AcceptIfExists();
            Identifier column = ExpectName("a column name", "after DROP COLUMN");
            return new DropColumnAction(Loc(s, _pos), column, ifExists, AcceptDropBehavior());
        }

        if (AcceptWord("rename"))
        {
            if (AcceptWord("to"))
            {
                Identifier newTable = ExpectName("a table name", "after RENAME TO");
                return new RenameTableAction(Loc(s, _pos), newTable);
            }

            if (AcceptWord("constraint"))
            {
                Identifier constraint = ExpectName("a constraint name", "after RENAME CONSTRAINT");
                ExpectWord("to", "after RENAME CONSTRAINT name");
                Identifier newConstraint = ExpectName("a constraint name", "after RENAME CONSTRAINT ... TO");
                return new RenameConstraintAction(Loc(s, _pos), constraint, newConstraint);
            }

            _ = AcceptWord("column");
            Identifier column = ExpectName("a column name", "after RENAME COLUMN");
            ExpectWord("to", "after RENAME COLUMN name");
            Identifier newColumn = ExpectName("a column name", "after RENAME COLUMN ... TO");
            return new RenameColumnAction(Loc(s, _pos), column, newColumn);
        }

        if (AcceptWord("alter"))
        {
            if (IsWord("constraint"))
            {
                throw new NotAnalysedException("ALTER TABLE ... ALTER CONSTRAINT is not analysed");
            }

            _ = AcceptWord("column");
            Identifier column = ExpectName("a column name", "after ALTER COLUMN");
            return ParseAlterColumn(s, column);
        }

        if (AcceptWord("validate"))
        {
            ExpectWord("constraint", "after VALIDATE");
            Identifier validated = ExpectName("a constraint name", "after VALIDATE CONSTRAINT");
            return new ValidateConstraintAction(Loc(s, _pos), validated);
        }

        if (IsWord("set") && IsWordAt(_pos + 1, "schema"))
        {
            _pos += 2;
            Identifier schema = ExpectName("a schema name", "after SET SCHEMA");
            return new SetSchemaAction(Loc(s, _pos), schema);
        }

        if (AcceptWord("attach"))
        {
            ExpectWord("partition", "after ATTACH");
            QualifiedName partition = ExpectQualifiedName("a partition name", "after ATTACH PARTITION");
            string bound = ParsePartitionBound("after ATTACH PARTITION " + partition.Key);
            return new AttachPartitionAction(Loc(s, _pos), partition, bound);
        }

        if (AcceptWord("detach"))
        {
            ExpectWord("partition", "after DETACH");
            QualifiedName partition = ExpectQualifiedName("a partition name", "after DETACH PARTITION");
            bool concurrently = AcceptWord("concurrently");
            bool finalize = !concurrently && AcceptWord("finalize");
            return new DetachPartitionAction(Loc(s, _pos), partition, concurrently, finalize);
        }

        if ((IsWord("enable") || IsWord("disable") || IsWord("force")) && IsRowLevelSecurity(_pos + 1)
            || IsWord("no") && IsWordAt(_pos + 1, "force") && IsRowLevelSecurity(_pos + 2))
        {
            bool force = IsWord("force") || IsWord("no");
            bool on = IsWord("enable") || IsWord("force");
            _pos += IsWord("no") ? 5 : 4;
            return new RowSecurityAction(Loc(s, _pos), force, on);
        }

        if ((IsWord("enable") || IsWord("disable")) && (IsWordAt(_pos + 1, "trigger")
            || ((IsWordAt(_pos + 1, "replica") || IsWordAt(_pos + 1, "always")) && IsWordAt(_pos + 2, "trigger"))))
        {
            bool enable = IsWord("enable");
            _pos += IsWordAt(_pos + 1, "trigger") ? 2 : 3;
            if (IsWord("all") || IsWord("user"))
            {
                string target = TokenText(_pos++).ToUpperInvariant();
                return new SetTriggerStateAction(Loc(s, _pos), enable, null, target);
            }

            Identifier trigger = ExpectName("a trigger name, ALL or USER", "after TRIGGER");
            return new SetTriggerStateAction(Loc(s, _pos), enable, trigger, trigger.Value);
        }

        throw UnmodelledTableAction();
    }

    /// <summary>ALTER [COLUMN] c {[SET DATA] TYPE | SET/DROP NOT NULL | SET/DROP DEFAULT}; the cursor is after the column name.</summary>
    private AlterTableAction ParseAlterColumn(int s, Identifier column)
    {
        int columnToken = _pos - 1;
        if (IsWord("set") && IsWordAt(_pos + 1, "data"))
        {
            _pos += 2;
            ExpectWord("type", "after SET DATA");
            _pos--;
        }

        if (AcceptWord("type"))
        {
            TypeName type = ParseTypeName("a type", "after ALTER COLUMN {0} TYPE", columnToken);
            string? collation = null;
            if (AcceptWord("collate"))
            {
                int c = _pos;
                _ = ExpectQualifiedName("a collation name", "after COLLATE");
                collation = TextOf(c, _pos);
            }

            SqlExpression? usingExpression = null;
            if (AcceptWord("using"))
            {
                usingExpression = ParseExpression("after USING", stopAtComma: true, StopAtNothing);
            }

            return new AlterColumnTypeAction(Loc(s, _pos), column, type, collation, usingExpression);
        }

        if (IsWord("add") && IsWordAt(_pos + 1, "generated"))
        {
            _pos += 2;
            if (ParseGenerated(null) is IdentityColumnConstraint identity)
            {
                return new AddIdentityAction(Loc(s, _pos), column, identity.Always, identity.Options);
            }

            throw Error("expected AS IDENTITY after ALTER COLUMN ... ADD GENERATED");
        }

        if (IsWord("set") || IsWord("drop"))
        {
            bool set = IsWord("set");
            if (IsWordAt(_pos + 1, "not"))
            {
                _pos += 2;
                ExpectWord("null", set ? "after SET NOT" : "after DROP NOT");
                return set ? new SetNotNullAction(Loc(s, _pos), column) : new DropNotNullAction(Loc(s, _pos), column);
            }

            if (IsWordAt(_pos + 1, "default"))
            {
                _pos += 2;
                if (!set)
                {
                    return new DropDefaultAction(Loc(s, _pos), column);
                }

                SqlExpression value = ParseExpression("after SET DEFAULT", stopAtComma: true, StopAtNothing);
                return new SetDefaultAction(Loc(s, _pos), column, value);
            }
        }

        throw UnmodelledColumnAction(column);
    }

    /// <summary>CASCADE → true; RESTRICT or nothing → false.</summary>
    private bool AcceptDropBehavior()
    {
        if (AcceptWord("cascade"))
        {
            return true;
        }

        _ = AcceptWord("restrict");
        return false;
    }

    /// <summary>The leading keywords of a subcommand for an opaque reason: OWNER TO, REPLICA IDENTITY, SET (...), ...</summary>
    private string SubcommandWords(int i)
    {
        if (i >= _end)
        {
            return "...";
        }

        string first = TokenText(i).ToUpperInvariant();
        if (first is not ("OWNER" or "REPLICA" or "CLUSTER" or "FORCE" or "NO" or "SET" or "RESET" or "ENABLE" or "DISABLE"
            or "NOT" or "ADD" or "DROP" or "ALTER" or "OF" or "RENAME") || i + 1 >= _end)
        {
            return first;
        }

        string second = _tokens[i + 1].Kind == TokenKind.LeftParen ? "(...)" : TokenText(i + 1).ToUpperInvariant();
        if (second == "ROW" && IsWordAt(i + 2, "level") && IsWordAt(i + 3, "security"))
        {
            second = "ROW LEVEL SECURITY";
        }

        return first + " " + second;
    }
}
