using System.Globalization;
using Migplan.Tests.Cli;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Fuzz;

/// <summary>
/// A small sample of mutated golden inputs through the real CLI (a child process each): exit 0 or 2 only (never
/// 70); on exit 2 a message on stderr and nothing written beside the input (no output folder, no temporary or
/// old folder); on exit 0 the plan folder alone, every script inert (<see cref="ScriptInertness"/>).
/// Reproduce one input with <c>MIGPLAN_FUZZ_SEED=S MIGPLAN_FUZZ_ONLY=I</c>.
/// </summary>
public sealed class CliFuzzTests
{
    private const int DefaultSeed = 20260910;
    private const int Inputs = 30;

    [Fact]
    public async Task MutatedGoldenInputs_ThroughTheCli_ExitZeroOrTwo_AndLeaveNothingBehindOnRefusal()
    {
        int seed = FuzzSettings.Seed(DefaultSeed);
        var cases = GoldenCase.Names().Select(FuzzInput.Load).ToList();
        var failures = new List<string>();
        var exits = new SortedDictionary<int, int>();
        using var root = new FuzzDirectory("migplan-clifuzz");
        int first = FuzzSettings.Only ?? 0;
        int last = FuzzSettings.Only ?? Inputs - 1;
        for (int index = first; index <= last; index++)
        {
            var random = FuzzSettings.ForInput(seed, index);
            var input = cases[random.Next(cases.Count)].Mutate(random);
            string work = root.Combine(index.ToString(CultureInfo.InvariantCulture));
            input.WriteTo(Path.Combine(work, "input"));
            var result = await CliRunner.RunAsync(work, ["plan", "input", "--out", "out", .. GoldenCase.ExtraArguments(input.Case)]);
            exits[result.ExitCode] = exits.GetValueOrDefault(result.ExitCode) + 1;
            var problems = Check(work, result);
            if (input.CarriesSecret && (result.StdErr + result.StdOut).Contains(FuzzMutator.Secret, StringComparison.Ordinal))
            {
                problems.Add($"the password of {FuzzMutator.RoleWithPassword} shows in the CLI's output");
            }

            if (problems.Count > 0)
            {
                failures.Add($"--- input {index} ({FuzzSettings.Reproduce(seed, index)}), {input.Describe()}\n{string.Join("\n", problems)}");
            }
        }

        string summary = $"cli fuzz seed {seed}: {last - first + 1} inputs, exits: {string.Join(", ", exits.Select(e => $"{e.Key} x{e.Value}"))}, {failures.Count} failing";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(5)));
    }

    private static List<string> Check(string work, CliResult result)
    {
        var problems = new List<string>();
        var entries = Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        switch (result.ExitCode)
        {
            case 0:
                if (!entries.SequenceEqual(["input", "out"]))
                {
                    problems.Add($"exit 0 left {string.Join(", ", entries)} (expected input, out)");
                }

                problems.AddRange(ScriptInertness.Findings(Path.Combine(work, "out")).Select(f => f.ToString()));
                break;
            case 2:
                if (string.IsNullOrWhiteSpace(result.StdErr))
                {
                    problems.Add("exit 2 without a message on stderr");
                }

                if (!entries.SequenceEqual(["input"]))
                {
                    problems.Add($"exit 2 left {string.Join(", ", entries)} beside the input");
                }

                break;
            default:
                problems.Add(result.ToString());
                break;
        }

        return problems;
    }
}
