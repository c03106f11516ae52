using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>
/// Expressions are not parsed into trees: their extent is found by scanning tokens at bracket depth 0 up to a
/// stop token, their text is kept exactly, and the columns and functions they reference are collected.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<ColumnRef> _columns = [];
    private readonly List<string> _functions = [];

    /// <summary>Words ending a column DEFAULT expression (b_expr cannot contain them at depth 0).</summary>
    private static readonly string[] DefaultStops =
        ["not", "null", "check", "constraint", "primary", "unique", "references", "generated", "collate", "default",
         "deferrable", "initially", "compression", "storage"];

    private static readonly string[] NoStops = [];

    /// <summary>SQL value functions that are called without parentheses.</summary>
    private static readonly FrozenSet<string> ValueFunctions = new[]
    {
        "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "current_user",
        "session_user", "current_role", "current_catalog", "current_schema", "user", "system_user",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Non-reserved words that act as operators or syntax inside expressions, not column references.</summary>
    private static readonly FrozenSet<string> ExpressionSyntaxWords = new[]
    {
        "between", "unknown", "escape", "nulls", "first", "last", "by", "over", "filter", "within", "partition", "rows",
        "range", "groups", "preceding", "following", "unbounded", "current", "of", "exists", "values", "row", "ties",
        "ordinality", "ilike", "like", "similar", "is", "isnull", "notnull", "overlaps", "join", "inner", "outer",
        "left", "right", "full", "cross", "natural", "none",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words followed by "(" that are syntax rather than function calls.</summary>
    private static readonly FrozenSet<string> NotFunctionWords = new[]
    {
        "exists", "values", "row", "filter", "over", "within", "overlaps", "ilike", "like", "similar", "is", "join",
        "inner", "outer", "full", "cross", "natural", "isnull", "notnull", "collation", "tablesample", "nulls",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ValueFunctionWords = ValueFunctions.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ExpressionSyntaxLookup = ExpressionSyntaxWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotFunctionLookup = NotFunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Parses an expression from the cursor. It ends at depth 0 before ",", ")", "]" or the end of the statement
    /// (",": only when <paramref name="stopAtComma"/>), or before one of <paramref name="stopWords"/> that is not its first token.
    /// </summary>
    private SqlExpression ParseExpression(string context, bool stopAtComma, string[] stopWords)
    {
        int start = _pos;
        int end = ScanExpressionEnd(start, stopAtComma, stopWords);
        if (end == start)
        {
            throw Error($"expected an expression {context}, found {Found()}");
        }

        _pos = end;
        return BuildExpression(start, end);
    }

    /// <summary>( expression ), returning the inner expression.</summary>
    private SqlExpression ParseParenthesizedExpression(string context)
    {
        Expect(TokenKind.LeftParen, context);
        SqlExpression expression = ParseExpression("after \"(\"", stopAtComma: false, NoStops);
        if (!Accept(TokenKind.RightParen))
        {
            throw Error($"expected \")\" to close the expression {context}, found {Found()}");
        }

        return expression;
    }

    /// <summary>
    /// True when the word at <paramref name="i"/> is part of a name, not a keyword: a type after <c>::</c>, or
    /// qualified (<c>storage.buckettype</c>, where a schema is named like the STORAGE option).
    /// </summary>
    private bool IsNamePart(int i) =>
        _tokens[i - 1].Kind is TokenKind.DoubleColon or TokenKind.Dot || (i + 1 < _end && _tokens[i + 1].Kind == TokenKind.Dot);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScanExpressionEnd(int start, bool stopAtComma, string[] stopWords)
    {
        int depth = 0;
        int caseDepth = 0;
        for (int i = start; i < _end; i++)
        {
            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket:
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    break;
                case TokenKind.Comma when depth == 0 && caseDepth == 0 && stopAtComma:
                    return i;
                case TokenKind.Identifier when depth == 0:
                    if (IsWord(token, "case"))
                    {
                        caseDepth++;
                    }
                    else if (caseDepth > 0)
                    {
                        if (IsWord(token, "end"))
                        {
                            caseDepth--;
                        }
                    }
                    else if (i > start && IsStopWord(token, stopWords) && !(IsWord(token, "from") && IsWord(_tokens[i - 1], "distinct"))
                        && !IsNamePart(i))
                    {
                        return i;
                    }

                    break;
            }
        }

        return _end;
    }

    private bool IsStopWord(Token token, string[] stopWords)
    {
        foreach (string word in stopWords)
        {
            if (IsWord(token, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Builds the expression over tokens [start, end): exact text, column references and called functions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SqlExpression BuildExpression(int start, int end)
    {
        _columns.Clear();
        _functions.Clear();
        Span<char> buffer = stackalloc char[64];
        for (int i = start; i < end; i++)
        {
            Token token = _tokens[i];
            if (token.Kind == TokenKind.DoubleColon)
            {
                i = Math.Max(i, ScanTypeName(i + 1, end) - 1);
            }
            else if (token.IsName)
            {
                i = AnalyzeName(i, start, end, buffer);
            }
        }

        return new SqlExpression(
            TextOf(start, end),
            Loc(start, end),
            _columns.Count == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(_columns.ToArray()),
            _functions.Count == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(_functions.ToArray()));
    }

    /// <summary>Classifies the name at <paramref name="i"/>; returns the index of the last token it consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AnalyzeName(int i, int start, int end, Span<char> buffer)
    {
        Token token = _tokens[i];
        if (i > start && _tokens[i - 1].Kind == TokenKind.Dot)
        {
            return i; // field selection: (row).field
        }

        TokenKind next = i + 1 < end ? _tokens[i + 1].Kind : TokenKind.EndOfFile;
        ReadOnlySpan<char> word = default;
        if (token.Kind == TokenKind.Identifier)
        {
            if (token.Length > buffer.Length)
            {
                return AddColumn(i);
            }

            word = Fold(token, buffer);
            if (ValueFunctionWords.TryGetValue(word, out string? valueFunction))
            {
                AddFunction(valueFunction);
                return i;
            }

            switch (word)
            {
                case "as":
                    return Math.Max(i, ScanTypeName(i + 1, end) - 1); // CAST(x AS type) or an alias
                case "collate":
                    return SkipQualifiedNameTokens(i + 1, end) - 1;
                case "at" when IsWordAt(i + 1, "time") && IsWordAt(i + 2, "zone"):
                    return i + 2;
                case "interval" when i + 1 < end && _tokens[i + 1].IsString:
                    int j = i + 2;
                    while (j < end && _tokens[j].Kind == TokenKind.Identifier && IsIntervalField(_tokens[j]))
                    {
                        j++;
                    }

                    return j - 1;
                case "extract" when next == TokenKind.LeftParen:
                    AddFunction("extract");
                    return i + 2; // the field name is not a column
            }
        }

        if (next == TokenKind.LeftParen)
        {
            if (token.Kind != TokenKind.Identifier || IsFunctionWord(word))
            {
                AddFunction(IdentifierAt(i).Value);
            }

            return i;
        }

        if (next == TokenKind.Dot && i + 2 < end && (_tokens[i + 2].IsName || IsOperatorAt(i + 2, "*")))
        {
            int last = i + 2;
            while (last + 2 < end && _tokens[last + 1].Kind == TokenKind.Dot && (_tokens[last + 2].IsName || IsOperatorAt(last + 2, "*")))
            {
                last += 2;
            }

            if (!_tokens[last].IsName)
            {
                return last; // t.*
            }

            if (last + 1 < end && _tokens[last + 1].Kind == TokenKind.LeftParen)
            {
                AddFunction(IdentifierAt(last).Value);
                return last;
            }

            var reference = new ColumnRef(IdentifierAt(last - 2), IdentifierAt(last));
            if (!_columns.Contains(reference))
            {
                _columns.Add(reference);
            }

            return last;
        }

        if (token.Kind == TokenKind.Identifier)
        {
            if ((i + 1 < end && _tokens[i + 1].IsString) || IsOperatorAt(i + 1, "=>"))
            {
                return i; // typed literal (date '...') or named argument
            }

            if (ReservedWords.Contains(word)
                || ExpressionSyntaxLookup.Contains(word))
            {
                return i;
            }
        }

        return AddColumn(i);
    }

    private int AddColumn(int i)
    {
        var reference = new ColumnRef(null, IdentifierAt(i));
        if (!_columns.Contains(reference))
        {
            _columns.Add(reference);
        }

        return i;
    }

    private void AddFunction(string name)
    {
        if (!_functions.Contains(name))
        {
            _functions.Add(name);
        }
    }

    private static bool IsFunctionWord(ReadOnlySpan<char> word) =>
        !ReservedWords.Contains(word)
        && !NotFunctionLookup.Contains(word);

    private bool IsIntervalField(Token token) =>
        IsWord(token, "year") || IsWord(token, "month") || IsWord(token, "day") || IsWord(token, "hour")
        || IsWord(token, "minute") || IsWord(token, "second") || IsWord(token, "to");

    private int SkipQualifiedNameTokens(int i, int end)
    {
        if (i < end && _tokens[i].IsName)
        {
            i++;
            while (i + 1 < end && _tokens[i].Kind == TokenKind.Dot && _tokens[i + 1].IsName)
            {
                i += 2;
            }
        }

        return i;
    }
}
