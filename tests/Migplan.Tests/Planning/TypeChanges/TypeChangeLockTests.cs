using Migplan.Plans;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning.TypeChanges;

public sealed class TypeChangeLockTests
{
    private const string Schema = """
        CREATE TABLE users (id serial PRIMARY KEY, name text);
        CREATE TABLE orders (id bigserial PRIMARY KEY, user_id int REFERENCES users (id));
        CREATE TABLE items (id bigint PRIMARY KEY, owner int, CONSTRAINT items_owner_fkey FOREIGN KEY (owner) REFERENCES users);
        CREATE TABLE tags (id bigint PRIMARY KEY, name text UNIQUE);
        CREATE TABLE tagged (tag text REFERENCES tags (name), n int);
        CREATE TABLE counters (name text PRIMARY KEY, tick serial, plain int);
        """;

    private static string[] Locks(Step step) => [.. step.Locks.Select(l => $"{l.Target}:{l.Mode}:{(l.Brief ? "brief" : "step")}")];

    [Fact]
    public void AReferencingColumnWidened_LocksTheReferencedTableForTheWholeStep()
    {
        var plan = TestPlanner.Plan("ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;", Schema, null, ("public.orders", 1000), ("public.users", 500));
        var step = plan.StepWithTitle("Change type of orders.user_id");

        Assert.Equal(["public.orders:AccessExclusive:step", "public.users:AccessExclusive:step"], Locks(step));
        Assert.Contains("public.users", English.Of(step.Impact), StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnNoForeignKeyReaches_LocksItsTableOnly()
    {
        var plan = TestPlanner.Plan("ALTER TABLE tags ALTER COLUMN id TYPE numeric;", Schema, null, ("public.tags", 0));

        Assert.Equal(["public.tags:AccessExclusive:step"], Locks(plan.StepWithTitle("Change type of tags.id")));
    }

    [Fact]
    public void AReferencedUniqueColumnChanged_LocksTheTablesReferencingThatColumnOnly()
    {
        var plan = TestPlanner.Plan("ALTER TABLE tags ALTER COLUMN name TYPE varchar(20);", Schema, null, ("public.tags", 0));

        Assert.Equal(["public.tags:AccessExclusive:step", "public.tagged:AccessExclusive:step"], Locks(plan.StepWithTitle("Change type of tags.name")));
    }

    [Fact]
    public void TheRewriteEstimate_AddsEachForeignKeysRecheck()
    {
        var alone = TestPlanner.Plan("ALTER TABLE counters ALTER COLUMN plain TYPE bigint;", Schema, null, ("public.counters", 1_000_000));
        var linked = TestPlanner.Plan("ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;", Schema, null, ("public.orders", 1_000_000), ("public.users", 500));
        var a = alone.StepWithTitle("Change type of counters.plain").Estimate;
        var l = linked.StepWithTitle("Change type of orders.user_id").Estimate;

        Assert.True(l.Seconds > a.Seconds, $"{l.Seconds} vs {a.Seconds}");
        Assert.Equal("basis.rewrite-indexes-foreign-keys", l.Basis.Id);
        Assert.Contains("foreign-key validation", English.Of(l.Basis), StringComparison.Ordinal);
    }

    [Fact]
    public void ASerialColumnsRollback_UsesItsIntegerType_AndNarrowsItsSequenceFirst()
    {
        var plan = TestPlanner.Plan("ALTER TABLE counters ALTER COLUMN tick TYPE bigint;", Schema, null, ("public.counters", 0));
        var step = plan.StepWithTitle("Change type of counters.tick");

        Assert.Contains("ALTER COLUMN tick TYPE integer;", step.Rollback.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("TYPE serial", step.Rollback.Sql, StringComparison.Ordinal);
        Assert.True(step.Rollback.Sql.IndexOf("ALTER SEQUENCE %s AS integer", StringComparison.Ordinal) < step.Rollback.Sql.IndexOf("TYPE integer;", StringComparison.Ordinal));
        Assert.Contains("ALTER SEQUENCE %s AS bigint", step.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void APlainIntegerColumnWidened_TouchesNoSequence()
    {
        var plan = TestPlanner.Plan("ALTER TABLE counters ALTER COLUMN plain TYPE bigint;", Schema, null, ("public.counters", 0));

        Assert.DoesNotContain("SEQUENCE", plan.StepWithTitle("Change type of counters.plain").Sql, StringComparison.Ordinal);
    }
}
