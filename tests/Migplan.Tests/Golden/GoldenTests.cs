namespace Migplan.Tests.Golden;

/// <summary>
/// Whole plans against approved files. To accept a change of the planner's output, run
/// <c>MIGPLAN_UPDATE_GOLDEN=1 dotnet test tests/Migplan.Tests</c> and review the diff of <c>cases/*/expected/</c>.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases() => [.. GoldenCase.Names()];

    [Fact]
    public void Cases_AreAtLeastSixteen_AndEachHasAChangeAndASchema()
    {
        var names = GoldenCase.Names().ToList();
        Assert.True(names.Count >= 16, $"only {names.Count} golden cases");
        foreach (string name in names)
        {
            string input = GoldenCase.InputDirectory(name);
            Assert.True(File.Exists(Path.Combine(input, "schema.sql")), $"{name}: input/schema.sql is missing");
            Assert.True(
                Directory.GetFiles(input).Any(f => f.EndsWith(".md", StringComparison.Ordinal) || (f.EndsWith(".sql", StringComparison.Ordinal) && Path.GetFileName(f) != "schema.sql")),
                $"{name}: input/ has no change file (.sql besides schema.sql, or .md)");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Plan_MatchesExpectedFiles_ByteForByte(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("migplan-golden");
        string actual = temp.Combine("plan");
        await GoldenCase.WritePlanAsync(name, actual, ct);
        if (GoldenCase.UpdateRequested)
        {
            GoldenCase.Accept(name, actual);
            return;
        }

        string? difference = GoldenDiff.Compare(GoldenCase.ExpectedDirectory(name), actual);
        Assert.True(difference is null,
            $"golden case {name} differs from cases/{name}/expected/:\n{difference}" +
            $"If the new output is right, run with {GoldenCase.UpdateVariable}=1 and review the diff of the expected files.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Plan_WrittenTwice_IsIdenticalByteForByte(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory("migplan-determinism");
        string first = temp.Combine("first");
        string second = temp.Combine("second");
        await GoldenCase.WritePlanAsync(name, first, ct);
        await GoldenCase.WritePlanAsync(name, second, ct);
        string? difference = GoldenDiff.Compare(first, second);
        Assert.True(difference is null, $"two plans of {name} differ:\n{difference}");
    }
}
