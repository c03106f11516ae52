namespace Migplan.Rendering.Psql;

/// <summary>psqlscanslash.l and HandleSlashCmds (src/bin/psql/command.c): a backslash command and where SQL resumes.</summary>
internal sealed partial class PsqlLexer
{
    /// <summary>Commands whose argument is the whole rest of the line (OT_WHOLE_LINE).</summary>
    private static readonly HashSet<string> WholeLine = new(StringComparer.Ordinal)
    {
        "!", "copy", "ef", "ev", "h", "help", "sf", "sf+", "sv", "sv+",
    };

    /// <summary>Commands whose first argument may be <c>|command</c>, which takes the rest of the line (OT_FILEPIPE).</summary>
    private static readonly HashSet<string> FilePipe = new(StringComparer.Ordinal) { "g", "gx", "o", "out", "w", "write" };

    /// <summary>Commands that send the query buffer (or, when it is empty, the previous query) to the server.</summary>
    private static readonly HashSet<string> Sending = new(StringComparer.Ordinal)
    {
        "g", "gx", "gexec", "gset", "gdesc", "crosstabview", "watch",
    };

    /// <summary>The other commands psql 15 knows (any name starting with <c>d</c> is taken as one of its \d commands).</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "?", "a", "c", "connect", "C", "cd", "conninfo", "copyright", "e", "edit", "echo", "elif", "else", "endif",
        "encoding", "errverbose", "f", "H", "html", "i", "include", "if", "ir", "include_relative", "l", "l+", "list",
        "list+", "lo_export", "lo_import", "lo_list", "lo_list+", "lo_unlink", "p", "print", "password", "prompt",
        "pset", "q", "quit", "qecho", "r", "reset", "s", "set", "setenv", "t", "T", "timing", "unset", "warn", "x", "z",
    };

    /// <summary>
    /// Reads the command starting after the backslash at <paramref name="i"/>; returns where the SQL lexer goes on.
    /// </summary>
    private int MetaCommand(ReadOnlySpan<char> line, int i)
    {
        // mainloop.c: a newline added to the query buffer for this line alone is taken back.
        if (addedNewline >= 0 && query.Length == addedNewline)
        {
            query.RemoveLast();
        }

        addedNewline = -1;
        int nameEnd = i;
        while (nameEnd < line.Length && !IsSpace(line[nameEnd]) && line[nameEnd] != '\\')
        {
            nameEnd++;
        }

        string name = line[i..nameEnd].ToString();
        var interpolations = new List<PsqlInterpolation>();
        int end = WholeLine.Contains(name) || !IsKnown(name)
            ? line.Length
            : Arguments(line, nameEnd, FilePipe.Contains(name), interpolations);
        if (Sending.Contains(name))
        {
            if (query.Length == 0)
            {
                Append(previous.Span);
            }

            Send("\\" + name);
            ResetScanner();
        }

        items.Add(new PsqlMetaCommand(name, line[nameEnd..end].Trim(" \t\n\r\f").ToString(), lineNumber));
        items.AddRange(interpolations);

        // psql_scan_slash_command_end: a "\\" after the command is eaten; any other backslash starts the next one.
        return end + 1 < line.Length && line[end] == '\\' && line[end + 1] == '\\' ? end + 2 : end;
    }

    internal static bool IsKnown(string name) =>
        Known.Contains(name) || WholeLine.Contains(name) || FilePipe.Contains(name) || Sending.Contains(name) || name.StartsWith('d');

    /// <summary>
    /// The arguments (OT_NORMAL): each runs to an unquoted space or backslash; <c>'...'</c> (with <c>''</c> and
    /// backslash escapes), <c>"..."</c> and <c>`...`</c> quote; a quote left open takes the rest of the line.
    /// Returns the position of the backslash that ends the command, or the end of the line.
    /// </summary>
    private int Arguments(ReadOnlySpan<char> line, int p, bool filePipe, List<PsqlInterpolation> interpolations)
    {
        bool first = true;
        while (true)
        {
            while (p < line.Length && IsSpace(line[p]))
            {
                p++;
            }

            if (p >= line.Length)
            {
                return p;
            }

            if (first && filePipe && line[p] == '|')
            {
                return line.Length;
            }

            first = false;
            while (p < line.Length && !IsSpace(line[p]) && line[p] != '\\')
            {
                switch (line[p])
                {
                    case '\'':
                        p = SlashQuoteEnd(line, p + 1);
                        break;
                    case '"':
                        int close = line[(p + 1)..].IndexOf('"');
                        p = close < 0 ? line.Length : p + 1 + close + 1;
                        break;
                    case '`':
                        p = BacktickEnd(line, p + 1, interpolations);
                        break;
                    case ':' when Variable(line, p, inBackticks: false) is { } variable:
                        interpolations.Add(variable.Item);
                        p = variable.End;
                        break;
                    default:
                        p++;
                        break;
                }
            }

            if (p >= line.Length || line[p] == '\\')
            {
                return p;
            }
        }
    }

    /// <summary>After the opening quote of a quoted argument: <c>''</c> and a backslash with the next character stay inside.</summary>
    private static int SlashQuoteEnd(ReadOnlySpan<char> line, int p)
    {
        while (p < line.Length)
        {
            if (line[p] == '\\')
            {
                p += 2;
                continue;
            }

            if (line[p] == '\'')
            {
                if (p + 1 < line.Length && line[p + 1] == '\'')
                {
                    p += 2;
                    continue;
                }

                return p + 1;
            }

            p++;
        }

        return line.Length;
    }

    /// <summary>After an opening backtick: up to the next backtick (psql runs the text as a shell command).</summary>
    private int BacktickEnd(ReadOnlySpan<char> line, int p, List<PsqlInterpolation> interpolations)
    {
        while (p < line.Length && line[p] != '`')
        {
            if (line[p] == ':' && Variable(line, p, inBackticks: true) is { } variable)
            {
                interpolations.Add(variable.Item);
                p = variable.End;
                continue;
            }

            p++;
        }

        return Math.Min(p + 1, line.Length);
    }

    /// <summary>psql_scan_reset, after a command that sent the query.</summary>
    private void ResetScanner()
    {
        state = State.Initial;
        parenDepth = 0;
        beginDepth = 0;
        commentDepth = 0;
        identifierCount = 0;
    }
}
