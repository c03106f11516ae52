using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Migplan.Rendering;
using Migplan.Tests.Planning;

namespace Migplan.Tests.Rendering;

/// <summary>
/// migration-plan.md shows what the scripts run, whatever the names hold: a CommonMark renderer (Markdig) finds no
/// raw HTML in it (an HTML comment would hide the rest of the document from the reviewer), and every step's SQL
/// stands whole inside one code block (a backtick fence in a literal must not end the block early).
/// </summary>
public sealed class MarkdownInertnessTests
{
    private const string Schema = """
        CREATE TABLE "<!-- hide" (id bigint PRIMARY KEY, v text);

        """;

    private static readonly Migplan.Plans.Plan Plan = TestPlanner.Plan(
        """
        ALTER TABLE "<!-- hide" ADD COLUMN "x
        ```
        <script>" text DEFAULT '```
        -->';
        UPDATE "<!-- hide" SET v = '``` <!-- ' WHERE id > 0;

        """,
        Schema,
        null,
        ("public.<!-- hide", 1_000));

    [Fact]
    public void HostileNames_OpenNoHtml_InTheDocument()
    {
        var document = Markdown.Parse(MarkdownRenderer.Render(Plan));

        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<HtmlInline>());
    }

    [Fact]
    public void EveryStepsSql_StandsWholeInsideOneCodeBlock()
    {
        var document = Markdown.Parse(MarkdownRenderer.Render(Plan));
        var blocks = document.Descendants<FencedCodeBlock>().Select(b => b.Lines.ToString()).ToList();

        // The pre-migration step's catalog queries are the same in every plan: the document names its script instead.
        foreach (var step in Plan.Steps.Where(s => s.Impact.Id != "impact.read-only-checks"))
        {
            string sql = string.Concat(SqlScripts.Pieces(step.Commands)).TrimEnd('\n');
            Assert.True(blocks.Any(b => b.Contains(sql, StringComparison.Ordinal)), $"step {step.Number}'s SQL is not whole inside a code block");
        }
    }
}
