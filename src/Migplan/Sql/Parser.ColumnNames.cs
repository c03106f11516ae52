using System.Collections.Frozen;

namespace Migplan.Sql;

/// <summary>
/// The name PostgreSQL figures for an index expression (FigureIndexColname in parse_target.c): it becomes
/// part of the index's default name. A column reference gives the column, a function call its name, a cast
/// the name of its argument or else of its type, CASE "case"; anything else gets no name ("expr").
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Type names as PostgreSQL stores them for the SQL spellings (a cast to int is named int4).</summary>
    private static readonly FrozenDictionary<string, string> SystemTypeNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["int"] = "int4", ["integer"] = "int4", ["smallint"] = "int2", ["bigint"] = "int8", ["real"] = "float4",
        ["float"] = "float8", ["double"] = "float8", ["boolean"] = "bool", ["decimal"] = "numeric", ["dec"] = "numeric",
        ["character"] = "bpchar", ["char"] = "bpchar", ["varchar"] = "varchar", ["nchar"] = "bpchar",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words that make an expression an operator expression (no name) when they occur at its top level.</summary>
    private static readonly FrozenSet<string> OperatorWords = new[]
    {
        "and", "or", "not", "is", "isnull", "notnull", "between", "in", "like", "ilike", "similar", "overlaps", "at",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The figured name of the expression over tokens [start, end), or null when PostgreSQL figures none.</summary>
    private string? FigureColumnName(int start, int end)
    {
        while (end - start >= 2 && _tokens[start].Kind == TokenKind.LeftParen && MatchingClose(start) == end - 1)
        {
            start++;
            end--;
        }

        if (start >= end)
        {
            return null;
        }

        if (IsWord(_tokens[start], "case") && IsWord(_tokens[end - 1], "end") && IsCaseEnd(start, end - 1))
        {
            return "case";
        }

        int depth = 0;
        int cast = -1;
        for (int i = start; i < end; i++)
        {
            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket:
                    depth--;
                    break;
                case TokenKind.Operator or TokenKind.Comma when depth == 0:
                    return null;
                case TokenKind.DoubleColon when depth == 0 && cast < 0:
                    cast = i;
                    break;
                case TokenKind.Identifier when depth == 0 && i > start && IsWord(token, "collate"):
                    return FigureColumnName(start, i);
                case TokenKind.Identifier when depth == 0 && OperatorWords.Contains(TokenText(i).ToLowerInvariant()):
                    return null;
            }
        }

        if (cast > start)
        {
            return FigureColumnName(start, cast) ?? (cast + 1 < end && _tokens[cast + 1].IsName ? TypeColumnName(cast + 1) : null);
        }

        int nameEnd = SkipQualifiedNameTokens(start, end);
        if (nameEnd == end && nameEnd > start)
        {
            return IdentifierAt(end - 1).Value; // a column reference (or a value function such as current_date)
        }

        if (nameEnd > start && nameEnd < end && _tokens[nameEnd].Kind == TokenKind.LeftParen && MatchingClose(nameEnd) == end - 1)
        {
            return IsWord(_tokens[nameEnd - 1], "cast") ? FigureCast(nameEnd + 1, end - 1) : IdentifierAt(nameEnd - 1).Value;
        }

        return null;
    }

    /// <summary>True when the END at <paramref name="end"/> closes the CASE at <paramref name="start"/> (not a nested one).</summary>
    private bool IsCaseEnd(int start, int end)
    {
        int open = 0;
        for (int i = start; i <= end; i++)
        {
            if (IsWord(_tokens[i], "case"))
            {
                open++;
            }
            else if (IsWord(_tokens[i], "end") && --open == 0)
            {
                return i == end;
            }
        }

        return false;
    }

    /// <summary>CAST(x AS type): the name of x, else the type's.</summary>
    private string? FigureCast(int start, int end)
    {
        int depth = 0;
        for (int i = start; i < end; i++)
        {
            TokenKind kind = _tokens[i].Kind;
            depth += kind is TokenKind.LeftParen or TokenKind.LeftBracket ? 1 : kind is TokenKind.RightParen or TokenKind.RightBracket ? -1 : 0;
            if (depth == 0 && IsWord(_tokens[i], "as"))
            {
                return FigureColumnName(start, i) ?? (i + 1 < end && _tokens[i + 1].IsName ? TypeColumnName(i + 1) : null);
            }
        }

        return null;
    }

    /// <summary>The last part of the type name starting at <paramref name="index"/>, as PostgreSQL stores it.</summary>
    private string TypeColumnName(int index)
    {
        int last = SkipQualifiedNameTokens(index, _end) - 1;
        string name = IdentifierAt(Math.Max(index, last)).Value;
        if (_tokens[index].Kind == TokenKind.Identifier && last == index)
        {
            if (IsWord(_tokens[index], "timestamp") || IsWord(_tokens[index], "time"))
            {
                bool withZone = IsWordAt(index + 1, "with") || (KindAt(index + 1) == TokenKind.LeftParen && IsWordAt(index + 4, "with"));
                return name + (withZone ? "tz" : string.Empty);
            }

            if (IsWord(_tokens[index], "character") && IsWordAt(index + 1, "varying"))
            {
                return "varchar";
            }

            return SystemTypeNames.GetValueOrDefault(name, name);
        }

        return name;
    }
}
