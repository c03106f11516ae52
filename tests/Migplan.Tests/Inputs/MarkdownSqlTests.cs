using Migplan.Inputs;
using Migplan.Sql;

namespace Migplan.Tests.Inputs;

/// <summary>
/// A Markdown artifact contributes exactly the fenced SQL blocks a CommonMark renderer shows a reviewer, each with
/// its line range, and errors inside them point at the line and column of the Markdown file.
/// </summary>
public sealed class MarkdownSqlTests
{
    private static IReadOnlyList<MarkdownSqlBlock> Extract(string markdown) => MarkdownSql.Extract("design.md", markdown);

    private static string Sql(MarkdownSqlBlock block) => block.Source.Text;

    private static string FirstError(MarkdownSqlBlock block) => SqlParser.Parse(block.Source).Diagnostics.First().ToString();

    [Fact]
    public void SqlBlockInsideAnHtmlComment_IsNotTaken()
    {
        var blocks = Extract("# Design\n\n<!--\n```sql\nDROP TABLE users;\n```\n-->\n\n```sql\nSELECT 1;\n```\n");

        var block = Assert.Single(blocks);
        Assert.Equal("SELECT 1;\n", Sql(block));
        Assert.Equal((9, 11), (block.FirstLine, block.LastLine));
    }

    [Fact]
    public void SqlFenceInsideAnIndentedCodeBlock_IsNotTaken()
    {
        var blocks = Extract("Example of a design doc:\n\n    ```text\n    x\n    ```sql\n    DROP TABLE users;\n    ```\n");

        Assert.Empty(blocks);
    }

    [Fact]
    public void TabIndentedSqlFence_IsAnIndentedCodeBlock_NotTaken() =>
        Assert.Empty(Extract("Text\n\n\t```sql\n\tDROP TABLE users;\n\t```\n"));

    [Fact]
    public void SqlFenceInsideATextBlock_IsNotTaken()
    {
        var blocks = Extract("````text\n```sql\nDROP TABLE users;\n```\n````\n");

        Assert.Empty(blocks);
    }

    [Theory]
    [InlineData("~~~sql\nSELECT 1;\n~~~\n")]
    [InlineData("~~~ postgresql\nSELECT 1;\n~~~~\n")]
    [InlineData("```PgSQL {.numberLines}\nSELECT 1;\n```\n")]
    [InlineData("  ```psql\n  SELECT 1;\n  ```\n")]
    public void FencedBlocks_WithAnSqlInfoString_AreTaken(string markdown) =>
        Assert.Equal("SELECT 1;\n", Sql(Assert.Single(Extract(markdown))));

    [Theory]
    [InlineData("```\nSELECT 1;\n```\n")]
    [InlineData("```text\nSELECT 1;\n```\n")]
    [InlineData("```sqlite\nSELECT 1;\n```\n")]
    public void FencedBlocks_WithAnotherInfoString_AreNotTaken(string markdown) =>
        Assert.Empty(Extract(markdown));

    [Fact]
    public void BlockInABlockQuote_IsTaken_AndErrorsPointAtTheFileColumn()
    {
        var block = Assert.Single(Extract("Intro\n\n> ```sql\n> SELECT 1;\n> ALTER TABLE t ADD COLUMN a tex t;\n> ```\n"));

        Assert.Equal("SELECT 1;\nALTER TABLE t ADD COLUMN a tex t;\n", Sql(block));
        Assert.Equal((3, 6), (block.FirstLine, block.LastLine));
        Assert.StartsWith("design.md:5:34: ", FirstError(block), StringComparison.Ordinal);
    }

    [Fact]
    public void BlockInAListItemInsideABlockQuote_IsTaken_AndErrorsPointAtTheFileColumn()
    {
        var block = Assert.Single(Extract("> - step one:\n>\n>   ```sql\n>   CREATE INDEX ON t (;\n>   ```\n"));

        Assert.Equal("CREATE INDEX ON t (;\n", Sql(block));
        Assert.Equal((3, 5), (block.FirstLine, block.LastLine));
        Assert.StartsWith("design.md:4:24: ", FirstError(block), StringComparison.Ordinal);
    }

    [Fact]
    public void BlockInANestedList_KeepsEachLinesOwnColumn()
    {
        var block = Assert.Single(Extract("1. first\n   - second\n\n     ```sql\n     SELECT 1;\n     SELECT :x;\n     ```\n"));

        Assert.Equal("SELECT 1;\nSELECT :x;\n", Sql(block));
        Assert.Equal("design.md:6:13: ", FirstError(block)[..16]);
    }

    [Fact]
    public void UnterminatedFence_RunsToTheEndOfTheDocument()
    {
        var block = Assert.Single(Extract("```sql\nSELECT 1;\n\n## Notes\n\nDROP TABLE users;\n"));

        Assert.Equal("SELECT 1;\n\n## Notes\n\nDROP TABLE users;\n", Sql(block));
        Assert.Equal((1, 6), (block.FirstLine, block.LastLine));
    }

    [Fact]
    public void Blocks_AreTakenInDocumentOrder_WithTheirLineRanges()
    {
        var blocks = Extract("# A\n\n```sql\nSELECT 1;\n```\n\ntext\n\n- item\n\n  ```sql\n  SELECT 2;\n  SELECT 3;\n  ```\n");

        Assert.Equal([(3, 5), (11, 14)], blocks.Select(b => (b.FirstLine, b.LastLine)));
        Assert.Equal("SELECT 2;\nSELECT 3;\n", Sql(blocks[1]));
        Assert.Equal("design.md:12:3", blocks[1].Source.Format(0));
    }
}
