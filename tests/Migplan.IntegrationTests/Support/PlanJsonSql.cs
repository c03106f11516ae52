using System.Text.Json;

namespace Migplan.IntegrationTests.Support;

/// <summary>Reads a step of plan.json (format 2) where tests want its SQL as one text.</summary>
public static class PlanJsonSql
{
    /// <summary>The step's commands, one after another (their SQL only).</summary>
    public static string Of(JsonElement step) =>
        string.Concat(step.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("sql").GetString()));
}
