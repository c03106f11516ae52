namespace Migplan.Rendering.Psql;

/// <summary>
/// A model of how psql 15 reads a script file (<c>psql -f</c>): its SQL lexer (src/fe_utils/psqlscan.l), its
/// backslash-command lexer (src/bin/psql/psqlscanslash.l) and its main loop (src/bin/psql/mainloop.c), so that a
/// generated script can be checked for what psql would run besides the planned SQL.
/// <para>
/// What it follows: psql reads the file line by line (lines end at <c>\n</c> only; a NUL ends the line early); a
/// <c>--</c> comment ends at <c>\r</c> or the end of the line; <c>/* */</c> nests; <c>'...'</c> doubles quotes and
/// also takes backslash escapes when standard_conforming_strings is off (always in <c>E'...'</c>; never in
/// <c>B'</c>, <c>X'</c>, <c>U&amp;'</c>); a string is continued only by a quote after whitespace holding a
/// <c>\r</c> on the same line; <c>"..."</c>, <c>U&amp;"..."</c>; <c>$tag$</c> (no leading digit; <c>$1</c> is a
/// parameter and letters after a number or parameter belong to it); a backslash outside all of these starts a
/// meta-command anywhere on a line, except <c>\;</c> and <c>\:</c>; the command's arguments (which may be quoted
/// with <c>'</c>, <c>"</c> or backticks) end at the end of the line or at an unquoted backslash, where <c>\\</c>
/// is eaten and SQL starts again, and any other backslash starts the next meta-command; <c>\!</c>, <c>\copy</c>,
/// <c>\h</c>, <c>\sf</c>, <c>\ef</c> ... take the whole rest of the line, and so does an unknown command (psql
/// throws the line away after the error); <c>;</c> ends a statement outside parentheses and outside the
/// <c>BEGIN ... END</c> of a <c>CREATE FUNCTION/PROCEDURE</c> body; <c>:name</c>, <c>:'name'</c>,
/// <c>:"name"</c> and <c>:{?name}</c> outside quotes are interpolations (<c>::</c> is a cast); <c>1e-</c> is
/// one token, so <c>1e--</c> starts no comment; a <c>--</c> comment inside a query is sent with it; a
/// <c>SET standard_conforming_strings</c> statement changes the quoting rules from the next line on, as psql
/// picks up the server's new value.
/// </para>
/// <para>
/// Checked against psql 15 itself by tests/Migplan.IntegrationTests/Inertness/PsqlScriptAgreementTests.cs
/// (random scripts, psql's own echo of what it sends).
/// </para>
/// <para>
/// What it does not: it reports every item as read, as if every command succeeded and every <c>\if</c> branch
/// were active (so it may report more than psql runs, never less); it does not evaluate variables, backticks,
/// <c>\gexec</c> results or the data lines after <c>COPY ... FROM STDIN</c>.
/// </para>
/// </summary>
public static class PsqlScript
{
    /// <summary>The meta-commands migplan itself writes into its scripts.</summary>
    public static readonly IReadOnlyList<string> OwnMetaCommands = ["\\set AUTOCOMMIT on", "\\gexec"];

    /// <param name="script">The script's text.</param>
    /// <param name="standardConformingStrings">The server's setting when the script starts.</param>
    public static PsqlScan Scan(string script, bool standardConformingStrings = true) =>
        new PsqlLexer(standardConformingStrings).Run(script);


    /// <summary>
    /// Whether psql 15 has a backslash command of this name (any name starting with <c>d</c> is taken as one of its
    /// \d commands). An unknown one is an error, and psql drops the rest of its line.
    /// </summary>
    public static bool IsKnownCommand(string name) => PsqlLexer.IsKnown(name);
}
