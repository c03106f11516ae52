using System.Text.Json;

namespace Migplan.Tests.Golden;

/// <summary>Rules every golden plan must keep, checked on its plan.json.</summary>
public sealed class PlanInvariantTests
{
    private static readonly HashSet<string> TrafficBlocking = new(StringComparer.Ordinal) { "ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE" };

    public static TheoryData<string> Cases() => new(GoldenCase.Names());

    private static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenCase.ExpectedDirectory(name), "plan.json")));

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryStepTakingALockThatBlocksTraffic_SetsLockAndStatementTimeouts(string name)
    {
        using var plan = Load(name);
        foreach (var step in plan.RootElement.GetProperty("steps").EnumerateArray())
        {
            bool blocking = step.GetProperty("locks").EnumerateArray().Any(l => TrafficBlocking.Contains(l.GetProperty("mode").GetString()!));
            if (!blocking)
            {
                continue;
            }

            var timeouts = step.GetProperty("timeouts");
            string id = step.GetProperty("id").GetString()!;
            Assert.True(timeouts.ValueKind == JsonValueKind.Object, $"{name}: step {id} takes a traffic-blocking lock without timeouts");
            Assert.NotEqual("0", timeouts.GetProperty("lockTimeout").GetString());
            Assert.Contains($"SET lock_timeout = '{timeouts.GetProperty("lockTimeout").GetString()}';", File.ReadAllText(Path.Combine(GoldenCase.ExpectedDirectory(name), step.GetProperty("script").GetString()!)), StringComparison.Ordinal);
            Assert.True(TimeoutPolicy.Named(timeouts.GetProperty("policy").GetString()!) is not null, $"{name}: policy of step {id} is not one of migplan's");
            Assert.Contains(step.GetProperty("settings").EnumerateArray(), s => s.GetProperty("name").GetString() == "lock_timeout" && s.GetProperty("value").GetString() == timeouts.GetProperty("lockTimeout").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryStep_HasItsScripts_AVerification_AndARollbackClass(string name)
    {
        using var plan = Load(name);
        string dir = GoldenCase.ExpectedDirectory(name);
        var ids = new List<string>();
        foreach (var step in plan.RootElement.GetProperty("steps").EnumerateArray())
        {
            ids.Add(step.GetProperty("id").GetString()!);
            Assert.True(File.Exists(Path.Combine(dir, step.GetProperty("script").GetString()!)));
            Assert.True(File.Exists(Path.Combine(dir, step.GetProperty("rollback").GetProperty("script").GetString()!)));
            var verification = step.GetProperty("verification");
            Assert.True(!string.IsNullOrWhiteSpace(verification.GetProperty("sql").GetString())
                || verification.GetProperty("expect").GetProperty("kind").GetString() == "manual" && !string.IsNullOrWhiteSpace(verification.GetProperty("expect").GetProperty("judge").GetProperty("text").GetString()));
            Assert.Contains(step.GetProperty("rollback").GetProperty("dataLoss").GetString(), new[] { "none", "new_objects_only", "existing_data", "restore_from_backup", "unknown" });
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // file names sort in execution order
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DestructiveCleanupSteps_ComeAfterEveryOtherStep(string name)
    {
        using var plan = Load(name);
        var steps = plan.RootElement.GetProperty("steps").EnumerateArray().ToList();
        int firstDestructive = steps.FindIndex(s => s.GetProperty("destructive").GetBoolean() && s.GetProperty("phase").GetString() == "cleanup");
        if (firstDestructive < 0)
        {
            return;
        }

        // Only destructive steps follow, and the foreign-key drops that prepare a DROP TABLE.
        Assert.All(steps.Skip(firstDestructive), s => Assert.True(
            s.GetProperty("destructive").GetBoolean() || s.GetProperty("id").GetString()!.Contains("_drop_foreign_key_", StringComparison.Ordinal),
            $"{name}: {s.GetProperty("id").GetString()} runs after a destructive step"));
    }
}
