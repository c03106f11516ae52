using System.Text;
using Migplan.Rendering;
using Migplan.Rendering.Messages;
using Migplan.Rendering.Psql;
using Migplan.Tests.Golden;
using Migplan.Tests.Planning;

namespace Migplan.Tests.Plans;

/// <summary>Strong locks taken in short attempts: the policy is data on the command, the script holds the retry loop.</summary>
public sealed class LockRetryTests
{
    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";

    [Fact]
    public void AddColumnOnAnExistingTable_AndItsRollback_TakeTheLockInShortAttempts()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\n", Schema);
        var step = plan.StepWithTitle("Add column");

        Assert.Equal(LockRetry.Default, Assert.Single(step.Commands).LockRetry);
        Assert.Equal(LockRetry.Default, Assert.Single(step.Rollback.Commands).LockRetry);
        Assert.All(plan.Steps[0].Commands, c => Assert.Null(c.LockRetry));
    }

    [Fact]
    public void ATableTheChangeCreates_HasNoTrafficToProtect_AndGetsNoRetry()
    {
        var plan = TestPlanner.Plan("CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nALTER TABLE notes ADD COLUMN extra text;\n", Schema);

        Assert.All(plan.Steps.SelectMany(s => s.Commands), c => Assert.Null(c.LockRetry));
    }

    [Fact]
    public void SetNotNull_RetriesTheAlter_NotTheCatalogCheckBeforeIt_NorTheOnlineValidation()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = 'x';\nALTER TABLE users ALTER COLUMN note SET NOT NULL;\n", Schema);
        var setNotNull = plan.StepWithTitle("Set users.note NOT NULL");
        var validate = plan.StepWithTitle("Validate");

        Assert.Null(setNotNull.Commands[0].LockRetry);
        Assert.NotNull(setNotNull.Commands[1].LockRetry);
        Assert.All(validate.Commands, c => Assert.Null(c.LockRetry));
    }

    [Fact]
    public void TheScript_HoldsTheStatementVerbatim_InOneDoBlockThatRetriesOnLockNotAvailable()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text DEFAULT 'a $migplan$ b';\n", Schema);
        var step = plan.StepWithTitle("Add column");
        string script = SqlScripts.Forward(step);
        string statement = step.Commands[0].Sql;

        Assert.Contains("    BEGIN\n" + statement + "      EXIT;\n", script, StringComparison.Ordinal);
        Assert.Contains("EXCEPTION WHEN lock_not_available THEN", script, StringComparison.Ordinal);
        Assert.Contains("pg_catalog.set_config('lock_timeout', '200ms', true)", script, StringComparison.Ordinal);
        Assert.Contains("DO $migplan1$\n", script, StringComparison.Ordinal);
        var statements = PsqlScript.Scan(script).Statements.ToList();
        Assert.StartsWith("DO $migplan1$", statements[^1].Text, StringComparison.Ordinal);
        Assert.Null(PsqlScript.Scan(script, standardConformingStrings: false).OpenAtEnd);
    }

    [Fact]
    public void ATableNamedWithTheDollarTag_GetsABlockTagItsNameCannotEnd()
    {
        var plan = TestPlanner.Plan("ALTER TABLE \"a$migplan$b\" ADD COLUMN note text;\n", "CREATE TABLE \"a$migplan$b\" (id bigint PRIMARY KEY);\n");
        var step = plan.StepWithTitle("Add column");

        string script = SqlScripts.Forward(step);

        Assert.Contains("DO $migplan1$\n", script, StringComparison.Ordinal);
        Assert.Contains("ARRAY['public.a$migplan$b']::pg_catalog.text[]", script, StringComparison.Ordinal);
        Assert.Empty(ScriptInertnessFindings(script));
    }

    private static IEnumerable<object> ScriptInertnessFindings(string script) => Migplan.Tests.Fuzz.ScriptInertness.Findings("x.sql", script);

    [Fact]
    public void ADoBlockMigplanWrote_IsNestedAsABlock_NotADoInsideADo()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = 'x';\nALTER TABLE users ALTER COLUMN note SET NOT NULL;\n", Schema);
        var check = plan.StepWithTitle("Add NOT VALID check");
        var command = Assert.Single(check.Commands);
        Assert.NotNull(command.LockRetry);
        string body = Migplan.Sql.SqlText.DoBlockBody(command.Sql)!;

        string script = SqlScripts.Forward(check);

        Assert.Contains("    BEGIN\n" + body.TrimEnd() + ";\n      EXIT;\n", script, StringComparison.Ordinal);
        Assert.Single(PsqlScript.Scan(script).Statements, s => s.Text.StartsWith("DO ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheMarkdown_StatesThePolicyOnceInTheStep_AndOnceInTheGuidelines()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\n", Schema);

        string md = MarkdownRenderer.Render(plan);

        Assert.Single(md.Split('\n'), l => l.StartsWith("  - Lock retry: attempts of 200 ms, at most 20 and 3 s in all", StringComparison.Ordinal));
        Assert.Single(md.Split('\n'), l => l.StartsWith("- Lock retry: ", StringComparison.Ordinal));
        Assert.DoesNotContain("lock_not_available THEN", md, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanJson_KeepsThePlainStatementAndThePolicy_AndReadsThemBack()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\n", Schema);
        string json = Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(plan, English.Instance));

        Assert.Contains("\"lockRetry\": {\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("lock_not_available", json, StringComparison.Ordinal);
        var back = Read(json);
        Assert.Equal(LockRetry.Default, back.StepWithTitle("Add column").Commands[0].LockRetry);
        Assert.Equal(json, Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(back, English.Instance)));
    }

    [Fact]
    public void TheExamplePlan_RetriesEveryStrongLockOnUsers()
    {
        var plan = PlanJsonReader.Read(Path.Combine(GoldenCase.ExpectedDirectory("add-user-email"), "plan.json"), English.Instance);

        var retried = plan.Steps.Where(s => s.Commands.Any(c => c.LockRetry is not null)).Select(s => s.Kind).ToList();

        Assert.Equal(["add_column", "check_not_null", "set_not_null", "drop_check", "drop_foreign_key", "drop_table"], retried);
    }

    [Fact]
    public void APolicyOutOfRange_IsRefused_WithItsPath()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\n", Schema);
        string json = Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(plan, English.Instance));
        string edited = json.Replace("\"attempts\": 20", "\"attempts\": 0", StringComparison.Ordinal);
        Assert.NotEqual(json, edited);

        var e = Assert.Throws<PlanFormatException>(() => Read(edited));

        Assert.Contains(".commands[0].lockRetry: attemptTimeoutMs must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APolicyOnAStatementADoBlockCannotHold_IsRefused()
    {
        var plan = TestPlanner.Plan("ALTER TABLE users ADD COLUMN note text;\n", Schema);
        var checks = plan.Steps[0];
        var edited = plan with
        {
            Steps = plan.Steps.SetItem(0, checks with { Commands = checks.Commands.SetItem(0, checks.Commands[0] with { LockRetry = LockRetry.Default }) }),
        };
        string json = Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(edited, English.Instance));

        var e = Assert.Throws<PlanFormatException>(() => Read(json));

        Assert.Contains("$.steps[0].commands[0].lockRetry: only an ALTER, DROP", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStrongLockOutsideATransactionBlock_KeepsThePolicyForTheExecutor_AndTheStepSaysSo()
    {
        var table = new Migplan.Sql.QualifiedName(new Migplan.Sql.Identifier("public"), new Migplan.Sql.Identifier("events"));
        var draft = new Migplan.Planning.StepDraft(Phase.Cleanup, "vacuum_full.events", Message.Of("title.unanalysed"), "VACUUM FULL public.events;\n", false,
            [new LockTaken(LockMode.AccessExclusive, table, Brief: false)], Message.Of("impact.no-blocking-lock"), TimeoutPolicy.Window,
            new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo")), Verification.ByHand(Message.Of("judge.unanalysed")),
            new Estimate(1, Message.Of("basis.metadata-only")), RiskLevel.High, Message.Of("risk.metadata-only"), []);

        var applied = Migplan.Planning.LockRetries.Apply(draft, _ => false);

        Assert.Equal(LockRetry.Default, Assert.Single(applied.Commands).LockRetry);
        Assert.Contains(applied.Actions, a => a.Id == "action.lock-retry-by-executor");
        Assert.Contains("DO block", English.Of(applied.Actions[^1]), StringComparison.Ordinal);
        var step = new Step("02_vacuum_full", 2, Phase.Cleanup, draft.Title, applied.Commands, draft.Locks, draft.Impact, draft.Timeouts, draft.Rollback,
            draft.Verification, draft.Estimate, false, RiskLevel.High, draft.RiskReason, applied.Actions);
        Assert.EndsWith("SET statement_timeout = '0';\nVACUUM FULL public.events;\n", SqlScripts.Forward(step), StringComparison.Ordinal);
    }

    private static Plan Read(string json) => PlanJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), English.Instance, "plan.json");
}
