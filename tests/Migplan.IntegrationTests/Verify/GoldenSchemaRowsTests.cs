using Migplan.IntegrationTests.GoldenOnServer;
using Migplan.IntegrationTests.Support;
using Migplan.Verify;

namespace Migplan.IntegrationTests.Verify;

/// <summary>Every golden case's start schema fills completely, in proportion to its stats.json.</summary>
public sealed class GoldenSchemaRowsTests(PgServer server) : PgTest(server)
{
    public static TheoryData<string> Cases => [.. GoldenCaseFolder.Names()];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryGoldenSchema_FillsWithoutAProblem_AndEachTableHoldsTheRowsReported(string name)
    {
        var golden = GoldenCaseFolder.Open(name);
        var loaded = await new PsqlRunner(Db.ConnectionString).RunFileAsync(golden.SchemaFile, Ct);
        Assert.True(loaded.Succeeded, loaded.ToString());
        string stats = Path.Combine(golden.InputDir, "stats.json");
        var options = new SyntheticRowsOptions
        {
            LargestTableRows = 2_000,
            TableRows = File.Exists(stats) ? RowsFixture.StatsRows(stats) : null,
        };

        var result = await RowsFixture.FillAsync(Db, options, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.NotEmpty(result.Tables);
        Assert.Contains(result.Tables, t => t.Inserted == 2_000);
        foreach (var table in result.Tables)
        {
            Assert.Equal(table.Inserted, await RowsFixture.CountAsync(Db, $"SELECT count(*) FROM ONLY {table.Table.Quoted}", Ct));
        }
    }
}
