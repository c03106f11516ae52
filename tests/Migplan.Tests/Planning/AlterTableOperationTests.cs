using Migplan.Planning;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>ALTER TABLE subcommands the golden cases do not show: each is planned by an operation of its own.</summary>
public sealed class AlterTableOperationTests
{
    private const string Schema = """
        CREATE TABLE accounts (id bigint PRIMARY KEY, note text DEFAULT 'n/a', flag boolean, name text NOT NULL);
        CREATE TABLE orders (
            id bigint PRIMARY KEY,
            account_id bigint NOT NULL,
            total numeric,
            CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id),
            CONSTRAINT orders_total_check CHECK (total >= 0)
        );
        CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);
        CREATE TABLE events_2019 (id bigint NOT NULL, at timestamptz NOT NULL);
        ALTER TABLE events ATTACH PARTITION events_2019 FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');

        """;

    private static readonly (string, long)[] Stats = [("public.accounts", 3_000_000), ("public.orders", 9_000_000)];

    private static Plan Plan(string change, int pgVersion = 15) =>
        TestPlanner.Plan(change, Schema, new PlanOptions { Project = "test", PgVersion = pgVersion, PgVersionGiven = true }, Stats);

    [Fact]
    public void SetDefault_Rollback_RestoresTheDefaultItReplaces_OrDropsItWhenThereWasNone()
    {
        var plan = Plan("""
            ALTER TABLE accounts ALTER COLUMN note SET DEFAULT 'none';
            ALTER TABLE accounts ALTER COLUMN flag SET DEFAULT true;

            """);

        Assert.Equal("ALTER TABLE public.accounts ALTER COLUMN note SET DEFAULT 'n/a';\n", plan.StepWithTitle("Set default of accounts.note").Rollback.Sql);
        Assert.Equal("ALTER TABLE public.accounts ALTER COLUMN flag DROP DEFAULT;\n", plan.StepWithTitle("Set default of accounts.flag").Rollback.Sql);
    }

    [Fact]
    public void DropDefault_Rollback_RestoresTheDroppedDefault_AndTheStepIsBriefMetadataOnly()
    {
        var step = Plan("ALTER TABLE accounts ALTER COLUMN note DROP DEFAULT;\n").StepWithTitle("Drop default of accounts.note");

        Assert.Equal("ALTER TABLE public.accounts ALTER COLUMN note DROP DEFAULT;\n", step.Sql);
        Assert.Equal("ALTER TABLE public.accounts ALTER COLUMN note SET DEFAULT 'n/a';\n", step.Rollback.Sql);
        Assert.True(Assert.Single(step.Locks) is { Mode: LockMode.AccessExclusive, Brief: true, Target: "public.accounts" });
        Assert.Equal(TimeoutPolicy.Brief, step.Timeouts);
    }

    [Fact]
    public void SetNotNull_OnAColumnAlreadyNotNull_IsOneBriefStepWithoutTheHelperCheck()
    {
        var plan = Plan("ALTER TABLE accounts ALTER COLUMN name SET NOT NULL;\n");

        var step = plan.StepWithTitle("Set accounts.name NOT NULL (already NOT NULL)");
        Assert.Equal(Phase.SchemaChanges, step.Phase);
        Assert.True(Assert.Single(step.Locks).Brief);
        Assert.DoesNotContain(plan.Steps, s => s.TitleText().Contains("check", StringComparison.OrdinalIgnoreCase) && s.TitleText().Contains("not_null", StringComparison.Ordinal));
    }

    [Fact]
    public void SetNotNull_WrittenBeforeTheUpdateThatFillsTheColumn_KnowsTheColumnIsBackfilled()
    {
        var plan = Plan("""
            ALTER TABLE accounts ALTER COLUMN flag SET NOT NULL;
            UPDATE accounts SET flag = false WHERE flag IS NULL;

            """);

        var validate = plan.StepWithTitle("Validate accounts_flag_not_null");
        Assert.Equal(RiskLevel.Medium, validate.Risk);
        Assert.DoesNotContain("No statement of the change fills", English.Of(validate.RiskReason), StringComparison.Ordinal);
        Assert.True(plan.StepWithTitle("Backfill accounts.flag").Number < validate.Number);
    }

    [Fact]
    public void Backfill_OfAColumnMadeNotNullByALaterStatement_ChecksThatItReachesEveryRow()
    {
        var plan = Plan("""
            ALTER TABLE accounts ADD COLUMN tier text;
            UPDATE accounts SET tier = 'basic' WHERE id > 0;
            ALTER TABLE accounts ALTER COLUMN tier SET NOT NULL;

            """);

        var backfill = plan.StepWithTitle("Backfill accounts.tier");
        Assert.Contains(backfill.Actions, a => English.Of(a).StartsWith("Rows this statement does not reach keep NULL in tier", StringComparison.Ordinal));
        Assert.Equal(Expectation.Returns("0"), backfill.Verification.Expect);
    }

    [Fact]
    public void DropConstraint_OfAForeignKey_SaysItLocksTheReferencedTable_OtherConstraintsAreLowRisk()
    {
        var plan = Plan("""
            ALTER TABLE orders DROP CONSTRAINT orders_account_fk;
            ALTER TABLE orders DROP CONSTRAINT orders_total_check;

            """);

        var fk = plan.StepWithTitle("Drop constraint orders_account_fk");
        var check = plan.StepWithTitle("Drop constraint orders_total_check");
        Assert.Equal(Phase.Cleanup, fk.Phase);
        Assert.Equal(RiskLevel.Medium, fk.Risk);
        Assert.Contains("public.accounts", English.Of(fk.Impact), StringComparison.Ordinal);
        Assert.Equal(RiskLevel.Low, check.Risk);
        Assert.DoesNotContain("public.accounts", English.Of(check.Impact), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateConstraint_ScansInCleanupWithoutBlockingWritesOrAStatementTimeout()
    {
        var step = Plan("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n").StepWithTitle("Validate orders_total_check");

        Assert.Equal(Phase.Cleanup, step.Phase);
        Assert.True(Assert.Single(step.Locks) is { Mode: LockMode.ShareUpdateExclusive, Brief: false });
        Assert.Equal(TimeoutPolicy.LongScan, step.Timeouts);
        Assert.True(step.Estimate.Seconds > 0);
    }

    [Fact]
    public void DetachPartition_OnPg14_RunsConcurrentlyOutsideATransaction_OnPg13_TakesABriefAccessExclusive()
    {
        const string change = "ALTER TABLE events DETACH PARTITION events_2019;\n";

        var concurrent = Plan(change, 14).StepWithTitle("Detach partition events_2019");
        var brief = Plan(change, 13).StepWithTitle("Detach partition events_2019");

        Assert.Equal("ALTER TABLE public.events DETACH PARTITION public.events_2019 CONCURRENTLY;\n", concurrent.Sql);
        Assert.False(concurrent.Transactional);
        Assert.Equal(LockMode.ShareUpdateExclusive, Assert.Single(concurrent.Locks).Mode);
        Assert.Equal("ALTER TABLE public.events DETACH PARTITION events_2019;\n", brief.Sql);
        Assert.True(brief.Transactional);
        Assert.True(Assert.Single(brief.Locks) is { Mode: LockMode.AccessExclusive, Brief: true });
    }

    [Fact]
    public void RenameTable_KeepsAViewWithTheOldName_UntilCleanupDropsIt()
    {
        var plan = Plan("ALTER TABLE accounts RENAME TO customers;\n");

        var rename = plan.StepWithTitle("Rename table accounts to customers");
        var drop = plan.StepWithTitle("Drop compatibility view accounts");
        Assert.Contains("CREATE VIEW public.accounts WITH (security_invoker = true) AS SELECT * FROM public.customers;", rename.Sql, StringComparison.Ordinal);
        Assert.Equal(Phase.Cleanup, drop.Phase);
        Assert.Equal("DROP VIEW IF EXISTS public.accounts;\n", drop.Sql);
        Assert.Contains("CREATE VIEW public.accounts WITH (security_invoker = true) AS SELECT * FROM public.customers;", drop.Rollback.Sql, StringComparison.Ordinal);
    }
}
