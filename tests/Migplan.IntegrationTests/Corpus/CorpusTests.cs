using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>
/// The corpus of real migration folders (tests/corpus/manifest.txt): every migration, planned over the schema its
/// predecessors built, runs on PostgreSQL 15 and ends with the schema and rows of the migration applied as written.
/// </summary>
public sealed class CorpusTests(PgServer server) : PgTest(server)
{
    public static TheoryData<string> ProjectNames => [.. CorpusCache.Projects.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(ProjectNames))]
    public async Task EveryMigration_PlannedAndRun_EndsLikeTheMigrationAsWritten(string name)
    {
        var project = Assert.Single(CorpusCache.Projects, p => p.Name == name);
        var folder = await CorpusCache.MigrationDirAsync(project, Ct);
        var outcomes = await CorpusReplay.RunAsync(Server, project, folder, Ct);
        foreach (var outcome in outcomes)
        {
            GeneratedPlan.Log(outcome.ToString());
        }

        if (Environment.GetEnvironmentVariable("MIGPLAN_CORPUS_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllLinesAsync(report, outcomes.Select(o => $"{name} {o}"), Ct);
        }

        var wrong = outcomes.Where(o => !EndsAsTheManifestSays(project, o)).ToList();
        Assert.True(
            wrong.Count == 0 && outcomes.Length == project.Migrations.Length,
            $"{name}: {outcomes.Count(o => EndsAsTheManifestSays(project, o))} of {project.Migrations.Length} migrations end like the migration as written " +
            "(or are refused as the manifest says); " +
            $"the others:\n{string.Join("\n", wrong)}");
    }

    /// <summary>The same schema and rows, or, for a migration the manifest says migplan refuses, a refusal with a position.</summary>
    private static bool EndsAsTheManifestSays(CorpusProject project, CorpusOutcome outcome)
    {
        string refused = project.Migrations.FirstOrDefault(m => m.File == outcome.Migration)?.Refused ?? "";
        return refused.Length == 0
            ? outcome.Result == CorpusResult.Same
            : outcome.Result == CorpusResult.Refused && System.Text.RegularExpressions.Regex.IsMatch(outcome.Detail, @"^\S+:\d+:\d+: ");
    }

    [Fact]
    public async Task NotAnalysedShare_IsMeasuredByStatementKind()
    {
        var measured = new CorpusStatementKinds();
        foreach (var project in CorpusCache.Projects)
        {
            var folder = await CorpusCache.MigrationDirAsync(project, Ct);
            foreach (var migration in project.Migrations)
            {
                measured.Add(migration.File, migration.Sql(folder));
            }
        }

        GeneratedPlan.Log(measured.Table());
        if (Environment.GetEnvironmentVariable("MIGPLAN_CORPUS_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, measured.Table() + "\n", Ct);
        }

        Assert.True(measured.Total > 1000, $"the corpus has {measured.Total} statements");
        Assert.Equal(0, measured.Kinds.GetValueOrDefault("(empty)").Total);
    }
}
