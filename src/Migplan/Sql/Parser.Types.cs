using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Migplan.Sql.Ast;

namespace Migplan.Sql;

/// <summary>Type names: <c>varchar(255)</c>, <c>timestamp(3) with time zone</c>, <c>double precision</c>, <c>int[]</c>, <c>integer ARRAY</c>, ...</summary>
internal sealed partial class Parser
{
    /// <summary>Parses a type name at the cursor or reports "expected a column type {context}".</summary>
    /// <remarks>A "{0}" in <paramref name="context"/> is replaced by the text of token <paramref name="contextToken"/> (only on error).</remarks>
    private TypeName ParseTypeName(string what, string context, int contextToken = -1)
    {
        int start = _pos;
        int end = ScanTypeName(start, _end);
        if (end < 0)
        {
            throw Error($"expected {what} {Context(context, contextToken)}, found {Found()}");
        }

        if (end > _end)
        {
            _pos = _end;
            throw Error($"expected \")\" to close the type modifiers {Context(context, contextToken)}, found {Found()}");
        }

        CheckTypeModifiers(start, end);
        _pos = end;
        return BuildTypeName(start, end);
    }

    /// <summary>The index after the type name starting at <paramref name="i"/>, or -1 when no type name starts there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ScanTypeName(int i, int limit)
    {
        if (i >= limit || !_tokens[i].IsName)
        {
            return -1;
        }

        Token token = _tokens[i];
        int j = i + 1;
        if (token.Kind == TokenKind.Identifier)
        {
            if (IsWord(token, "double") && IsWordAt(j, "precision"))
            {
                j++;
            }
            else if (IsWord(token, "national") && (IsWordAt(j, "character") || IsWordAt(j, "char")))
            {
                j = SkipModifiers(IsWordAt(j + 1, "varying") ? j + 2 : j + 1, limit);
            }
            else if (IsWord(token, "character") || IsWord(token, "char") || IsWord(token, "nchar") || IsWord(token, "bit"))
            {
                j = SkipModifiers(IsWordAt(j, "varying") ? j + 1 : j, limit);
            }
            else if (IsWord(token, "timestamp") || IsWord(token, "time"))
            {
                j = SkipModifiers(j, limit);
                if ((IsWordAt(j, "with") || IsWordAt(j, "without")) && IsWordAt(j + 1, "time") && IsWordAt(j + 2, "zone"))
                {
                    j += 3;
                }
            }
            else if (IsWord(token, "interval"))
            {
                if (j < limit && IsIntervalField(_tokens[j]) && !IsWord(_tokens[j], "to"))
                {
                    j++;
                    if (IsWordAt(j, "to") && j + 1 < limit && IsIntervalField(_tokens[j + 1]))
                    {
                        j += 2;
                    }
                }

                j = SkipModifiers(j, limit);
            }
            else if (IsReservedWord(token))
            {
                return -1;
            }
            else
            {
                j = SkipGenericTypeName(j, limit);
            }
        }
        else
        {
            j = SkipGenericTypeName(j, limit);
        }

        while (j < limit)
        {
            if (_tokens[j].Kind == TokenKind.LeftBracket)
            {
                j = Math.Min(MatchingClose(j), limit) + 1;
            }
            else if (IsWordAt(j, "array"))
            {
                j++;
                if (j < limit && _tokens[j].Kind == TokenKind.LeftBracket)
                {
                    j = Math.Min(MatchingClose(j), limit) + 1;
                }
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private int SkipGenericTypeName(int j, int limit)
    {
        while (j + 1 < limit && _tokens[j].Kind == TokenKind.Dot && _tokens[j + 1].IsName)
        {
            j += 2;
        }

        return SkipModifiers(j, limit);
    }

    private int SkipModifiers(int j, int limit) =>
        j < limit && _tokens[j].Kind == TokenKind.LeftParen ? Math.Min(MatchingClose(j), limit) + 1 : j;

    /// <summary>Builds the normalised type name for tokens [start, end) found by <see cref="ScanTypeName"/>.</summary>
    private TypeName BuildTypeName(int start, int end)
    {
        if (end == start + 1 && _tokens[start].Kind == TokenKind.Identifier)
        {
            string simple = IdentifierAt(start).Value;
            Token token = _tokens[start];
            string raw = _text.AsSpan(token.Start, token.Length).SequenceEqual(simple) ? simple : TokenText(start);
            return new TypeName(raw, simple, [], 0);
        }

        var text = new StringBuilder();
        var baseName = new StringBuilder();
        var modifiers = default(SmallList<string>);
        int dimensions = 0;
        bool afterDot = false;
        for (int i = start; i < end; i++)
        {
            Token token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Dot:
                    text.Append('.');
                    baseName.Append('.');
                    afterDot = true;
                    continue;
                case TokenKind.LeftParen:
                    int close = MatchingClose(i);
                    text.Append('(');
                    int argStart = i + 1;
                    for (int k = i + 1; k <= close; k++)
                    {
                        if (k == close || (_tokens[k].Kind == TokenKind.Comma && IsTopLevel(i + 1, k)))
                        {
                            string modifier = TextOf(argStart, k);
                            text.Append(argStart > i + 1 ? "," : string.Empty).Append(modifier);
                            modifiers.Add(modifier);
                            argStart = k + 1;
                        }
                    }

                    text.Append(')');
                    i = close;
                    continue;
                case TokenKind.LeftBracket:
                    int closeBracket = MatchingClose(i);
                    dimensions++;
                    text.Append('[').Append(TextOf(i + 1, closeBracket)).Append(']');
                    i = closeBracket;
                    continue;
            }

            bool isArray = i > start && IsWord(token, "array");
            if (text.Length > 0 && !afterDot)
            {
                text.Append(' ');
            }

            text.Append(_text, token.Start, token.Length);
            if (isArray)
            {
                dimensions++;
                if (i + 1 < end && _tokens[i + 1].Kind == TokenKind.LeftBracket)
                {
                    int closeBracket = MatchingClose(i + 1);
                    text.Append('[').Append(TextOf(i + 2, closeBracket)).Append(']');
                    i = closeBracket;
                }
            }
            else
            {
                if (baseName.Length > 0 && !afterDot)
                {
                    baseName.Append(' ');
                }

                baseName.Append(token.Kind == TokenKind.Identifier ? Lexer.FoldLower(_text.AsSpan(token.Start, token.Length)) : IdentifierAt(i).Quoted);
            }

            afterDot = false;
        }

        return new TypeName(text.ToString(), baseName.ToString(), modifiers.ToImmutable(), dimensions);
    }

    /// <summary>True when no bracket opened after <paramref name="from"/> is still open at <paramref name="at"/>.</summary>
    private bool IsTopLevel(int from, int at)
    {
        int depth = 0;
        for (int i = from; i < at; i++)
        {
            depth += _tokens[i].Kind switch
            {
                TokenKind.LeftParen or TokenKind.LeftBracket => 1,
                TokenKind.RightParen or TokenKind.RightBracket => -1,
                _ => 0,
            };
        }

        return depth == 0;
    }
}
