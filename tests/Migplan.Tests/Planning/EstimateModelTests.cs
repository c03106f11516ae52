using Migplan.Planning;

namespace Migplan.Tests.Planning;

/// <summary>
/// Step estimates follow the measured model (docs/estimates.md): a rewrite pays for every index it rebuilds and every foreign key
/// it validates again, VACUUM for the dead rows a backfill wrote, a backfill for its pauses, and the pre-migration step for what it runs.
/// </summary>
public sealed class EstimateModelTests
{
    private const string Schema = """
        CREATE TABLE accounts (id int PRIMARY KEY, owner_id int NOT NULL, note text);
        CREATE INDEX accounts_owner_idx ON accounts (owner_id);
        CREATE TABLE payments (id bigint PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id), amount int);

        """;

    private static readonly ThroughputModel Model = new();

    private static Plan Plan(string change, long accounts, long payments, int batchSize = 10_000) =>
        TestPlanner.Plan(change, Schema, new PlanOptions { BatchSize = batchSize }, ("public.accounts", accounts), ("public.payments", payments));

    private static double Seconds(Plan plan, string titleStart) => plan.StepWithTitle(titleStart).Estimate.Seconds;

    [Fact]
    public void RewriteOfAReferencedKey_CountsEachIndexRebuiltAndTheForeignKeyValidatedAgain()
    {
        const long rows = 1_000_000;
        double heap = rows * Model.DefaultRowBytes;
        // With USING, the one-ALTER rewrite (not the online swap an integer key's plain widening gets).
        var plan = Plan("ALTER TABLE accounts ALTER COLUMN id TYPE bigint USING id::bigint;\n", rows, 3 * rows);

        double expected = heap / Model.RewriteBytesPerSecond + 2 * Model.IndexBuildSeconds(heap, rows) + Model.ForeignKeySeconds(3 * rows, rows);
        Assert.Equal(Math.Round(expected, 1), plan.Steps.Single(s => s.Estimate.Basis.Id.StartsWith("basis.rewrite", StringComparison.Ordinal)).Estimate.Seconds);
    }

    [Fact]
    public void RewriteOfAColumnNoForeignKeyUses_ValidatesNoForeignKey()
    {
        const long rows = 1_000_000;
        double heap = rows * Model.DefaultRowBytes;
        var plan = Plan("ALTER TABLE accounts ALTER COLUMN owner_id TYPE bigint;\n", rows, 3 * rows);

        double expected = heap / Model.RewriteBytesPerSecond + 2 * Model.IndexBuildSeconds(heap, rows);
        Assert.Equal(Math.Round(expected, 1), plan.Steps.Single(s => s.Estimate.Basis.Id.StartsWith("basis.rewrite", StringComparison.Ordinal)).Estimate.Seconds);
    }

    [Fact]
    public void VacuumAfterABackfill_GrowsWithTheDeadRowsItWrote()
    {
        const string change = "UPDATE accounts SET note = 'x';\n";
        double small = Plan(change, 1_000_000, 10).Steps.Single(s => s.Id.Contains("vacuum", StringComparison.Ordinal)).Estimate.Seconds;
        double large = Plan(change, 4_000_000, 10).Steps.Single(s => s.Id.Contains("vacuum", StringComparison.Ordinal)).Estimate.Seconds;

        // Two indexes (the key and accounts_owner_idx): each dead row leaves the heap and both indexes.
        Assert.True(small >= 1_000_000 * 3 / Model.VacuumDeadRowsPerSecond, $"vacuum after 1M rows: {small} s");
        Assert.True(large > 3.5 * small, $"vacuum after 1M rows: {small} s, after 4M rows: {large} s");
    }

    [Fact]
    public void BatchedBackfill_CountsThePauseAfterEachBatch()
    {
        const string change = "UPDATE accounts SET note = 'x';\n";
        double bigBatches = Seconds(Plan(change, 1_000_000, 10, batchSize: 10_000), "Backfill");
        double smallBatches = Seconds(Plan(change, 1_000_000, 10, batchSize: 1_000), "Backfill");

        Assert.Equal(Math.Round((1_000 - 100) * Model.BatchPauseSeconds, 1), Math.Round(smallBatches - bigBatches, 1));
    }

    [Fact]
    public void ForeignKeyValidation_JoinsTheReferencedTableToo()
    {
        const string change = "ALTER TABLE payments ADD CONSTRAINT payments_account_fk2 FOREIGN KEY (account_id) REFERENCES accounts (id);\n";
        var plan = Plan(change, 4_000_000, 1_000_000);

        Assert.Equal(Math.Round(Model.ForeignKeySeconds(1_000_000, 4_000_000), 1), Seconds(plan, "Validate"));
    }

    [Fact]
    public void PreMigrationChecks_CostWhatTheyRunNotAFixedFiveMinutes()
    {
        var plan = Plan("ALTER TABLE accounts ADD COLUMN flag boolean;\n", 1_000_000, 10);

        var pre = plan.Steps[0];
        Assert.Equal("basis.pre-migration-catalog-reads", pre.Estimate.Basis.Id);
        Assert.Equal(Math.Max(Model.MetadataSeconds, pre.Commands.Length * Model.CatalogQuerySeconds), pre.Estimate.Seconds, 1);
    }
}
