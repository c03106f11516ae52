using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Inertness;

/// <summary>
/// Issue 9, items 2 and 3: input the plan does not show must never run. psql's <c>\\</c> ends a meta-command
/// and runs the rest of the line as SQL; a ```sql block inside an HTML comment, or inside a fenced ```text
/// block, is not shown by a Markdown renderer.
/// </summary>
public sealed class HiddenInputTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text);
        CREATE TABLE user_emails (user_id bigint PRIMARY KEY, email text);

        """;

    [Fact]
    public async Task DoubleBackslash_AfterAMetaCommand_DoesNotDropATableThePlanCallsSafe()
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", "ALTER TABLE users ADD COLUMN nick text;\n\\echo checking \\\\ DROP TABLE user_emails;\n");
        if (!await hostile.PlanAsync())
        {
            return;
        }

        await hostile.LoadSchemaAsync(Db, Ct);
        await hostile.RunPlanAsync(Db, Ct, async () =>
        {
            bool dropped = await Db.ScalarAsync<bool>("SELECT to_regclass('public.user_emails') IS NULL", Ct);
            bool planned = hostile.Steps().Any(s =>
                s.GetProperty("destructive").GetBoolean()
                && PlanJsonSql.Of(s).Contains("DROP TABLE", StringComparison.OrdinalIgnoreCase)
                && PlanJsonSql.Of(s).Contains("user_emails", StringComparison.Ordinal));
            Assert.False(dropped && !planned, $"a script dropped user_emails but no step of the plan is a destructive DROP TABLE user_emails.\n{hostile.Transcript()}");
        });
        await hostile.AssertNothingRanAsync(Db, Ct);
    }

    [Fact]
    public async Task SqlBlocks_NoRendererShows_AreNotRun()
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("design.md", $$"""
            # Add a nickname

            ```sql
            ALTER TABLE users ADD COLUMN nick text;
            ```

            <!--
            ```sql
            {{HostileCase.CreateMarker}}
            ```
            -->

            How a block is written:

              ```text
              ```sql
              {{HostileCase.CreateMarker}}
              ```
              ```

            """);
        if (!await hostile.PlanAsync())
        {
            return;
        }

        await hostile.LoadSchemaAsync(Db, Ct);
        await hostile.RunPlanAsync(Db, Ct);
        await hostile.AssertNothingRanAsync(Db, Ct);
    }
}
