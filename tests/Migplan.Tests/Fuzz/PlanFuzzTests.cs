using System.Diagnostics;
using System.Globalization;
using Migplan.Inputs;
using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Fuzz;

/// <summary>
/// Mutated golden inputs, planned in process as <see cref="GoldenCase"/> does (InputLoader → Planner → PlanWriter):
/// every input must be planned or refused with messages (never an exception), and every script of every plan
/// must be inert beyond its planned SQL (<see cref="ScriptInertness"/>). Seeded; bounded by a count and a time
/// budget (not an assertion: the count tried is printed). A failure names the seed and input index to
/// reproduce it: <c>MIGPLAN_FUZZ_SEED=S MIGPLAN_FUZZ_ONLY=I dotnet test ... --filter-class '*PlanFuzzTests*'</c>.
/// </summary>
public sealed class PlanFuzzTests
{
    private const int DefaultSeed = 20260909;
    /// <summary>The same inputs on every machine that manages them within <see cref="Budget"/> (this 2-core VM does
    /// 8,000 in about 10 s alone, 20 s beside the rest of the suite); the budget only caps a much slower machine.
    /// 120,000 inputs over three seeds ran clean when it was set.</summary>
    private const int MaxInputs = 8000;
    private const int FailuresShown = 10;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MutatedGoldenInputs_ArePlannedOrRefused_AndNoScriptRunsMoreThanItsStatements()
    {
        int seed = FuzzSettings.Seed(DefaultSeed);
        var cases = GoldenCase.Names().Select(FuzzInput.Load).ToList();
        var failures = new List<(HashSet<string> Kinds, string Text)>();
        var findings = new Dictionary<string, int>(StringComparer.Ordinal);
        int tried = 0, planned = 0, refused = 0;
        using var root = new FuzzDirectory("migplan-fuzz");
        var watch = Stopwatch.StartNew();
        int first = FuzzSettings.Only ?? 0;
        int last = FuzzSettings.Only ?? MaxInputs - 1;
        for (int index = first; index <= last && (FuzzSettings.Only is not null || watch.Elapsed < Budget); index++)
        {
            var random = FuzzSettings.ForInput(seed, index);
            var input = cases[random.Next(cases.Count)].Mutate(random);
            string dir = root.Combine(index.ToString(CultureInfo.InvariantCulture));
            var result = await RunAsync(input, dir);
            tried++;
            planned += result.Planned ? 1 : 0;
            refused += result.Planned ? 0 : 1;
            if (result.Problems.Count > 0)
            {
                foreach (string kind in result.Problems.Select(p => p.Kind).Distinct())
                {
                    findings[kind] = findings.GetValueOrDefault(kind) + 1;
                }

                failures.Add((
                    result.Problems.Select(p => p.Kind).ToHashSet(StringComparer.Ordinal),
                    $"--- input {index} ({FuzzSettings.Reproduce(seed, index)}), {input.Describe()}\n" +
                    string.Join("\n", result.Problems.Take(4).Select(p => $"{p.Kind}: {p.Detail}"))));
            }

            Directory.Delete(dir, recursive: true);
        }

        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"fuzz seed {seed}: {tried} inputs in {watch.Elapsed.TotalSeconds:0.0} s: {planned} planned (exit 0), {refused} refused (exit 2), {failures.Count} failing");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(
            failures.Count == 0,
            $"{summary}\ninputs by finding: {string.Join(", ", findings.Select(f => $"{f.Key} {f.Value}"))}\n" + string.Join("\n", Examples(failures)));
    }

    /// <summary>The first failing input of each kind of finding, then the next ones, up to <see cref="FailuresShown"/>.</summary>
    private static IEnumerable<string> Examples(List<(HashSet<string> Kinds, string Text)> failures)
    {
        var firstOfKind = failures.SelectMany(f => f.Kinds).Distinct().Select(k => failures.First(f => f.Kinds.Contains(k)).Text);
        return firstOfKind.Concat(failures.Select(f => f.Text)).Distinct().Take(FailuresShown);
    }

    private sealed record Problem(string Kind, string Detail);

    private sealed record Outcome(bool Planned, IReadOnlyList<Problem> Problems);

    /// <summary>Plans one input the way the CLI does and lists what is wrong with the result.</summary>
    private static async Task<Outcome> RunAsync(FuzzInput input, string dir)
    {
        string inputDir = Path.Combine(dir, "input");
        string outDir = Path.Combine(dir, "out");
        input.WriteTo(inputDir);
        try
        {
            var loaded = await InputLoader.LoadAsync([inputDir], null, null, "public", Ct);
            if (loaded.Inputs is null)
            {
                return new Outcome(false, Refusal(input, loaded.Errors));
            }

            var outcome = Planner.Plan(loaded.Inputs, GoldenCase.Options(input.Case));
            if (outcome.Plan is null)
            {
                return new Outcome(false, Refusal(input, outcome.Errors));
            }

            await PlanWriter.WriteAsync(outcome.Plan, outDir, Ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Outcome(false, [new Problem("exception " + e.GetType().Name, $"{e.Message}\n{e.StackTrace}")]);
        }

        var problems = ScriptInertness.Findings(outDir).Select(f => new Problem("script " + f.Kind, f.Detail)).ToList();
        if (input.CarriesSecret)
        {
            problems.AddRange(
                new[] { "plan.json", "migration-plan.md" }
                    .Where(f => File.ReadAllText(Path.Combine(outDir, f)).Contains(FuzzMutator.Secret, StringComparison.Ordinal))
                    .Select(f => new Problem("secret in output", $"{f} shows the password of {FuzzMutator.RoleWithPassword}")));
        }

        var left = Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (!left.SequenceEqual(["input", "out"]))
        {
            problems.Add(new Problem("leftover", $"beside the plan: {string.Join(", ", left)}"));
        }

        return new Outcome(true, problems);
    }

    private static IReadOnlyList<Problem> Refusal(FuzzInput input, IReadOnlyCollection<string> errors)
    {
        var problems = new List<Problem>();
        if (errors.Count == 0 || errors.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new Problem("silent refusal", "refused without a message for every error"));
        }

        if (input.CarriesSecret && errors.FirstOrDefault(e => e.Contains(FuzzMutator.Secret, StringComparison.Ordinal)) is { } leak)
        {
            problems.Add(new Problem("secret in message", leak));
        }

        return problems;
    }
}
