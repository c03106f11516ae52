using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Verify;

/// <summary>
/// Every golden case, planned as its golden plan is (its args.txt) and verified on PostgreSQL 15: observed locks within
/// the declared ones, every rehearsable rollback point restored, the end state equal to the change as written's.
/// </summary>
public sealed class VerifyGoldenTests(PgServer server) : PgTest(server)
{
    /// <summary>Cases that do not verify on PostgreSQL 15, and why.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // Planned for PostgreSQL 11, where SET NOT NULL cannot use a validated check: the plan keeps the CHECK
        // constraint instead, so its end state differs from the change as written's on purpose.
        ["set-not-null-pg11"] = "end state: the schema after the plan differs from the change as written's",
    };

    [Fact]
    public async Task EveryGoldenCase_Verifies()
    {
        string cases = Path.Combine(GeneratedPlan.RepoRoot(), "tests", "Migplan.Tests", "Golden", "cases");
        var unexpected = new List<string>();
        int verified = 0;
        foreach (string dir in Directory.GetDirectories(cases).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(dir);
            string input = Path.Combine(dir, "input");
            using var work = new TempDir();
            string args = Path.Combine(input, "args.txt");
            string[] extra = File.Exists(args) ? File.ReadAllText(args).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries) : [];
            string plan = await VerifyRun.PlanAsync(work.Path, input, ["--project", name, .. extra]);
            var result = await VerifyRun.VerifyAsync(work.Path, plan, VerifyRun.Scratch(Server), input);
            GeneratedPlan.Log($"{name}: exit {result.ExitCode}\n{result.StdErr}");
            if (Expected.TryGetValue(name, out var why))
            {
                if (result.ExitCode != 1 || !result.StdErr.Contains(why, StringComparison.Ordinal))
                {
                    unexpected.Add($"{name}: expected to fail with \"{why}\", got {result}");
                }
            }
            else if (result.ExitCode != 0)
            {
                unexpected.Add($"{name}: {result}");
            }
            else
            {
                verified++;
            }
        }

        Assert.True(unexpected.Count == 0, string.Join("\n\n", unexpected));
        Assert.Equal(Directory.GetDirectories(cases).Length - Expected.Count, verified);
    }
}
