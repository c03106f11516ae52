using System.Text;
using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>Large plans group steps of one kind on different tables; small plans never do.</summary>
public sealed class StepGroupingTests
{
    private static string Schema(int tables)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < tables; i++)
        {
            sb.Append($"CREATE TABLE t{i} (id bigint PRIMARY KEY, name text NOT NULL, v integer);\n");
        }

        return sb.ToString();
    }

    private static Plan PlanGrouped(string change, int tables) =>
        TestPlanner.Plan(change, Schema(tables), new PlanOptions { Project = "test", GroupAbove = 0 });

    [Fact]
    public void AddColumnNotNull_OnManyTables_GroupsEachKindIntoOneStep_InRecipeOrder()
    {
        var change = string.Concat(Enumerable.Range(0, 5).Select(i => $"ALTER TABLE t{i} ADD COLUMN c integer NOT NULL;\n"));

        var plan = PlanGrouped(change, 5);

        var cleanup = plan.Steps.Where(s => s.Phase == Phase.Cleanup).Select(s => s.TitleText()).ToList();
        Assert.Equal(4, cleanup.Count);
        Assert.StartsWith("Add NOT VALID check t0_c_not_null (and 4 more", cleanup[0], StringComparison.Ordinal);
        Assert.StartsWith("Validate t0_c_not_null (and 4 more", cleanup[1], StringComparison.Ordinal);
        Assert.StartsWith("Set t0.c NOT NULL (and 4 more", cleanup[2], StringComparison.Ordinal);
        Assert.StartsWith("Drop helper check t0_c_not_null (and 4 more", cleanup[3], StringComparison.Ordinal);
        var add = Assert.Single(plan.Steps, s => s.TitleText().StartsWith("Add column", StringComparison.Ordinal));
        Assert.Equal(5, add.Locks.Length);
        Assert.Equal(5, add.Commands.Length); // one command per member, each under its member's title
        Assert.All(add.Commands, c => Assert.StartsWith("Add column t", English.Of(c.Label!), StringComparison.Ordinal));
        for (int i = 0; i < 5; i++)
        {
            Assert.Contains($"ALTER TABLE public.t{i} ADD COLUMN IF NOT EXISTS c integer;", add.Sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GroupedStep_RollbackRunsTheMembersInReverseOrder_AndVerificationChecksEveryMember()
    {
        var change = "CREATE INDEX i0 ON t0 (name);\nCREATE INDEX i1 ON t1 (name);\nCREATE INDEX i2 ON t2 (name);\n";

        var step = Assert.Single(PlanGrouped(change, 3).Steps, s => s.TitleText().StartsWith("Create index", StringComparison.Ordinal));

        Assert.False(step.Transactional);
        int r0 = step.Rollback.Sql.IndexOf("public.i0", StringComparison.Ordinal);
        int r2 = step.Rollback.Sql.IndexOf("public.i2", StringComparison.Ordinal);
        Assert.True(r2 >= 0 && r0 > r2, step.Rollback.Sql);
        Assert.Equal(Expectation.Returns("0"), step.Verification.Expect);
        Assert.Equal(3, step.Verification.Sql.Split("indisvalid").Length - 1);
        Assert.EndsWith("WHERE ok IS NOT TRUE;", step.Verification.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouping_KeepsTheOrderOfEachTablesSteps()
    {
        // t0: rename then index on the new name; t1: index then rename. Each table's own order must hold.
        var change = "ALTER TABLE t0 RENAME COLUMN name TO label;\nCREATE INDEX i0 ON t0 (label);\nCREATE INDEX i1 ON t1 (name);\nALTER TABLE t1 RENAME COLUMN name TO label;\n";

        var steps = PlanGrouped(change, 2).Steps.Select(s => s.Sql).ToList();

        int Position(string text) => steps.FindIndex(s => s.Contains(text, StringComparison.Ordinal));
        Assert.True(Position("public.t0 RENAME COLUMN") < Position("i0 ON public.t0"));
        Assert.True(Position("i1 ON public.t1") < Position("public.t1 RENAME COLUMN"));
    }

    [Fact]
    public void NonIdempotentBackfills_AreNeverGrouped()
    {
        var change = "UPDATE t0 SET v = v + 1;\nUPDATE t1 SET v = v + 1;\n";

        var backfills = PlanGrouped(change, 2).Steps.Where(s => s.TitleText().StartsWith("Backfill", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, backfills.Count);
        Assert.All(backfills, b => Assert.Equal("backfill-once", b.Timeouts!.Policy));
    }

    [Fact]
    public void IdempotentSelfMaps_AreGuardedAndGrouped()
    {
        var change = "UPDATE t0 SET name = upper(name);\nUPDATE t1 SET name = upper(name);\n";

        var backfill = Assert.Single(PlanGrouped(change, 2).Steps, s => s.TitleText().StartsWith("Backfill", StringComparison.Ordinal));

        Assert.Equal("backfill", backfill.Timeouts!.Policy);
        Assert.Contains("t0.name IS DISTINCT FROM CAST((upper(name)) AS text)", backfill.Sql, StringComparison.Ordinal);
        Assert.Contains("t1.name IS DISTINCT FROM CAST((upper(name)) AS text)", backfill.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupedStep_EachStatementsLockRetry_NamesTheHoldersOfItsOwnTableOnly()
    {
        var change = string.Concat(Enumerable.Range(0, 4).Select(i => $"ALTER TABLE t{i} ADD COLUMN c integer;\n"));

        var add = Assert.Single(PlanGrouped(change, 4).Steps, s => s.TitleText().StartsWith("Add column", StringComparison.Ordinal));

        Assert.Equal(4, add.Locks.Length);
        for (int i = 0; i < 4; i++)
        {
            var retry = add.Commands[i].LockRetry;
            Assert.NotNull(retry);
            Assert.Equal([$"public.t{i}"], retry.Relations.Select(r => r.Quoted));
            Assert.Equal([$"public.t{i}"], add.Rollback.Commands[3 - i].LockRetry!.Relations.Select(r => r.Quoted));
        }

        // The script's holder query for each statement lists its own table (four tables, four lists of one each).
        string script = SqlScripts.Forward(add);
        Assert.Equal(4, script.Split("migplan_started, ARRAY['public.t").Length - 1);
        Assert.DoesNotContain("ARRAY['public.t0', ", script, StringComparison.Ordinal);
        Assert.Single(script.Split("CREATE OR REPLACE FUNCTION pg_temp.migplan_lock_wait(").Skip(1));
    }

    [Fact]
    public void ForeignKeys_ThenTypeChangesOfTheirColumns_OnManyTables_StillGroup()
    {
        // Each foreign key is added NOT VALID where it is written; a later type change of its column carries it along,
        // so its validation does not have to run before that change (it once held every such pair in place, and each
        // held step was a barrier to grouping: thousands of steps in a large plan).
        var change = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"ALTER TABLE t{i} ADD CONSTRAINT fk_{i} FOREIGN KEY (v) REFERENCES t0 (id);\nALTER TABLE t{i} ALTER COLUMN v TYPE bigint;\n"));

        var plan = PlanGrouped(change, 7);

        Assert.Empty(plan.Notes.Where(n => n.Text.Id.StartsWith("note.kept-in-place", StringComparison.Ordinal)));
        Assert.Single(plan.Steps, s => s.TitleText().StartsWith("Validate fk_1", StringComparison.Ordinal));
        Assert.True(plan.Steps.Length < 10, string.Join("\n", plan.Steps.Select(s => s.TitleText())));
    }

    [Fact]
    public void ColumnRenames_OnManyTables_GroupTheirViewsAndRenames_AndKeepEveryMembersGate()
    {
        var change = string.Concat(Enumerable.Range(0, 25).Select(i => $"ALTER TABLE t{i} RENAME COLUMN name TO label;\n"));

        var plan = PlanGrouped(change, 25);

        var titles = plan.Steps.Skip(1).Select(s => s.TitleText()).ToList();
        Assert.Equal(3, titles.Count);
        Assert.StartsWith("Create compatibility view", titles[0], StringComparison.Ordinal);
        Assert.StartsWith("Rename t0.name to label (and 24 more", titles[1], StringComparison.Ordinal);
        Assert.StartsWith("Drop compatibility view", titles[2], StringComparison.Ordinal);
        var confirm = plan.Steps[2].Gate.Confirm;
        Assert.Equal(21, confirm.Length); // 20 members' own, then how many more
        Assert.Equal("confirm.and-more-members", confirm[^1].Id);
    }

    [Fact]
    public void SmallPlans_AreNotGrouped()
    {
        var change = "CREATE INDEX i0 ON t0 (name);\nCREATE INDEX i1 ON t1 (name);\n";

        var plan = TestPlanner.Plan(change, Schema(2));

        Assert.Equal(2, plan.Steps.Count(s => s.TitleText().StartsWith("Create index", StringComparison.Ordinal)));
    }
}

/// <summary>Facts about backfills of one table and about statements carried without analysis.</summary>
public sealed class BackfillAndUnanalysedTests
{
    private const string Schema = "CREATE TABLE t (id bigint PRIMARY KEY, a text, b text);\n";

    [Fact]
    public void TwoBackfillsOfOneTable_AreFollowedByOneVacuum_AfterTheLast()
    {
        var plan = TestPlanner.Plan("UPDATE t SET a = 'x';\nUPDATE t SET b = 'y';\n", Schema, null, ("public.t", 1_000_000));

        var titles = plan.Steps.Where(s => s.Phase == Phase.DataMigration).Select(s => s.TitleText()).ToList();
        Assert.Equal(["Backfill t.a", "Backfill t.b", "VACUUM (ANALYZE) t"], titles);
    }

    [Fact]
    public void UnanalysedStatement_GetsALockTimeout()
    {
        var plan = TestPlanner.Plan("CREATE POLICY p ON t USING (true);\n", Schema);

        var step = Assert.Single(plan.Steps, s => !s.Analysed);
        Assert.Equal("unanalysed", step.Timeouts!.Policy);
        Assert.Equal("3s", step.Timeouts.LockTimeout);
        Assert.Equal(DataLoss.Unknown, step.Rollback.Loss);
    }
}
