namespace Migplan.Rendering.Psql;

/// <summary>psqlscan.l's states inside comments and quotes, and its variable references.</summary>
internal sealed partial class PsqlLexer
{
    /// <summary>A <c>--</c> comment: up to a <c>\r</c> or the end of the line; psql drops it from the query.</summary>
    private static int CommentEnd(ReadOnlySpan<char> line, int i)
    {
        int end = i;
        while (end < line.Length && line[end] != '\r')
        {
            end++;
        }

        return end;
    }

    /// <summary>Inside <c>/* */</c>: nested openings count, a run of stars followed by a slash closes one level.</summary>
    private int Comment(ReadOnlySpan<char> line, int i)
    {
        int start = i;
        while (i < line.Length)
        {
            if (line[i] == '/' && i + 1 < line.Length && line[i + 1] == '*')
            {
                commentDepth++;
                i += 2;
                continue;
            }

            if (line[i] == '*')
            {
                int stars = i;
                while (stars < line.Length && line[stars] == '*')
                {
                    stars++;
                }

                if (stars < line.Length && line[stars] == '/')
                {
                    i = stars + 1;
                    if (commentDepth <= 0)
                    {
                        state = State.Initial;
                        break;
                    }

                    commentDepth--;
                    continue;
                }

                i = stars;
                continue;
            }

            i++;
        }

        Append(line[start..i]);
        return i;
    }

    /// <summary>
    /// Inside a single-quoted literal: <c>''</c> (not in B'' and X''), backslash escapes (E'' and, with
    /// standard_conforming_strings off, ''); a closing quote goes to the quote-stop state.
    /// </summary>
    private int Quoted(ReadOnlySpan<char> line, int i, bool backslashes, bool doubling)
    {
        int start = i;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '\\' && backslashes)
            {
                i = Math.Min(i + 2, line.Length);
                continue;
            }

            if (c == '\'')
            {
                if (doubling && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                beforeStop = state;
                state = State.QuoteStop;
                i++;
                break;
            }

            i++;
        }

        Append(line[start..i]);
        return i;
    }

    /// <summary>
    /// After a closing quote (psql's xqs): whitespace holding a newline (only a <c>\r</c> can occur within a line)
    /// and then a quote continue the literal in its former state; anything else returns to the initial state.
    /// At the end of the line the state carries over, as in psql.
    /// </summary>
    private int QuoteStop(ReadOnlySpan<char> line, int i)
    {
        if (Continuation(line, i) is { } quote)
        {
            Append(line[i..(quote + 1)]);
            state = beforeStop;
            return quote + 1;
        }

        state = State.Initial;
        return i;
    }

    /// <summary>The position of the quote that continues the literal, or null ({whitespace_with_newline}{quote}).</summary>
    private static int? Continuation(ReadOnlySpan<char> line, int i)
    {
        int j = i;
        while (j < line.Length)
        {
            if (line[j] is ' ' or '\t' or '\f')
            {
                j++;
            }
            else if (line[j] == '-' && j + 1 < line.Length && line[j + 1] == '-')
            {
                j = CommentEnd(line, j);
            }
            else
            {
                break;
            }
        }

        if (j >= line.Length || line[j] != '\r')
        {
            return null;
        }

        j++;
        while (j < line.Length)
        {
            if (IsSpace(line[j]))
            {
                j++;
            }
            else if (line[j] == '-' && j + 1 < line.Length && line[j + 1] == '-')
            {
                j = CommentEnd(line, j);
                if (j >= line.Length)
                {
                    return null;
                }
            }
            else
            {
                break;
            }
        }

        return j < line.Length && line[j] == '\'' ? j : null;
    }

    /// <summary>Inside <c>"..."</c> or <c>U&amp;"..."</c>: <c>""</c> is a quote, no escapes.</summary>
    private int QuotedIdentifier(ReadOnlySpan<char> line, int i)
    {
        int start = i;
        while (i < line.Length)
        {
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                state = State.Initial;
                i++;
                break;
            }

            i++;
        }

        Append(line[start..i]);
        return i;
    }

    /// <summary>Inside <c>$tag$...$tag$</c>: nothing but the same tag ends it.</summary>
    private int Dollar(ReadOnlySpan<char> line, int i)
    {
        int close = line[i..].IndexOf(dollarTag, StringComparison.Ordinal);
        close = close < 0 ? -1 : close + i;
        int end = close < 0 ? line.Length : close + dollarTag.Length;
        if (close >= 0)
        {
            state = State.Initial;
        }

        Append(line[i..end]);
        return end;
    }

    /// <summary>
    /// <c>:name</c>, <c>:'name'</c>, <c>:"name"</c> or <c>:{?name}</c> at <paramref name="i"/> (the colon), or null.
    /// In backticks only <c>:name</c> and <c>:'name'</c> are replaced.
    /// </summary>
    private (PsqlInterpolation Item, int End)? Variable(ReadOnlySpan<char> line, int i, bool inBackticks)
    {
        int j = i + 1;
        if (j >= line.Length)
        {
            return null;
        }

        (char close, PsqlVariableForm form, int nameStart) = line[j] switch
        {
            '\'' => ('\'', PsqlVariableForm.Literal, j + 1),
            '"' when !inBackticks => ('"', PsqlVariableForm.Identifier, j + 1),
            '{' when !inBackticks && j + 1 < line.Length && line[j + 1] == '?' => ('}', PsqlVariableForm.Test, j + 2),
            _ => ('\0', PsqlVariableForm.Plain, j),
        };
        int nameEnd = nameStart;
        while (nameEnd < line.Length && IsVariableChar(line[nameEnd]))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart)
        {
            return null;
        }

        if (form == PsqlVariableForm.Plain)
        {
            return (new PsqlInterpolation(line[nameStart..nameEnd].ToString(), form, lineNumber), nameEnd);
        }

        return nameEnd < line.Length && line[nameEnd] == close
            ? (new PsqlInterpolation(line[nameStart..nameEnd].ToString(), form, lineNumber), nameEnd + 1)
            : null;
    }
}
