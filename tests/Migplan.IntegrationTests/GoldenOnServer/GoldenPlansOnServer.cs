using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.GoldenOnServer;

/// <summary>
/// Every golden case's committed plan (tests/Migplan.Tests/Golden/cases/*/expected) run with psql on
/// PostgreSQL 15 over the case's schema.sql with EMPTY tables: proves that every forward and rollback
/// script is SQL the server accepts and that each step's verification holds (see <see cref="GoldenPlanRun"/>).
/// Cases planned for another version (args.txt --pg-version) run too: their scripts must be valid on 15.
/// </summary>
public sealed class GoldenPlansOnEmptyTables(PgServer server) : PgTest(server)
{
    public static TheoryData<string> Cases() => new(GoldenCaseFolder.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ScriptsRollbacksAndVerificationsRun(string name) =>
        new GoldenPlanRun(Db, GoldenCaseFolder.Open(name), GoldenRunMode.Empty).RunAsync(Ct);
}

/// <summary>
/// The golden cases whose scripts need rows to mean something (keyset loops, batched DELETEs,
/// validations, unique builds), run like <see cref="GoldenPlansOnEmptyTables"/> over a handful of
/// rows from <see cref="GoldenSeeds"/>.
/// </summary>
public sealed class GoldenPlansOnSeededTables(PgServer server) : PgTest(server)
{
    public static TheoryData<string> Cases() => new(GoldenSeeds.ByCase.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ScriptsRollbacksAndVerificationsRun(string name) =>
        new GoldenPlanRun(Db, GoldenCaseFolder.Open(name), GoldenRunMode.Seeded).RunAsync(Ct);

    /// <summary>Seeds and known deviations name cases and scripts that exist.</summary>
    [Fact]
    public void SeedsAndKnownDeviations_NameExistingCasesAndScripts()
    {
        var names = GoldenCaseFolder.Names().ToHashSet(StringComparer.Ordinal);
        Assert.All(GoldenSeeds.ByCase.Keys, n => Assert.Contains(n, names));
        Assert.All(GoldenKnownDeviations.All, d =>
        {
            Assert.Contains(d.Case, names);
            var script = d switch
            {
                ScriptFails f => f.Script,
                VerificationPrints v => v.Script,
                _ => null,
            };
            if (script is not null)
            {
                Assert.Contains(script, GoldenCaseFolder.Open(d.Case).Scripts.Select(Path.GetFileName));
            }

            if (d.Mode == GoldenRunMode.Seeded)
            {
                Assert.True(GoldenSeeds.ByCase.ContainsKey(d.Case), $"{d.Case} has a seeded deviation but no seed");
            }
        });
    }
}
