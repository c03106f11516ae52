using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// CREATE [OR REPLACE] and DROP of functions, procedures, views and triggers: carried as written (an
/// <see cref="OpaqueStatement"/>), with what they name read into a <see cref="Definition"/>. A form this reading does
/// not follow is carried without one (not analysed), never refused: the server judges it.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>The object kind word at <paramref name="p"/> (after CREATE [OR REPLACE] or DROP) when it is one read as a definition.</summary>
    private DefinitionKind? DefinitionKindAt(int p, bool create)
    {
        if (create && IsWordAt(p, "constraint") && IsWordAt(p + 1, "trigger"))
        {
            return DefinitionKind.Trigger;
        }

        if (create && IsWordAt(p, "recursive") && IsWordAt(p + 1, "view"))
        {
            return DefinitionKind.View;
        }

        return IsWordAt(p, "function") ? DefinitionKind.Function
            : IsWordAt(p, "procedure") ? DefinitionKind.Procedure
            : IsWordAt(p, "view") ? DefinitionKind.View
            : IsWordAt(p, "trigger") ? DefinitionKind.Trigger
            : null;
    }

    /// <summary>CREATE [OR REPLACE] ... of a definition whose kind word is at <paramref name="p"/>; the statement as any other unmodelled one when the reading fails.</summary>
    private Statement ParseCreateDefinition(int start, int p, bool orReplace, string reason)
    {
        var carried = UnmodelledStatement(start, reason);
        Definition? definition;
        try
        {
            definition = ReadCreateDefinition(start, p, orReplace);
        }
        catch (SyntaxErrorException)
        {
            definition = null;
        }

        _pos = start;
        return carried with { Defines = definition };
    }

    /// <summary>DROP FUNCTION / PROCEDURE / VIEW / TRIGGER; the statement as any other unmodelled one when the reading fails.</summary>
    private Statement ParseDropDefinition(int start, DefinitionKind kind, string reason)
    {
        var carried = UnmodelledStatement(start, reason);
        Definition? definition;
        try
        {
            definition = ReadDropDefinition(start, kind);
        }
        catch (SyntaxErrorException)
        {
            definition = null;
        }

        _pos = start;
        return carried with { Defines = definition };
    }

    private CreateDefinition ReadCreateDefinition(int start, int p, bool orReplace)
    {
        var kind = DefinitionKindAt(p, create: true)!.Value;
        int kindStart = p;
        bool constraint = IsWordAt(p, "constraint");
        _pos = constraint || IsWordAt(p, "recursive") ? p + 2 : p + 1;
        int kindOffset = _tokens[kindStart].Start - _tokens[start].Start;
        switch (kind)
        {
            case DefinitionKind.Trigger:
            {
                Identifier name = ExpectName("a trigger name", "after CREATE TRIGGER");
                _pos = FirstWord(_pos, "on");
                ExpectWord("on", "after the trigger's events");
                QualifiedName table = ExpectQualifiedName("a table name", "after ON");
                int execute = FirstWord(_pos, "execute");
                _pos = execute + 1;
                if (!AcceptWord("function") && !AcceptWord("procedure"))
                {
                    throw Error($"expected FUNCTION after EXECUTE, found {Found()}");
                }

                QualifiedName function = ExpectQualifiedName("a function name", "after EXECUTE FUNCTION");
                return new CreateDefinition(new DefinedName(kind, new QualifiedName(null, name), table, null), orReplace, kindOffset)
                {
                    ConstraintTrigger = constraint,
                    TriggerFunction = function,
                };
            }

            case DefinitionKind.View:
                QualifiedName view = ExpectQualifiedName("a view name", "after CREATE VIEW");
                _ = FirstWord(_pos, "as");
                return new CreateDefinition(new DefinedName(kind, view, null, null), orReplace, kindOffset);
            default:
                QualifiedName routine = ExpectQualifiedName("a function name", "after CREATE FUNCTION");
                var arguments = ParseRoutineArguments(allowDefaults: true);
                return new CreateDefinition(new DefinedName(kind, routine, null, arguments), orReplace, kindOffset) { Language = RoutineLanguage(_pos) };
        }
    }

    private DropDefinition ReadDropDefinition(int start, DefinitionKind kind)
    {
        _pos = start + 2;
        bool ifExists = AcceptIfExists();
        var targets = ImmutableArray.CreateBuilder<DefinedName>();
        if (kind == DefinitionKind.Trigger)
        {
            Identifier name = ExpectName("a trigger name", "after DROP TRIGGER");
            ExpectWord("on", "after the trigger name");
            targets.Add(new DefinedName(kind, new QualifiedName(null, name), ExpectQualifiedName("a table name", "after ON"), null));
        }
        else
        {
            do
            {
                QualifiedName name = ExpectQualifiedName("a name", "after DROP");
                targets.Add(new DefinedName(kind, name, null, kind != DefinitionKind.View && IsKind(TokenKind.LeftParen) ? ParseRoutineArguments(allowDefaults: false) : null));
            }
            while (Accept(TokenKind.Comma));
        }

        bool cascade = AcceptDropBehavior();
        ExpectEnd("after DROP");
        return new DropDefinition(targets.ToImmutable(), ifExists, cascade);
    }

    /// <summary>( [mode] [name] type [{DEFAULT | =} expression] [, ...] ) at the cursor.</summary>
    private ImmutableArray<RoutineArgument> ParseRoutineArguments(bool allowDefaults)
    {
        Expect(TokenKind.LeftParen, "to open the argument list");
        var arguments = ImmutableArray.CreateBuilder<RoutineArgument>();
        if (Accept(TokenKind.RightParen))
        {
            return arguments.ToImmutable();
        }

        do
        {
            arguments.Add(ParseRoutineArgument(allowDefaults));
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen, "to close the argument list");
        return arguments.ToImmutable();
    }

    private RoutineArgument ParseRoutineArgument(bool allowDefaults)
    {
        var mode = AcceptArgumentMode() ?? ArgumentMode.In;
        Identifier? name = null;
        int typeEnd = ArgumentTypeEnd(_pos);
        if (!EndsArgument(typeEnd))
        {
            name = ExpectName("an argument name", "in the argument list");
            mode = AcceptArgumentMode() ?? mode;
            typeEnd = ArgumentTypeEnd(_pos);
        }

        if (typeEnd < 0)
        {
            throw Error($"expected an argument type, found {Found()}");
        }

        TypeName type = typeEnd > _pos && IsOperatorAt(typeEnd - 2, "%")
            ? new TypeName(TextOf(_pos, typeEnd), TextOf(_pos, typeEnd), [], 0)
            : BuildTypeName(_pos, typeEnd);
        _pos = typeEnd;
        bool hasDefault = false;
        if (allowDefaults && (IsWord("default") || IsOperatorAt(_pos, "=")))
        {
            hasDefault = true;
            _pos++;
            while (!AtEnd && !IsKind(TokenKind.Comma) && !IsKind(TokenKind.RightParen))
            {
                _pos = IsKind(TokenKind.LeftParen) || IsKind(TokenKind.LeftBracket) ? MatchingClose(_pos) + 1 : _pos + 1;
            }
        }

        return new RoutineArgument(mode, name, type, hasDefault);
    }

    private ArgumentMode? AcceptArgumentMode()
    {
        // A mode word is a mode only when an argument name or type follows it.
        if (_pos + 1 >= _end || !_tokens[_pos + 1].IsName)
        {
            return null;
        }

        return AcceptWord("in") ? ArgumentMode.In
            : AcceptWord("out") ? ArgumentMode.Out
            : AcceptWord("inout") ? ArgumentMode.InOut
            : AcceptWord("variadic") ? ArgumentMode.Variadic
            : null;
    }

    /// <summary>The end of the argument type starting at <paramref name="i"/> (a <c>table.column%TYPE</c> included), or -1.</summary>
    private int ArgumentTypeEnd(int i)
    {
        int end = ScanTypeName(i, _end);
        if (end < 0)
        {
            return end;
        }

        if (end > _end)
        {
            return -1;
        }

        return IsOperatorAt(end, "%") && IsWordAt(end + 1, "type") ? end + 2 : end;
    }

    /// <summary>True when the argument's type can end at <paramref name="i"/>: what follows is a default, a comma or the closing parenthesis.</summary>
    private bool EndsArgument(int i) =>
        i >= 0 && i < _end && (_tokens[i].Kind is TokenKind.Comma or TokenKind.RightParen || IsWordAt(i, "default") || IsOperatorAt(i, "="));

    /// <summary>The first top-level token at or after <paramref name="from"/> that is the word <paramref name="word"/>; a syntax error when there is none.</summary>
    private int FirstWord(int from, string word)
    {
        for (int i = from; i < _end; i++)
        {
            if (_tokens[i].Kind is TokenKind.LeftParen or TokenKind.LeftBracket)
            {
                i = MatchingClose(i);
            }
            else if (IsWordAt(i, word))
            {
                return i;
            }
        }

        _pos = _end;
        throw Error($"expected {word.ToUpperInvariant()}, found {Found()}");
    }

    /// <summary>The LANGUAGE written among a routine's options (lower-cased), "sql" for a BEGIN ATOMIC body, or null.</summary>
    private string? RoutineLanguage(int from)
    {
        for (int i = from; i < _end; i++)
        {
            if (_tokens[i].Kind is TokenKind.LeftParen or TokenKind.LeftBracket)
            {
                i = MatchingClose(i);
            }
            else if (IsWordAt(i, "begin") && IsWordAt(i + 1, "atomic"))
            {
                return "sql";
            }
            else if (IsWordAt(i, "language") && i + 1 < _end)
            {
                return _tokens[i + 1].IsName ? IdentifierAt(i + 1).Value
                    : _tokens[i + 1].Kind == TokenKind.String ? TokenText(i + 1)[1..^1].ToLowerInvariant()
                    : null;
            }
        }

        return null;
    }
}
