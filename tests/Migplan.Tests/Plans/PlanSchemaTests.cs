using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Plans;

/// <summary>docs/plan.schema.json describes every plan.json migplan writes, and nothing else.</summary>
public sealed class PlanSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(GoldenCase.RepositoryRoot, "docs", "plan.schema.json"));

    public static TheoryData<string> Cases() => new(GoldenCase.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenPlanJson_IsValidAgainstTheDocumentedSchema(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenCase.ExpectedDirectory(name), "plan.json")));
        var json = doc.RootElement;

        var result = Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", Errors(result).Take(10)));
    }

    [Fact]
    public void APropertyTheSchemaDoesNotDescribe_IsInvalid()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenCase.ExpectedDirectory("add-user-email"), "plan.json")))!;
        json["steps"]![0]!["sql"] = "SELECT 1;";

        Assert.False(Schema.Evaluate(JsonSerializer.SerializeToElement(json)).IsValid);
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
}
