using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Inertness;

/// <summary>
/// Issue 9, items 4 and 5: literals must stay literals on a database where standard_conforming_strings is off
/// (a backslash before a quote then escapes it), and no text from the input may close a generated
/// dollar-quoted block.
/// </summary>
public sealed class QuotingTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text, display_name text);

        """;

    [Fact]
    public async Task LiteralEndingInABackslash_OnADatabaseWithStandardConformingStringsOff_RunsNothingButThePlan()
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", $"ALTER TABLE users ADD COLUMN nick text;\nSELECT 'a\\', ' {hostile.Touch}';\n");

        await PlanAndRunWithNonStandardStringsAsync(hostile);
    }

    [Fact]
    public async Task NamesEndingInABackslash_OnADatabaseWithStandardConformingStringsOff_RunAsPlanned()
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", """
            CREATE INDEX "i\" ON users (name);
            ALTER TABLE users ADD CONSTRAINT "k\" CHECK (name <> '') NOT VALID;
            ALTER TABLE users ADD COLUMN "c\" text DEFAULT 'd\';

            """);

        await PlanAndRunWithNonStandardStringsAsync(hostile);
    }

    [Theory]
    [InlineData("UPDATE users SET display_name = 'x$migplan$ {touch}' WHERE id > 0;")]
    [InlineData("ALTER TABLE users ADD CONSTRAINT \"k$migplan$ {touch}\" CHECK (name <> '$$') NOT VALID;")]
    public async Task DollarTagInTheInput_DoesNotCloseAGeneratedBlock(string change)
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", change.Replace("{touch}", hostile.Touch, StringComparison.Ordinal) + "\n");
        if (!await hostile.PlanAsync())
        {
            return;
        }

        await hostile.LoadSchemaAsync(Db, Ct);
        await Db.ExecuteAsync("INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')", Ct);
        await hostile.RunPlanAsync(Db, Ct);
        await hostile.AssertNothingRanAsync(Db, Ct);
    }

    private async Task PlanAndRunWithNonStandardStringsAsync(HostileCase hostile)
    {
        if (!await hostile.PlanAsync())
        {
            return;
        }

        await hostile.LoadSchemaAsync(Db, Ct);
        await Db.ExecuteAsync("INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')", Ct);
        await Db.ExecuteAsync($"ALTER DATABASE {Db.Name} SET standard_conforming_strings = off", Ct);
        await hostile.RunPlanAsync(Db, Ct);
        await hostile.AssertNothingRanAsync(Db, Ct);
    }
}
