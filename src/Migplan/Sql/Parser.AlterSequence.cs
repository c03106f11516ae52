using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>ALTER SEQUENCE with options (SeqOptElem); RENAME, SET SCHEMA, OWNER TO, SET LOGGED are carried not analysed.</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> SequenceOptionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "as", "cache", "cycle", "no", "increment", "maxvalue", "minvalue", "owned", "start", "restart",
    };

    /// <summary>ALTER SEQUENCE [IF EXISTS] name option [...]; the cursor is on ALTER.</summary>
    private Statement ParseAlterSequence(int start)
    {
        _pos = start + 2;
        bool ifExists = AcceptIfExists();
        var name = ExpectQualifiedName("a sequence name", "after ALTER SEQUENCE");
        if (AtEnd || !SequenceOptionWords.Contains(TokenText(_pos)) || _tokens[_pos].Kind != TokenKind.Identifier)
        {
            return UnmodelledStatement(start, AtEnd ? "ALTER SEQUENCE without options" : $"ALTER SEQUENCE ... {SubcommandWords(_pos)} is not analysed");
        }

        return new AlterSequenceStatement(Loc(start, _end), name, ifExists, ParseSequenceOptions());
    }

    /// <summary>The sequence options from the cursor to the end of the statement (SeqOptList).</summary>
    private ImmutableArray<SequenceOption> ParseSequenceOptions()
    {
        var options = ImmutableArray.CreateBuilder<SequenceOption>();
        while (!AtEnd)
        {
            string word = TokenText(_pos).ToLowerInvariant();
            if (_tokens[_pos].Kind != TokenKind.Identifier || !SequenceOptionWords.Contains(word))
            {
                throw Error($"syntax error at or near {Found()}: not an option of ALTER SEQUENCE");
            }

            _pos++;
            string kind;
            switch (word)
            {
                case "no":
                    if (!(IsWord("minvalue") || IsWord("maxvalue") || IsWord("cycle")))
                    {
                        throw Error($"syntax error at or near {Found()}: expected MINVALUE, MAXVALUE or CYCLE after NO");
                    }

                    options.Add(new SequenceOption("NO " + TokenText(_pos++).ToUpperInvariant(), null));
                    continue;
                case "cycle":
                    options.Add(new SequenceOption("CYCLE", null));
                    continue;
                case "owned":
                    ExpectWord("by", "after OWNED");
                    kind = "OWNED BY";
                    break;
                case "increment":
                    _ = AcceptWord("by");
                    kind = "INCREMENT";
                    break;
                case "start" or "restart":
                    _ = AcceptWord("with");
                    kind = word.ToUpperInvariant();
                    break;
                default:
                    kind = word.ToUpperInvariant();
                    break;
            }

            int valueStart = _pos;
            if (kind is "AS" or "OWNED BY")
            {
                // A type name (one or two words) or a column's dotted name, or NONE.
                while (!AtEnd && (_tokens[_pos].IsName || _tokens[_pos].Kind == TokenKind.Dot)
                    && !(_tokens[_pos].Kind == TokenKind.Identifier && SequenceOptionWords.Contains(TokenText(_pos)) && _tokens[_pos - 1].Kind != TokenKind.Dot))
                {
                    _pos++;
                }
            }
            else
            {
                // NumericOnly: an optionally signed number (RESTART may have none).
                if (IsOperatorAt(_pos, "-") || IsOperatorAt(_pos, "+"))
                {
                    _pos++;
                }

                if (IsKind(TokenKind.Integer) || IsKind(TokenKind.Numeric))
                {
                    _pos++;
                }
                else if (_pos > valueStart || kind != "RESTART")
                {
                    throw Error($"expected a number after {kind}, found {Found()}");
                }
            }

            if (_pos == valueStart && kind != "RESTART")
            {
                throw Error($"expected a value after {kind}, found {Found()}");
            }

            options.Add(new SequenceOption(kind, _pos == valueStart ? null : TextOf(valueStart, _pos)));
        }

        return options.ToImmutable();
    }

    /// <summary>The options of CREATE SEQUENCE when they are all ones ALTER SEQUENCE has too; default when not.</summary>
    private ImmutableArray<SequenceOption> TryParseSequenceOptions()
    {
        int at = _pos;
        try
        {
            return ParseSequenceOptions();
        }
        catch (SyntaxErrorException)
        {
            _pos = at;
            return default;
        }
    }
}
