namespace Migplan.Sql;

/// <summary>
/// The places where psql reads a change differently from PostgreSQL (rules of psql 15's psqlscan.l): a backslash
/// outside quoted text and comments (a meta-command, or <c>\;</c> / <c>\:</c>), a variable reference, a lone
/// carriage return, which ends a line for PostgreSQL's lexer but not for psql's line reader or a reviewer's editor,
/// and a NUL character, after which psql drops the rest of the line.
/// </summary>
public static partial class Lexer
{
    private const int MaxNameShown = 24;

    /// <summary>Reports every psql construct among <paramref name="count"/> tokens of a change, the first lone CR
    /// outside quoted text (one is enough to name the file's line endings) and the first NUL.</summary>
    /// <remarks>
    /// A schema dump is only read, but its definitions (an index's, a foreign key's, a column's type) are written
    /// into rollback scripts: so it gets the same checks, except that a meta-command standing where a statement
    /// starts (pg_dump's <c>\restrict</c>, <c>\connect</c>) is tolerated there (<see cref="PsqlSyntax.Tolerated"/>).
    /// </remarks>
    internal static void CheckPsqlSyntax(SourceText source, Token[] tokens, int count, ICollection<Diagnostic> diagnostics, PsqlSyntax psql)
    {
        string s = source.Text;
        int nul = s.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            diagnostics.Add(new Diagnostic(Location(source, nul, 1),
                "NUL character: psql ignores the rest of its line (PostgreSQL refuses it in SQL), so what runs is not what the plan shows; remove it"));
        }

        bool loneCrReported = false;
        int gapStart = 0;
        for (int k = 0; k < count; k++)
        {
            Token token = tokens[k];
            if (!loneCrReported)
            {
                loneCrReported = ReportLoneCr(source, gapStart, token.Start, diagnostics);
            }

            gapStart = token.End;
            switch (token.Kind)
            {
                case TokenKind.PsqlMetaCommand when psql == PsqlSyntax.Refused || (k > 0 && tokens[k - 1].Kind is not (TokenKind.Semicolon or TokenKind.PsqlMetaCommand)):
                    diagnostics.Add(new Diagnostic(Location(source, token.Start, 1), MetaCommandMessage(s, token.Start) +
                        (psql == PsqlSyntax.Tolerated ? " (a schema dump may hold one only where a statement starts)" : string.Empty)));
                    break;
                case TokenKind.Colon when VariableReference(s, token.Start) is { } name:
                    diagnostics.Add(new Diagnostic(Location(source, token.Start, 1),
                        $"psql would substitute the variable {name} here (psql sets USER, DBNAME, HOST, ENCODING and more), so what runs is not what the plan shows; " +
                        "put a space after ':' (e.g. arr[1 : n])"));
                    break;
            }
        }
    }

    /// <summary>True when a CR not followed by LF lies in [<paramref name="start"/>, <paramref name="end"/>) (reported).</summary>
    private static bool ReportLoneCr(SourceText source, int start, int end, ICollection<Diagnostic> diagnostics)
    {
        string s = source.Text;
        int i = s.AsSpan(start, end - start).IndexOf('\r');
        while (i >= 0)
        {
            int at = start + i;
            if (at + 1 >= s.Length || s[at + 1] != '\n')
            {
                diagnostics.Add(new Diagnostic(Location(source, at, 1),
                    "carriage return without a line feed: PostgreSQL ends a line (and a -- comment) there, psql and editors may not, so a reviewer may not see what runs; " +
                    "save the file with LF or CRLF line endings"));
                return true;
            }

            int next = s.AsSpan(at + 1, end - at - 1).IndexOf('\r');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static string MetaCommandMessage(string s, int start)
    {
        if (start + 1 < s.Length && s[start + 1] is ';' or ':')
        {
            return $"psql escape \\{s[start + 1]} is not allowed in a change: psql sends it as a plain '{s[start + 1]}'"
                + (s[start + 1] == ';' ? " that does not end the statement" : string.Empty)
                + ", so migplan cannot show what runs; remove the backslash";
        }

        int end = start + 1;
        while (end < s.Length && s[end] is not (' ' or '\t' or '\n' or '\r' or '\f' or '\\') && end - start < MaxNameShown)
        {
            end++;
        }

        string name = s[start..end];
        return $"psql meta-command {name} is not allowed in a change: migplan plans SQL statements only and cannot show what a meta-command runs; remove it";
    }

    /// <summary>The variable reference psql sees at the colon at <paramref name="colon"/>, or null:
    /// <c>:name</c>, <c>:'name'</c>, <c>:"name"</c> or <c>:{?name}</c>, a name being letters, digits, _ and non-ASCII.</summary>
    internal static string? VariableReference(string s, int colon)
    {
        int i = colon + 1;
        if (i >= s.Length)
        {
            return null;
        }

        if (IsVariableChar(s[i]))
        {
            return Shown(s, colon, VariableEnd(s, i));
        }

        (char open, string close) = s[i] switch
        {
            '\'' => ('\'', "'"),
            '"' => ('"', "\""),
            '{' when i + 1 < s.Length && s[i + 1] == '?' => ('{', "}"),
            _ => ('\0', string.Empty),
        };
        if (open == '\0')
        {
            return null;
        }

        int nameStart = i + (open == '{' ? 2 : 1);
        int nameEnd = VariableEnd(s, nameStart);
        return nameEnd > nameStart && nameEnd < s.Length && s[nameEnd] == close[0] ? Shown(s, colon, nameEnd + 1) : null;
    }

    private static int VariableEnd(string s, int i)
    {
        while (i < s.Length && IsVariableChar(s[i]))
        {
            i++;
        }

        return i;
    }

    private static string Shown(string s, int start, int end) =>
        end - start <= MaxNameShown ? s[start..end] : s.Substring(start, MaxNameShown) + "...";

    /// <summary>psql's variable_char: [A-Za-z\200-\377_0-9] (every byte of a non-ASCII character).</summary>
    private static bool IsVariableChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c >= '\u0080';
}
