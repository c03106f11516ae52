using Migplan.Rendering.Psql;

namespace Migplan.Tests.Psql;

/// <summary>
/// The psql model against psqlscan.l / psqlscanslash.l. Each case says what psql 15 does; the ones marked
/// "checked" were run with <c>/usr/lib/postgresql/15/bin/psql -X -v ON_ERROR_STOP=1 -f</c> on PostgreSQL 15,
/// with <c>\echo</c> markers showing which meta-commands ran.
/// </summary>
public sealed class PsqlScriptTests
{
    [Fact]
    public void Statements_EndAtSemicolons_AndAtEndOfFile()
    {
        var scan = PsqlScript.Scan("SELECT 1;\n  SELECT 2; SELECT\n 3");

        Assert.Equal(["SELECT 1;", "SELECT 2;", "SELECT\n 3"], scan.Statements.Select(s => s.Text));
        Assert.Equal([1, 2, 2], scan.Statements.Select(s => s.Line));
        Assert.Equal("end of file", scan.Statements.Last().Terminator);
        Assert.Empty(scan.MetaCommands);
    }

    [Fact]
    public void LineComment_HidesABackslashUpToTheEndOfTheLine()
    {
        var scan = PsqlScript.Scan("-- Step 1: \\! touch marker\nSELECT 1;\n");

        Assert.Empty(scan.MetaCommands);
        Assert.Equal("SELECT 1;", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void LineComment_EndsAtACarriageReturn_SoWhatFollowsIsAMetaCommand()
    {
        // Checked: "select 3 as c; -- comment\r\echo CR-ESCAPE" prints CR-ESCAPE.
        var scan = PsqlScript.Scan("-- Step 1: Add column x\r\\! touch marker\nSELECT 1;\n");

        var command = Assert.Single(scan.MetaCommands);
        Assert.Equal("!", command.Name);
        Assert.Equal("touch marker", command.Arguments);
        Assert.Equal(1, command.Line);
    }

    [Fact]
    public void LineFeed_InAComment_StartsANewLine_WhereABackslashIsAMetaCommand()
    {
        var scan = PsqlScript.Scan("-- Step 1: Add column \"x\n\\! id > FILE #\"\nSELECT 1;\n");

        Assert.Equal("! id > FILE #\"", Assert.Single(scan.MetaCommands).ToString()[1..]);
    }

    [Fact]
    public void LineFeed_InAQuotedIdentifier_StaysInsideIt()
    {
        var scan = PsqlScript.Scan("ALTER TABLE users ADD COLUMN \"x\n\\! id > FILE #\" text;\n");

        Assert.Empty(scan.MetaCommands);
        Assert.Equal("ALTER TABLE users ADD COLUMN \"x\n\\! id > FILE #\" text;", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void Backslash_AnywhereOnALine_StartsAMetaCommand_AndThePendingQueryWaits()
    {
        // Checked: "select 1 as a$b$ \echo META21" echoes first, then sends the query at the end of the file.
        var scan = PsqlScript.Scan("SELECT 1 AS a$b$ \\echo hi\n");

        Assert.Collection(
            scan.Items,
            i => Assert.Equal(new PsqlMetaCommand("echo", "hi", 1), i),
            i => Assert.Equal(new PsqlStatement("SELECT 1 AS a$b$ ", 1, "end of file"), i));
    }

    [Fact]
    public void DoubleBackslash_EndsTheMetaCommand_AndTheRestOfTheLineIsSql()
    {
        // Checked: "\echo checking \\ select 2 as b;" prints "checking" and runs the SELECT (issue 9, item 2).
        var scan = PsqlScript.Scan("\\echo checking \\\\ DROP TABLE user_emails;\n");

        Assert.Collection(
            scan.Items,
            i => Assert.Equal(new PsqlMetaCommand("echo", "checking", 1), i),
            i => Assert.Equal(new PsqlStatement("DROP TABLE user_emails;", 1, ";"), i));
    }

    [Fact]
    public void SingleBackslash_AfterTheArguments_StartsTheNextMetaCommand()
    {
        // Checked: "\echo a \!echo SHELL" prints "a", then "invalid command \!echo".
        var scan = PsqlScript.Scan("\\echo a \\! touch marker\n");

        Assert.Equal(["\\echo a", "\\! touch marker"], scan.MetaCommands.Select(m => m.ToString()));
    }

    [Fact]
    public void ShellEscape_TakesTheWholeLine_DoubleBackslashIncluded()
    {
        // Checked: "\! echo A \\ echo B" prints "A \ echo B" (the shell got the whole line).
        var scan = PsqlScript.Scan("\\! echo A \\\\ SELECT 1;\n");

        Assert.Equal("echo A \\\\ SELECT 1;", Assert.Single(scan.MetaCommands).Arguments);
        Assert.Empty(scan.Statements);
    }

    [Fact]
    public void UnknownCommand_TakesTheRestOfTheLine()
    {
        // Checked: "\!echo X" is "invalid command \!echo" (no one-letter fallback in psql 15); the line is dropped.
        var scan = PsqlScript.Scan("\\!id \\\\ SELECT 1;\n");

        Assert.Equal("!id", Assert.Single(scan.MetaCommands).Name);
        Assert.Empty(scan.Statements);
    }

    [Fact]
    public void QuotedArguments_HideBackslashes()
    {
        // Checked: prints "q \ q "d \\ d"" and runs the SELECT.
        var scan = PsqlScript.Scan("\\echo 'q \\\\ q' \"d \\\\ d\" `echo \\\\` \\\\ SELECT 'sql';\n");

        Assert.Equal("'q \\\\ q' \"d \\\\ d\" `echo \\\\`", Assert.Single(scan.MetaCommands).Arguments);
        Assert.Equal("SELECT 'sql';", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void UnterminatedQuotedArgument_TakesTheRestOfTheLine()
    {
        // Checked: "\echo 'unterminated" reports "unterminated quoted string"; the next line is SQL again.
        var scan = PsqlScript.Scan("\\echo 'x \\\\ SELECT 1;\nSELECT 5;\n");

        Assert.Single(scan.MetaCommands);
        Assert.Equal("SELECT 5;", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void BackslashSemicolon_PutsASemicolonInTheQuery_WithoutSending()
    {
        // Checked: "select 6 as w \; select 7 as x;" is one query with two results.
        var scan = PsqlScript.Scan("SELECT 6 \\; SELECT 7;\n");

        Assert.Equal("SELECT 6 ; SELECT 7;", Assert.Single(scan.Statements).Text);
        Assert.Empty(scan.MetaCommands);
    }

    [Fact]
    public void StandardStringsOn_BackslashInAStringIsLiteral_SoTheQuoteCloses()
    {
        var scan = PsqlScript.Scan("SELECT 'a\\' \\echo x';\n");

        Assert.Equal("echo", Assert.Single(scan.MetaCommands).Name);
    }

    [Fact]
    public void StandardStringsOff_BackslashQuoteStaysInTheString()
    {
        var scan = PsqlScript.Scan("SELECT 'a\\' \\echo x';\n", standardConformingStrings: false);

        Assert.Empty(scan.MetaCommands);
        Assert.Equal("SELECT 'a\\' \\echo x';", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void EscapeString_TakesBackslashEscapes_WhateverTheSetting()
    {
        Assert.Empty(PsqlScript.Scan("SELECT E'\\' \\echo x';\n").MetaCommands);
        Assert.Empty(PsqlScript.Scan("SELECT e'\\\\\\' \\echo x';\n").MetaCommands);
    }

    [Fact]
    public void SetStandardConformingStringsOff_ChangesTheRulesFromTheNextLine()
    {
        // Checked: after "set standard_conforming_strings=off;", "select 'a\' \echo OFF ' as z;" is one string.
        var scan = PsqlScript.Scan("SET standard_conforming_strings = off; SELECT 'a\\' \\echo same-line';\nSELECT 'a\\' \\echo next-line';\n");

        Assert.Equal("echo", Assert.Single(scan.MetaCommands).Name);
        Assert.Equal(1, Assert.Single(scan.MetaCommands).Line);
    }

    [Fact]
    public void StringPrefixes_FollowPsql()
    {
        // Checked: U&'\' and B'1\' close at the second quote even with standard_conforming_strings off (META37,
        // META38 printed); N'a\' follows the setting (META39 not printed); abcE'\' is the word abcE and a plain string.
        Assert.Single(PsqlScript.Scan("SELECT U&'\\' \\echo x';\n", standardConformingStrings: false).MetaCommands);
        Assert.Single(PsqlScript.Scan("SELECT B'1\\' \\echo x';\n", standardConformingStrings: false).MetaCommands);
        Assert.Single(PsqlScript.Scan("SELECT x'4\\' \\echo x';\n", standardConformingStrings: false).MetaCommands);
        Assert.Empty(PsqlScript.Scan("SELECT N'a\\' \\echo x';\n", standardConformingStrings: false).MetaCommands);
        Assert.Single(PsqlScript.Scan("SELECT abcE'\\' \\echo x';\n").MetaCommands);
        Assert.Empty(PsqlScript.Scan("SELECT U&\"a \\echo x\";\n").MetaCommands);
    }

    [Fact]
    public void QuotedIdentifier_HidesEverything_DoubledQuotesIncluded()
    {
        var scan = PsqlScript.Scan("SELECT 1 AS \"a\"\" \\echo b\";\n");

        Assert.Empty(scan.MetaCommands);
    }

    [Fact]
    public void DollarQuote_HidesEverythingUpToTheSameTag()
    {
        var scan = PsqlScript.Scan("DO $migplan$\nBEGIN -- \\! no\n  RAISE NOTICE '$x$ \\! no';\nEND\n$migplan$;\nSELECT $a$ $b$ \\echo no $a$ \\echo yes\n");

        Assert.Equal("echo", Assert.Single(scan.MetaCommands).Name);
        Assert.Equal("yes", Assert.Single(scan.MetaCommands).Arguments);
        Assert.StartsWith("DO $migplan$\nBEGIN -- \\! no\n", scan.Statements.First().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DollarTag_CannotStartWithADigit_AndLettersAfterANumberBelongToIt()
    {
        // Checked: "select $1a$ \echo no $1a$;" and "select 1a$b$ \echo X $b$;" both ran the \echo.
        Assert.Single(PsqlScript.Scan("SELECT $1a$ \\echo no $1a$;\n").MetaCommands);
        Assert.Single(PsqlScript.Scan("SELECT 1a$b$ \\echo X $b$;\n").MetaCommands);
        Assert.Empty(PsqlScript.Scan("SELECT $_$ \\echo no $_$;\n").MetaCommands);
    }

    [Fact]
    public void BlockComments_Nest_AndSpanLines()
    {
        // Checked: "select 1 as g /* /* nested */ \echo still */;" runs no \echo.
        var scan = PsqlScript.Scan("SELECT 1 /* /* */ \\echo still */;\n/*\n\\! no\n*/ SELECT 2;\n");

        Assert.Empty(scan.MetaCommands);
        Assert.Equal(2, scan.Statements.Count());
    }

    [Fact]
    public void Interpolations_OutsideQuotes_ButNotCasts()
    {
        // Checked with -v foo=FOO -v bar=BAR -v baz=BAZ -v 2=TWO: "select FOO, 'BAR', "BAZ", FALSE, 1::int, (array[1,2])[1TWO];"
        var scan = PsqlScript.Scan("SELECT :foo, :'bar', :\"baz\", :{?q}, 1::int, x := 1, (array[1,2])[1:2], ':no', \":no\", $$:no$$ -- :no\n");

        Assert.Equal(
            [":foo", ":'bar'", ":\"baz\"", ":{?q}", ":2"],
            scan.Interpolations.Select(i => i.ToString()));
    }

    [Fact]
    public void Interpolations_InMetaCommandArguments()
    {
        // Checked with -v foo=FOO: "\echo :foo ':foo' `echo :foo`" prints "FOO :foo FOO".
        var scan = PsqlScript.Scan("\\echo :foo ':foo' `echo :foo`\n");

        Assert.Equal([":foo", ":foo"], scan.Interpolations.Select(i => i.ToString()));
    }

    [Fact]
    public void Gexec_SendsTheQueryBuffer()
    {
        var scan = PsqlScript.Scan("\\set AUTOCOMMIT on\nSELECT format('DROP INDEX %s', 'x')\n  FROM pg_index\n\\gexec\nSET x = 1;\n");

        Assert.Collection(
            scan.Items,
            i => Assert.Equal(new PsqlMetaCommand("set", "AUTOCOMMIT on", 1), i),
            i => Assert.Equal(new PsqlStatement("SELECT format('DROP INDEX %s', 'x')\n  FROM pg_index", 2, "\\gexec"), i),
            i => Assert.Equal(new PsqlMetaCommand("gexec", string.Empty, 4), i),
            i => Assert.Equal(new PsqlStatement("SET x = 1;", 5, ";"), i));
        Assert.Empty(scan.Unexpected(PsqlScript.OwnMetaCommands));
    }

    [Fact]
    public void Semicolons_InsideParentheses_AndFunctionBodies_DoNotEndTheStatement()
    {
        // Checked: "select (1;\n2);" is sent as one query; CREATE FUNCTION ... BEGIN ATOMIC ... END; is one statement.
        Assert.Single(PsqlScript.Scan("SELECT (1;\n2);\n").Statements);
        var scan = PsqlScript.Scan("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC; SELECT CASE WHEN true THEN 1 END; END;\nSELECT 2;\n");
        Assert.Equal(2, scan.Statements.Count());
    }

    [Fact]
    public void Nul_EndsTheLine()
    {
        // Checked: "select 'ab<NUL>' as n; \echo AFTER-NUL" loses the rest of the line; the string runs on.
        var scan = PsqlScript.Scan("SELECT 'ab\0' as n; \\echo after\nSELECT 2;\n");

        Assert.Empty(scan.MetaCommands);
        Assert.Equal("a string literal", scan.OpenAtEnd);
    }

    [Fact]
    public void StringContinuation_IsSeenOnlyAcrossACarriageReturn()
    {
        // Checked: "select E'a'\r'\' \echo META32 ' as c;" is one string; with "\n" instead of "\r" psql runs \echo.
        Assert.Empty(PsqlScript.Scan("SELECT E'a'\r'\\' \\echo x ';\n").MetaCommands);
        Assert.Single(PsqlScript.Scan("SELECT E'a'\n'\\' \\echo x ';\n").MetaCommands);
    }

    [Fact]
    public void LineComments_InsideAQuery_AreSentWithIt_ThoseBeforeItAreNot()
    {
        // Checked: psql 15 prints "x -- c\n;" for "x -- c\n;\n" with ECHO=queries (15 sends inner comments).
        var scan = PsqlScript.Scan("-- before\nSELECT 1 -- inside\n;\n");

        Assert.Equal("SELECT 1 -- inside\n;", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void ExponentWithoutDigits_TakesItsSign_SoNoCommentStarts()
    {
        // Checked: in "1e-- c \echo M0" psql 15 runs \echo ("1e-" is one token, {realfail}).
        Assert.Single(PsqlScript.Scan("SELECT 1e-- c \\echo x\n").MetaCommands);
        Assert.Empty(PsqlScript.Scan("SELECT 1e -- c \\echo x\n").MetaCommands);

        // Checked: "1e1$a$end \echo M1 x $a$;" runs \echo (one junk token), "1.5$a$end \echo M1 x $a$;" does not.
        Assert.Single(PsqlScript.Scan("1e1$a$end \\echo M1 x $a$;\n").MetaCommands);
        Assert.Empty(PsqlScript.Scan("1.5$a$end \\echo M1 x $a$;\n").MetaCommands);
    }

    [Fact]
    public void ByteOrderMark_OnTheFirstLine_IsIgnored()
    {
        Assert.Equal("SELECT 1;", Assert.Single(PsqlScript.Scan("\uFEFFSELECT 1;\n").Statements).Text);
    }

    [Fact]
    public void FilePipe_TakesTheRestOfTheLine()
    {
        var scan = PsqlScript.Scan("SELECT 1 \\g | cat \\\\ SELECT 2;\n");

        Assert.Equal("| cat \\\\ SELECT 2;", Assert.Single(scan.MetaCommands).Arguments);
        Assert.Equal("SELECT 1 ", Assert.Single(scan.Statements).Text);
    }

    [Fact]
    public void Unexpected_ListsForeignCommandsAndEveryInterpolation()
    {
        var scan = PsqlScript.Scan("\\set AUTOCOMMIT on\n\\set AUTOCOMMIT off\nSELECT :x;\n\\gexec\n");

        Assert.Equal(["\\set AUTOCOMMIT off", ":x"], scan.Unexpected(PsqlScript.OwnMetaCommands).Select(i => i.ToString()));
    }
}
