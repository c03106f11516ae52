using Migplan.Planning;
using Migplan.Plans;
using Migplan.Rendering;
using Migplan.Rendering.Messages;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Planning;

/// <summary>SET statements of the change that change what later statements compute are set again in their steps.</summary>
public sealed class CarriedSessionTests
{
    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, created_at timestamptz);\n";

    [Theory]
    [InlineData("SET TIME ZONE 'America/New_York';", "timezone", new[] { "America/New_York" })]
    [InlineData("SET datestyle = ISO, DMY;", "datestyle", new[] { "iso", "dmy" })]
    [InlineData("SET datestyle TO 'ISO, DMY';", "datestyle", new[] { "ISO, DMY" })]
    [InlineData("SET extra_float_digits = -1;", "extra_float_digits", new[] { "-1" })]
    [InlineData("RESET timezone;", "timezone", new[] { "default" })]
    [InlineData("RESET TIME ZONE;", "timezone", new[] { "default" })]
    [InlineData("RESET ALL;", "all", new[] { "default" })]
    public void SetAndReset_GiveTheValuePostgreSQLReceives(string sql, string name, string[] values)
    {
        var set = One<SetStatement>(sql);
        Assert.Equal(name, set.Name);
        Assert.Equal(values, set.Values);
    }

    [Fact]
    public void SetOfAnExpression_HasNoPlainValue()
    {
        Assert.True(One<SetStatement>("SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;").Values.IsDefault);
    }

    [Fact]
    public void TimeZoneAndDateStyle_AreSetForLaterStepsAndTheirRollbacks_UntilReset()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE users ADD COLUMN before_set int;
            SET TIME ZONE 'America/New_York';
            SET datestyle = ISO, DMY;
            ALTER TABLE users ADD COLUMN day date;
            RESET datestyle;
            ALTER TABLE users ADD COLUMN after_reset int;

            """, Schema);

        Assert.Empty(plan.StepWithTitle("Add column users.before_set").Carried);
        var day = plan.StepWithTitle("Add column users.day");
        Assert.Equal([new Setting("timezone", "America/New_York"), new Setting("datestyle", "iso, dmy")], day.Carried);
        Assert.Contains(new Setting("timezone", "America/New_York"), day.Settings);
        Assert.Contains(new Setting("datestyle", "iso, dmy"), day.RollbackSettings);
        Assert.Contains("SET timezone = 'America/New_York';", SqlScripts.Forward(day), StringComparison.Ordinal);
        Assert.Equal([new Setting("timezone", "America/New_York")], plan.StepWithTitle("Add column users.after_reset").Carried);
        Assert.Contains(plan.Notes, n => n.Text.Id == "note.session-setting-carried" && English.Of(n.Text).Contains("SET TIME ZONE", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Text.Id == "note.session-setting-reset");
        Assert.DoesNotContain(plan.Steps, s => !s.Analysed);
    }

    [Fact]
    public void SearchPathSetByTheChange_IsSetForLaterSteps_WithTheTemporarySchemaLast()
    {
        var plan = TestPlanner.Plan("""
            CREATE SCHEMA app;
            SET search_path = 'app';
            CREATE TABLE jobs (id bigint PRIMARY KEY);
            SET search_path = "$user", "Other", public;
            ALTER TABLE app.jobs ADD COLUMN note text;
            RESET search_path;
            ALTER TABLE users ADD COLUMN after_reset int;

            """, Schema);

        var create = plan.StepWithTitle("Create table jobs");
        Assert.Equal([new Setting("search_path", "app, pg_temp")], create.Carried);
        Assert.Contains("SET search_path = app, pg_temp;", SqlScripts.Forward(create), StringComparison.Ordinal);
        var note = plan.StepWithTitle("Add column jobs.note");
        Assert.Contains("SET search_path = \"$user\", \"Other\", public, pg_temp;", SqlScripts.Forward(note), StringComparison.Ordinal);
        Assert.Empty(plan.StepWithTitle("Add column users.after_reset").Carried);
    }

    [Fact]
    public void SetLocal_EndsWithTheInputsTransaction()
    {
        var plan = TestPlanner.Plan("""
            BEGIN;
            SET LOCAL timezone = 'UTC';
            ALTER TABLE users ADD COLUMN inside int;
            COMMIT;
            ALTER TABLE users ADD COLUMN outside int;

            """, Schema);

        Assert.Equal([new Setting("timezone", "UTC")], plan.StepWithTitle("Add column users.inside").Carried);
        Assert.Empty(plan.StepWithTitle("Add column users.outside").Carried);
    }

    [Fact]
    public void CarriedSettings_RoundTripThroughPlanJson()
    {
        var plan = TestPlanner.Plan("SET TIME ZONE 'UTC';\nALTER TABLE users ADD COLUMN day date;\n", Schema);
        var bytes = PlanJsonWriter.ToBytes(plan, English.Instance);

        var read = PlanJsonReader.Read(new MemoryStream(bytes), English.Instance);

        Assert.Equal(bytes, PlanJsonWriter.ToBytes(read, English.Instance));
        Assert.Equal([new Setting("timezone", "UTC")], read.Steps.Single(s => s.Id.Contains("day", StringComparison.Ordinal)).Carried);
    }
}
