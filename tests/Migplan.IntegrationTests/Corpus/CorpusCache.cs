using System.Diagnostics;
using Migplan.IntegrationTests.EndToEnd;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>
/// Where the corpus packages are: <c>$MIGPLAN_CORPUS_CACHE</c> or <c>~/.cache/migplan-corpus</c>, filled by
/// tests/corpus/fetch.sh (test.sh runs it; a test runs it once more when a package is missing). When the packages
/// cannot be fetched at all the corpus tests are skipped, and fail when <c>CI=true</c>.
/// </summary>
public static class CorpusCache
{
    public const string CacheVariable = "MIGPLAN_CORPUS_CACHE";

    private static readonly SemaphoreSlim FetchOnce = new(1, 1);
    private static string? fetchLog;

    public static string Root =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "migplan-corpus");

    /// <summary>The corpus projects of tests/corpus/manifest.txt.</summary>
    public static IReadOnlyList<CorpusProject> Projects =>
        CorpusManifest.Read(CorpusManifest.PathInRepo(GeneratedPlan.RepoRoot()));

    /// <summary>The folder of <paramref name="project"/>'s migrations, fetching its package if it is not cached yet.</summary>
    public static async Task<string> MigrationDirAsync(CorpusProject project, CancellationToken ct)
    {
        if (!IsFetched(project))
        {
            await FetchOnce.WaitAsync(ct);
            try
            {
                if (!IsFetched(project) && fetchLog is null)
                {
                    fetchLog = await RunFetchAsync(ct);
                }
            }
            finally
            {
                FetchOnce.Release();
            }
        }

        if (!IsFetched(project))
        {
            string message = $"corpus package {project.Package} {project.Version} ({project.FetchKind}) could not be fetched into {Root}: " +
                $"run tests/corpus/fetch.sh\n{fetchLog}";
            if (string.Equals(Environment.GetEnvironmentVariable("CI")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        if (project.ResourceAssembly.Length > 0)
        {
            CorpusResources.ExtractOnce(
                Path.Combine(project.PackageDir(Root), project.Folder, project.ResourceAssembly), project.MigrationDir(Root));
        }

        return project.MigrationDir(Root);
    }

    private static bool IsFetched(CorpusProject project) => File.Exists(Path.Combine(project.PackageDir(Root), ".fetched"));

    private static async Task<string> RunFetchAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(GeneratedPlan.RepoRoot(), "tests", "corpus", "fetch.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[CacheVariable] = Root;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return $"fetch.sh exit {process.ExitCode}\n{await stdout}{await stderr}";
    }
}
