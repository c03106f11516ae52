using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.EndToEnd;

/// <summary>
/// A design document whose hidden ```sql text (inside an HTML comment, inside an indented code block) a reviewer
/// never sees rendered: the plan takes only the block a renderer shows, and running every generated script with
/// psql leaves the tables the hidden text would drop.
/// </summary>
public sealed class MarkdownArtifactEndToEnd(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
        CREATE TABLE keep_comment (id int);
        CREATE TABLE keep_indented (id int);

        """;

    /// <summary>The tab-indented lines are an indented code block for CommonMark (a tab is 4 columns).</summary>
    private const string Design =
        "# Nicknames\n\n" +
        "<!--\n```sql\nDROP TABLE keep_comment;\n```\n-->\n\n" +
        "Example of an earlier document:\n\n" +
        "\t```sql\n\tDROP TABLE keep_indented;\n\t```\n\n" +
        "> The change:\n>\n" +
        "> ```sql\n> ALTER TABLE users ADD COLUMN nick text;\n> ```\n";

    [Fact]
    public async Task HiddenSqlBlocks_AreNotRun_OnlyTheRenderedBlockIs()
    {
        string input = Path.Combine(Path.GetTempPath(), $"migplan-md-{Guid.NewGuid():N}");
        Directory.CreateDirectory(input);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(input, "schema.sql"), Schema, Ct);
            await File.WriteAllTextAsync(Path.Combine(input, "design.md"), Design, Ct);
            await Db.ExecuteAsync(Schema, Ct);
            using var plan = await GeneratedPlan.CreateAsync([input], 1000, Ct);

            var artifact = Assert.Single(plan.Json.RootElement.GetProperty("inputs").EnumerateArray(), a => a.GetProperty("kind").GetString() == "artifact");
            var block = Assert.Single(artifact.GetProperty("blocks").EnumerateArray());
            Assert.Equal((17, 19), (block.GetProperty("firstLine").GetInt32(), block.GetProperty("lastLine").GetInt32()));

            var psql = new PsqlRunner(Db.ConnectionString);
            foreach (string script in plan.Scripts)
            {
                await GeneratedPlan.RunOkAsync(psql, script, Ct);
            }

            Assert.True(await Db.ScalarAsync<bool>("SELECT to_regclass('public.keep_comment') IS NOT NULL AND to_regclass('public.keep_indented') IS NOT NULL", Ct));
            Assert.Equal(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nick'", Ct));
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }
}
