using System.Text;
using Migplan.Rendering;
using Migplan.Rendering.Messages;
using Migplan.Rendering.Psql;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Plans;

/// <summary>plan.json format 2: read back to the same model, and data an executor can run as it is.</summary>
public sealed class PlanJsonTests
{
    public static TheoryData<string> Cases() => new(GoldenCase.Names());

    private static string JsonPath(string name) => Path.Combine(GoldenCase.ExpectedDirectory(name), "plan.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenPlanJson_ReadAndWrittenAgain_IsByteIdentical(string name)
    {
        byte[] written = File.ReadAllBytes(JsonPath(name));

        var plan = PlanJsonReader.Read(JsonPath(name), English.Instance);
        byte[] again = PlanJsonWriter.ToBytes(plan, English.Instance);

        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(again));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenPlanJson_ReadBack_RendersTheSameScripts(string name)
    {
        // plan.json alone is enough to write every script of the plan, byte for byte.
        var plan = PlanJsonReader.Read(JsonPath(name), English.Instance);
        string dir = GoldenCase.ExpectedDirectory(name);

        foreach (var step in plan.Steps)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(dir, step.ScriptPath)), SqlScripts.Forward(step, plan.Session));
            Assert.Equal(File.ReadAllText(Path.Combine(dir, step.RollbackPath)), SqlScripts.Rollback(step, plan.Session));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryCommand_IsOneStatement_WithNoPsqlMetaCommand(string name)
    {
        var plan = PlanJsonReader.Read(JsonPath(name), English.Instance);
        var commands = plan.Steps.SelectMany(s => s.Commands.Concat(s.Rollback.Commands));

        foreach (var command in commands)
        {
            foreach (var text in new[] { command.Sql, command.OnlyIf }.OfType<string>())
            {
                var scan = PsqlScript.Scan(text);
                Assert.Empty(scan.Unexpected([]));
                Assert.Null(scan.OpenAtEnd);
            }

            Assert.Single(PsqlScript.Scan(command.Sql).Statements);
        }

        Assert.DoesNotContain("\\gexec", File.ReadAllText(JsonPath(name)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verifications_AreQueriesWithTypedExpectations_NotSentences(string name)
    {
        var plan = PlanJsonReader.Read(JsonPath(name), English.Instance);
        var verifications = plan.Steps.SelectMany(s => s.Gate.Checks.Append(s.Verification));

        foreach (var v in verifications)
        {
            if (v.Expect.Kind == ExpectationKind.Manual)
            {
                Assert.Equal(string.Empty, v.Sql);
                Assert.NotNull(v.Expect.Judge);
                continue;
            }

            Assert.Single(PsqlScript.Scan(v.Sql).Statements);
            if (v.Expect.Kind == ExpectationKind.Value)
            {
                Assert.DoesNotMatch(@"\b(the|for|of|plus|by)\b", v.Expect.Value!); // a value, not a sentence
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLock_NamesASchemaQualifiedRelation(string name)
    {
        var plan = PlanJsonReader.Read(JsonPath(name), English.Instance);

        foreach (var l in plan.Steps.SelectMany(s => s.Locks))
        {
            Assert.NotNull(l.Relation.Schema);
            Assert.DoesNotContain(", ", l.Relation.Name.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FormatOne_IsRefused_SayingWhichFormatThisVersionReads()
    {
        var e = Assert.Throws<PlanFormatException>(() => Read("{\"format\": 1, \"steps\": []}"));

        Assert.Contains("format 1 is not supported", e.Message, StringComparison.Ordinal);
        Assert.Contains("format 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASettingNameThatIsNotAPlainName_IsRefused_WithItsPath()
    {
        string json = File.ReadAllText(JsonPath("add-user-email"));
        string hostile = json.Replace("\"name\": \"lock_timeout\"", "\"name\": \"lock_timeout = 0; DROP TABLE users; SET x\"", StringComparison.Ordinal);
        Assert.NotEqual(json, hostile);

        var e = Assert.Throws<PlanFormatException>(() => Read(hostile));

        Assert.Contains(".settings[", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not a setting name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsThatDisagreeWithTheTimeouts_AreRefused()
    {
        string json = File.ReadAllText(JsonPath("add-user-email"));
        string edited = json.Replace("\"value\": \"3s\"", "\"value\": \"30min\"", StringComparison.Ordinal);
        Assert.NotEqual(json, edited);

        var e = Assert.Throws<PlanFormatException>(() => Read(edited));

        Assert.Contains("do not agree", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingField_IsNamedWithItsJsonPath()
    {
        string json = File.ReadAllText(JsonPath("add-user-email"));
        int at = json.IndexOf("\"script\":", StringComparison.Ordinal);
        int end = json.IndexOf('\n', at);
        string edited = json.Remove(at, end - at + 1);

        var e = Assert.Throws<PlanFormatException>(() => Read(edited));

        Assert.Contains("$.steps[0]: \"script\" is missing", e.Message, StringComparison.Ordinal);
    }

    private static Plan Read(string json) => PlanJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), English.Instance, "plan.json");
}
