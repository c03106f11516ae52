using System.Text;
using Migplan.Rendering.Messages;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Plans;

/// <summary>Messages in plans: every id the planner emits has an English template with one placeholder per argument.</summary>
public sealed class PlanMessageTests
{
    public static TheoryData<string> Cases() => new(GoldenCase.Names());

    private static string JsonPath(string name) => Path.Combine(GoldenCase.ExpectedDirectory(name), "plan.json");

    private static IEnumerable<Message> Messages(Plan plan) =>
        plan.Steps.SelectMany(s => new[] { s.Title, s.Impact, s.RiskReason, s.Rollback.Description, s.Estimate.Basis }.Concat(s.Actions).Concat(s.Gate.Confirm)
                .Concat(s.Gate.Checks.Append(s.Verification).SelectMany(v => new[] { v.Expect.Judge, v.Label }).OfType<Message>())
                .Concat(s.Commands.Concat(s.Rollback.Commands).Select(c => c.Label).OfType<Message>()))
            .Concat(plan.Notes.Select(n => n.Text)).Concat(plan.Assumptions).Concat(plan.Prerequisites).Append(plan.MaintenanceWindowReason)
            .SelectMany(m => m.SelfAndNested());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryMessageThePlannerEmits_HasAnEnglishTemplate_WithOnePlaceholderPerArgument(string name)
    {
        var plan = await GoldenCase.PlanAsync(name, TestContext.Current.CancellationToken);

        foreach (var m in Messages(plan))
        {
            Assert.True(English.All.TryGetValue(m.Id, out var template), $"no English template for {m.Id}");
            Assert.Equal(m.Args.Length, English.Placeholders(template));
        }
    }

    [Fact]
    public void EveryTemplate_NumbersItsPlaceholdersFromZeroWithoutGaps()
    {
        foreach (var (id, template) in English.All)
        {
            var e = Record.Exception(() => English.Placeholders(template));
            Assert.True(e is null, $"{id}: {e?.Message}");
            Assert.Matches("^[a-z0-9-]+(\\.[a-z0-9-]+)+$", id);
        }
    }

    [Fact]
    public void AnUnknownMessageId_IsRefused_WithItsPath()
    {
        string json = File.ReadAllText(JsonPath("add-user-email"));
        string edited = ReplaceFirst(json, "\"id\": \"" + FirstMessageId(json) + "\"", "\"id\": \"impact.no-such-message\"");

        var e = Assert.Throws<PlanFormatException>(() => Read(edited));

        Assert.Contains("\"impact.no-such-message\" is not a known message", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownArgumentKind_IsRefused_WithItsPath()
    {
        string json = File.ReadAllText(JsonPath("add-user-email"));
        string edited = ReplaceFirst(json, "\"kind\": \"text\"", "\"kind\": \"html\"");

        var e = Assert.Throws<PlanFormatException>(() => Read(edited));

        Assert.Contains(".args[", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"html\" is not a known ArgKind", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMessageWithTooFewArguments_IsRefused()
    {
        var plan = PlanJsonReader.Read(JsonPath("add-user-email"), English.Instance);
        var step = plan.Steps.First(s => !s.Impact.Args.IsEmpty);
        var broken = plan with { Steps = [.. plan.Steps.Select(s => s == step ? s with { Impact = s.Impact with { Args = [] } } : s)] };
        string json = Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(broken, new LenientCatalog()));

        var e = Assert.Throws<PlanFormatException>(() => Read(json));

        Assert.Contains($"message {step.Impact.Id} takes {step.Impact.Args.Length} argument(s), not 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMessageRoundTrips_ThroughPlanJson_WithNestedMessagesAndNumbers()
    {
        var plan = PlanJsonReader.Read(JsonPath("add-user-email"), English.Instance);
        var read = Read(Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(plan, English.Instance)));

        Assert.Equal(Messages(plan), Messages(read));
    }

    [Fact]
    public void EachArgumentKind_IsFormattedItsOwnWay_InEnglish()
    {
        Assert.Equal("12,000,000", English.Format(MessageArg.Count(12_000_000L)));
        Assert.Equal("5,000", English.Format(MessageArg.Count(5000.0)));
        Assert.Equal("15", English.Format(MessageArg.Number(15)));
        Assert.Equal("0.5", English.Format(MessageArg.Number(0.5)));
        Assert.Equal("1.2 GB", English.Format(MessageArg.Bytes(1.2e9)));
        Assert.Equal("12 min", English.Format(MessageArg.Seconds(700)));
        Assert.Equal("public.\"Users\"", English.Format(MessageArg.Name("public.\"Users\"")));
        Assert.Equal(
            "Scans 3 rows without blocking writes; fails if a row violates the constraint.",
            English.Format(Message.Of("risk.validate-scan", MessageArg.Count(3L))));
    }

    [Fact]
    public void AMessage_WithAnIdNoTemplateKnows_IsABug_NotSilentText()
    {
        Assert.Throws<InvalidOperationException>(() => English.Of(Message.Of("impact.no-such-message")));
    }

    [Fact]
    public void DeeplyNestedMessages_RoundTrip()
    {
        var plan = PlanJsonReader.Read(JsonPath("add-user-email"), English.Instance);
        var reason = Message.Of("risk.metadata-only");
        for (int i = 0; i < 5; i++)
        {
            reason = Message.Of("risk.grouped", reason, MessageArg.Count(2L));
        }

        var nested = plan with { Steps = [.. plan.Steps.Select(s => s with { RiskReason = reason })] };

        var read = Read(Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(nested, English.Instance)));

        Assert.All(read.Steps, s => Assert.Equal(reason, s.RiskReason));
    }

    private static string FirstMessageId(string json)
    {
        int at = json.IndexOf("\"impact\": {", StringComparison.Ordinal);
        int id = json.IndexOf("\"id\": \"", at, StringComparison.Ordinal) + "\"id\": \"".Length;
        return json[id..json.IndexOf('"', id)];
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        int at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, what);
        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + what.Length));
    }

    private static Plan Read(string json) => PlanJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), English.Instance, "plan.json");

    /// <summary>Writes any message, whatever its arguments (to produce a broken plan.json).</summary>
    private sealed class LenientCatalog : IMessageCatalog
    {
        public bool TryArity(string id, out int arguments)
        {
            arguments = 0;
            return true;
        }

        public string Text(Message message) => message.Id;
    }
}
