using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Migplan.Rendering.Psql;

/// <summary>
/// The state machine behind <see cref="PsqlScript.Scan"/>: psqlscan.l's exclusive states, fed one line at a time
/// as mainloop.c does. The backslash commands are in <c>PsqlLexer.Slash.cs</c>.
/// </summary>
internal sealed partial class PsqlLexer(bool standardConformingStrings, bool keepStatements = true)
{
    private readonly bool initialStandardStrings = standardConformingStrings;
    private readonly ImmutableArray<PsqlItem>.Builder items = ImmutableArray.CreateBuilder<PsqlItem>();
    private readonly CharBuffer pending = new();
    private readonly char[] identifiers = new char[4];
    private CharBuffer query = new();
    private CharBuffer previous = new();
    private State state = State.Initial;
    private State beforeStop;
    private string dollarTag = string.Empty;
    private int commentDepth;
    private int parenDepth;
    private int beginDepth;
    private int identifierCount;
    private bool standardStrings = standardConformingStrings;
    private bool nextStandardStrings = standardConformingStrings;
    private int lineNumber;
    private int queryLine;
    private int addedNewline = -1;

    private enum State
    {
        Initial,
        QuoteStop,
        Comment,
        Standard,
        Escaped,
        BitOrHex,
        Unicode,
        QuotedIdentifier,
        Dollar,
    }

    private bool InQuote => state is not (State.Initial or State.QuoteStop);

    public PsqlScan Run(string script)
    {
        Feed(script);
        return Finish();
    }

    /// <summary>Reads the next part of a script (parts may end anywhere: a line is read once it is whole).</summary>
    public void Feed(ReadOnlySpan<char> text)
    {
        if (pending.Length > 0)
        {
            int first = text.IndexOf('\n');
            if (first < 0)
            {
                pending.Append(text);
                return;
            }

            pending.Append(text[..first]);
            Line(pending.Span);
            pending.Clear();
            text = text[(first + 1)..];
        }

        while (text.Length > 0)
        {
            int newline = text.IndexOf('\n');
            if (newline < 0)
            {
                pending.Append(text);
                return;
            }

            Line(text[..newline]);
            text = text[(newline + 1)..];
        }
    }

    /// <summary>The end of the script: its last line, and the query psql sends at the end of the file.</summary>
    public PsqlScan Finish()
    {
        if (pending.Length > 0)
        {
            Line(pending.Span);
            pending.Clear();
        }

        if (query.Length > 0)
        {
            Send("end of file");
        }

        return new PsqlScan(items.ToImmutable(), OpenState());
    }

    private void Line(ReadOnlySpan<char> line)
    {
        lineNumber++;
        int nul = line.IndexOf('\0');
        if (nul >= 0)
        {
            line = line[..nul];
        }

        if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
        {
            line = line[1..];
        }

        if (line.Length == 0 && !InQuote)
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append('\n');
            addedNewline = query.Length;
        }
        else
        {
            addedNewline = -1;
        }

        standardStrings = nextStandardStrings;
        ScanLine(line);
    }

    private string? OpenState() => state switch
    {
        State.Initial or State.QuoteStop => null,
        State.Comment => "a /* comment",
        State.Standard or State.Escaped or State.BitOrHex or State.Unicode => "a string literal",
        State.QuotedIdentifier => "a quoted identifier",
        State.Dollar => $"a dollar-quoted string ({dollarTag})",
        _ => throw new System.Diagnostics.UnreachableException(state.ToString()),
    };

    private void ScanLine(ReadOnlySpan<char> line)
    {
        int i = 0;
        while (i < line.Length)
        {
            i = state switch
            {
                State.Initial => Initial(line, i),
                State.QuoteStop => QuoteStop(line, i),
                State.Comment => Comment(line, i),
                State.Standard or State.Unicode => Quoted(line, i, backslashes: false, doubling: true),
                State.Escaped => Quoted(line, i, backslashes: true, doubling: true),
                State.BitOrHex => Quoted(line, i, backslashes: false, doubling: false),
                State.QuotedIdentifier => QuotedIdentifier(line, i),
                State.Dollar => Dollar(line, i),
                _ => throw new System.Diagnostics.UnreachableException(state.ToString()),
            };
        }
    }

    private int Initial(ReadOnlySpan<char> line, int i)
    {
        char c = line[i];
        char next = i + 1 < line.Length ? line[i + 1] : '\0';
        if (IsSpace(c))
        {
            int end = i;
            while (end < line.Length && IsSpace(line[end]))
            {
                end++;
            }

            if (query.Length > 0)
            {
                Append(line[i..end]);
            }

            return end;
        }

        if (c == '-' && next == '-')
        {
            // psql 15 keeps a comment inside a query (it sends it); one before the query is dropped.
            int end = CommentEnd(line, i);
            if (query.Length > 0)
            {
                Append(line[i..end]);
            }

            return end;
        }

        if (c == '/' && next == '*')
        {
            commentDepth = 0;
            state = State.Comment;
            Append("/*");
            return i + 2;
        }

        if (IsIdentStart(c))
        {
            return Word(line, i, next);
        }

        if (IsDigit(c) || (c == '.' && IsDigit(next)))
        {
            return Number(line, i);
        }

        switch (c)
        {
            case '\'':
                return OpenQuote(standardStrings ? State.Standard : State.Escaped, "'", i + 1);
            case '"':
                return OpenQuote(State.QuotedIdentifier, "\"", i + 1);
            case '$':
                return DollarStart(line, i, next);
            case '(':
                parenDepth++;
                break;
            case ')':
                parenDepth = Math.Max(0, parenDepth - 1);
                break;
            case ';':
                Append(";");
                if (parenDepth == 0 && beginDepth == 0)
                {
                    identifierCount = 0;
                    Send(";");
                }

                return i + 1;
            case '\\' when next is ';' or ':':
                Append(next);
                if (next == ';')
                {
                    identifierCount = 0;
                }

                return i + 2;
            case '\\':
                return MetaCommand(line, i + 1);
            case ':':
                return Colon(line, i, next);
        }

        Append(c);
        return i + 1;
    }

    /// <summary>A word, or the quote it prefixes: E'..', B'..', X'..', N'..', U&amp;'..', U&amp;"..".</summary>
    private int Word(ReadOnlySpan<char> line, int i, char next)
    {
        char lower = char.ToLowerInvariant(line[i]);
        if (next == '\'')
        {
            switch (lower)
            {
                case 'e':
                    return OpenQuote(State.Escaped, line[i..(i + 2)].ToString(), i + 2);
                case 'b' or 'x':
                    return OpenQuote(State.BitOrHex, line[i..(i + 2)].ToString(), i + 2);
                case 'n':
                    Append(line[i]);
                    return i + 1;
            }
        }

        if (lower == 'u' && next == '&' && i + 2 < line.Length && line[i + 2] is '\'' or '"')
        {
            return OpenQuote(line[i + 2] == '\'' ? State.Unicode : State.QuotedIdentifier, line[i..(i + 3)].ToString(), i + 3);
        }

        int end = IdentifierEnd(line, i);
        var word = line[i..end];
        TrackFunctionBody(word);
        Append(word);
        return end;
    }

    /// <summary>A number (digits, fraction, exponent); in psql 15 a word right after it belongs to it (junk).</summary>
    private int Number(ReadOnlySpan<char> line, int i)
    {
        int end = i;
        while (end < line.Length && IsDigit(line[end]))
        {
            end++;
        }

        if (end < line.Length && line[end] == '.' && !(end + 1 < line.Length && line[end + 1] == '.'))
        {
            end++;
            while (end < line.Length && IsDigit(line[end]))
            {
                end++;
            }
        }

        // An exponent with a sign is a real ("1e-5") or, without digits, psql 15's {realfail} ("1e-": one token,
        // so "1e--" starts no comment). Otherwise letters after the number make flex's longest match the junk
        // rule {number}{identifier}, "e" included: "1e1$a$" is one token, and starts no dollar quote (checked).
        if (end + 1 < line.Length && line[end] is 'e' or 'E' && line[end + 1] is '+' or '-')
        {
            int exponent = end + 2;
            if (exponent >= line.Length || !IsDigit(line[exponent]))
            {
                Append(line[i..exponent]);
                return exponent;
            }

            end = exponent;
            while (end < line.Length && IsDigit(line[end]))
            {
                end++;
            }
        }

        if (end < line.Length && IsIdentStart(line[end]))
        {
            end = IdentifierEnd(line, end);
        }

        Append(line[i..end]);
        return end;
    }

    /// <summary>At a <c>$</c>: a parameter <c>$1</c>, a dollar quote <c>$tag$</c>, or a lone <c>$</c>.</summary>
    private int DollarStart(ReadOnlySpan<char> line, int i, char next)
    {
        if (IsDigit(next))
        {
            int end = i + 1;
            while (end < line.Length && IsDigit(line[end]))
            {
                end++;
            }

            if (end < line.Length && IsIdentStart(line[end]))
            {
                end = IdentifierEnd(line, end);
            }

            Append(line[i..end]);
            return end;
        }

        int tagEnd = i + 1;
        if (IsIdentStart(next))
        {
            while (tagEnd < line.Length && (IsIdentStart(line[tagEnd]) || IsDigit(line[tagEnd])))
            {
                tagEnd++;
            }
        }

        if (tagEnd < line.Length && line[tagEnd] == '$')
        {
            dollarTag = line[i..(tagEnd + 1)].ToString();
            return OpenQuote(State.Dollar, dollarTag, tagEnd + 1);
        }

        // psql's dolqfailed: keep the "$" and read what follows as a word.
        Append("$");
        return i + 1;
    }

    private int Colon(ReadOnlySpan<char> line, int i, char next)
    {
        if (next is ':' or '=')
        {
            Append(line[i..(i + 2)]);
            return i + 2;
        }

        if (Variable(line, i, inBackticks: false) is { } variable)
        {
            items.Add(variable.Item);
            Append(line[i..variable.End]);
            return variable.End;
        }

        Append(":");
        return i + 1;
    }

    private int OpenQuote(State quoted, string opening, int end)
    {
        state = quoted;
        Append(opening);
        return end;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (query.Length == 0)
        {
            queryLine = lineNumber;
        }

        query.Append(text);
    }

    private void Append(char c)
    {
        if (query.Length == 0)
        {
            queryLine = lineNumber;
        }

        query.Append(c);
    }

    /// <summary>Sends the query buffer, as psql does at <c>;</c>, at the end of the file, or for <c>\g</c>-like commands.</summary>
    private void Send(string terminator)
    {
        var text = query.Span;
        if (keepStatements)
        {
            items.Add(new PsqlStatement(text.ToString(), queryLine, terminator));
        }

        if (StandardStringsSetting().IsMatch(text) && StandardStringsSetting().Match(text.ToString()) is { Success: true } set)
        {
            nextStandardStrings = set.Groups["value"].Value.ToLowerInvariant() switch
            {
                "on" or "true" or "yes" or "1" => true,
                "off" or "false" or "no" or "0" => false,
                _ => initialStandardStrings,
            };
        }
        else if (ResetStandardStrings().IsMatch(text))
        {
            nextStandardStrings = initialStandardStrings;
        }

        // The sent query becomes the previous one (what \g sends when the buffer is empty); the buffers swap.
        (previous, query) = (query, previous);
        query.Clear();
        addedNewline = -1;
    }

    /// <summary>psql's CREATE [OR REPLACE] FUNCTION/PROCEDURE heuristic: semicolons inside BEGIN ... END do not end it.</summary>
    private void TrackFunctionBody(ReadOnlySpan<char> word)
    {
        if (identifierCount == 0)
        {
            Array.Clear(identifiers);
        }

        if (identifierCount < identifiers.Length && (Is(word, "create") || Is(word, "function") || Is(word, "procedure") || Is(word, "or") || Is(word, "replace")))
        {
            identifiers[identifierCount] = (char)(word[0] | 0x20);
        }

        identifierCount++;
        bool functionBody = identifiers[0] == 'c'
            && (identifiers[1] is 'f' or 'p' || (identifiers[1] == 'o' && identifiers[2] == 'r' && identifiers[3] is 'f' or 'p'));
        if (!functionBody || parenDepth != 0)
        {
            return;
        }

        if (Is(word, "begin") || (Is(word, "case") && beginDepth >= 1))
        {
            beginDepth++;
        }
        else if (Is(word, "end") && beginDepth > 0)
        {
            beginDepth--;
        }
    }

    /// <summary>pg_strcasecmp against a lower-case keyword: only ASCII letters fold (so "begın" is no BEGIN).</summary>
    private static bool Is(ReadOnlySpan<char> word, string keyword)
    {
        if (word.Length != keyword.Length)
        {
            return false;
        }

        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i] is >= 'A' and <= 'Z' ? (char)(word[i] + ('a' - 'A')) : word[i];
            if (c != keyword[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int IdentifierEnd(ReadOnlySpan<char> line, int i)
    {
        int end = i;
        while (end < line.Length && (IsIdentStart(line[end]) || IsDigit(line[end]) || line[end] == '$'))
        {
            end++;
        }

        return end;
    }

    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>[A-Za-z\200-\377_]: in UTF-8 every non-ASCII character is made of such bytes.</summary>
    private static bool IsIdentStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    internal static bool IsVariableChar(char c) => IsIdentStart(c) || IsDigit(c);

    [GeneratedRegex(@"^\s*SET\s+(?:SESSION\s+|LOCAL\s+)?standard_conforming_strings\s*(?:=|\s+TO\s+)\s*'?(?<value>\w+)'?\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StandardStringsSetting();

    [GeneratedRegex(@"^\s*RESET\s+(?:standard_conforming_strings|ALL)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResetStandardStrings();
}
