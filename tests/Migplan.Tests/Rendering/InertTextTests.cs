using Migplan.Rendering;
using Migplan.Rendering.Psql;
using Migplan.Sql;

namespace Migplan.Tests.Rendering;

/// <summary>
/// Text from the input made inert where the plan writes it: literals that mean the same whatever
/// standard_conforming_strings is, comment text on one line, Markdown that cannot hide what follows.
/// </summary>
public sealed class InertTextTests
{
    [Theory]
    [InlineData("users", "'users'")]
    [InlineData("Bob's", "'Bob''s'")]
    [InlineData("ends in \\", "E'ends in \\\\'")]
    [InlineData("a\\'; DROP TABLE t; --", "E'a\\\\''; DROP TABLE t; --'")]
    public void Literal_DoublesQuotes_AndUsesAnEscapeStringWhenTheValueHoldsABackslash(string value, string expected)
    {
        Assert.Equal(expected, SqlText.Literal(value));
    }

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("x\n\\! id > FILE #", "x\\n\\! id > FILE #")]
    [InlineData("x\r\\! id", "x\\r\\! id")]
    [InlineData("x\r\n\\! id", "x\\r\\n\\! id")]
    [InlineData("a\u2028b\u0085c\u0000d", "a\\u2028b\\u0085c\\u0000d")]
    [InlineData("tab\there", "tab here")]
    public void OneLine_WritesEveryLineBreakAndControlCharacterAsAVisibleEscape(string text, string expected)
    {
        Assert.Equal(expected, SqlText.OneLine(text));
        Assert.Equal("-- " + expected + "\n", SqlText.Comment(text));
    }

    [Fact]
    public void MarkdownInline_EscapesHtmlOutsideCodeSpans_SoAnHtmlCommentCannotHideTheRestOfTheDocument()
    {
        Assert.Equal("Drop &lt;!-- hidden and `<kept in code>` here", MarkdownText.Inline("Drop <!-- hidden and `<kept in code>` here"));
        Assert.Equal("one\\nline &lt;b>", MarkdownText.Inline("one\nline <b>"));
        Assert.Equal("\\` &lt;!-- \\`", MarkdownText.Inline("\\` <!-- \\`")); // an escaped backtick opens no code span
    }

    [Theory]
    [InlineData("SELECT 1;", "`SELECT 1;`")]
    [InlineData("SELECT '`x`';", "``SELECT '`x`';``")]
    [InlineData("`a`", "`` `a` ``")]
    public void MarkdownCodeSpan_IsDelimitedByMoreBackticksThanTheTextHoldsInARow(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.CodeSpan(text));
    }

    [Fact]
    public void MarkdownFence_IsLongerThanAnyBacktickRunInTheBlock()
    {
        Assert.Equal("```", MarkdownText.Fence(["SELECT 1;"]));
        Assert.Equal("````", MarkdownText.Fence(["SELECT '\n```\n<!--';", "x"]));
        Assert.Equal("``````", MarkdownText.Fence(["`````"]));
    }
}

/// <summary>The writer's last check: a script psql would read differently from what migplan wrote is never written.</summary>
public sealed class ScriptGuardTests
{
    [Theory]
    [InlineData("-- Step 1: x\n\\! id\nSELECT 1;\n", "\\! id")]
    [InlineData("\\set AUTOCOMMIT on\nSELECT :'DBNAME';\n", ":'DBNAME'")]
    [InlineData("SELECT 'a\\';\nSELECT 1;\n", "ends inside")] // where standard_conforming_strings is off, the literal runs on
    [InlineData("SELECT $x$ open;\n", "dollar")]
    public void Inert_Throws_WhenPsqlWouldActOnSomethingMigplanDidNotWrite(string script, string named)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Check(script));
        Assert.StartsWith("sql/01_x.sql: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(named, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Inert_ReturnsTheScript_WhenItHoldsOnlyWhatMigplanWrites()
    {
        const string script = "\\set AUTOCOMMIT on\nSET standard_conforming_strings = on;\nSELECT E'a\\\\', 'b''c', $q$ \\! $q$; -- \\! in a comment\nSELECT 1\n\\gexec\n";
        var written = new StringWriter();
        using (var w = new InertScriptWriter(written, "sql/01_x.sql"))
        {
            w.Write(script);
            w.Check();
        }

        Assert.Equal(script, written.ToString()); // written through unchanged
    }

    [Fact]
    public void Inert_ReadsAScriptFedInManySmallParts_AsOneScript()
    {
        // A dollar quote spanning many writes (and chunks) must not look unterminated, nor hide a meta-command.
        var body = string.Concat(Enumerable.Repeat("  PERFORM 1; -- \\! inside the body\n", 5000));
        using (var w = new InertScriptWriter(TextWriter.Null, "sql/01_x.sql"))
        {
            w.Write("DO $migplan$\nBEGIN\n");
            foreach (var line in body.Split('\n'))
            {
                w.Write(line);
                w.Write('\n');
            }

            w.Write("END\n$migplan$;\n");
            w.Check();
        }

        Assert.Throws<InvalidOperationException>(() => Check(string.Concat(Enumerable.Repeat("SELECT 1;\n", 20000)) + "\\! id\n"));
    }

    private static void Check(string script)
    {
        using var w = new InertScriptWriter(TextWriter.Null, "sql/01_x.sql");
        w.Write(script);
        w.Check();
    }
}
