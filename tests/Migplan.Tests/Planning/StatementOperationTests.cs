using Migplan.Planning;

namespace Migplan.Tests.Planning;

/// <summary>Statements other than ALTER TABLE that the golden cases do not show whole, each planned by an operation of its own.</summary>
public sealed class StatementOperationTests
{
    private const string Schema = """
        CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
        CREATE TABLE logs (id bigint PRIMARY KEY, line text);

        """;

    [Fact]
    public void CreateTable_WithAForeignKey_LocksTheReferencedTableBriefly_WithoutOneLocksNothing()
    {
        var plan = TestPlanner.Plan("""
            CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id));
            CREATE TABLE notes (id bigint PRIMARY KEY);

            """, Schema);

        var orders = plan.StepWithTitle("Create table orders");
        Assert.True(Assert.Single(orders.Locks) is { Mode: LockMode.ShareRowExclusive, Target: "public.accounts", Brief: true });
        Assert.Equal(TimeoutPolicy.Brief, orders.Timeouts);
        var notes = plan.StepWithTitle("Create table notes");
        Assert.Empty(notes.Locks);
        Assert.Null(notes.Timeouts);
        Assert.Equal("DROP TABLE IF EXISTS public.notes;\n", notes.Rollback.Sql);
    }

    [Fact]
    public void AlterIndexRename_LocksOnlyTheIndex_AndTheSchemaFollowsTheNewName()
    {
        var plan = TestPlanner.Plan("""
            CREATE INDEX accounts_name_idx ON accounts (name);
            ALTER INDEX accounts_name_idx RENAME TO accounts_by_name;
            ALTER INDEX accounts_pkey RENAME TO accounts_pk;
            ALTER TABLE accounts DROP CONSTRAINT accounts_pk;
            DROP INDEX accounts_by_name;

            """, Schema);

        var rename = plan.StepWithTitle("Rename index accounts_name_idx to accounts_by_name");
        Assert.True(Assert.Single(rename.Locks) is { Mode: LockMode.ShareUpdateExclusive, Target: "public.accounts_name_idx", Brief: true });
        Assert.Equal("ALTER INDEX public.accounts_name_idx RENAME TO accounts_by_name;\n", rename.Sql);
        Assert.Equal("ALTER INDEX public.accounts_by_name RENAME TO accounts_name_idx;\n", rename.Rollback.Sql);
        var key = plan.StepWithTitle("Rename index accounts_pkey to accounts_pk");
        Assert.Contains("accounts_pk", key.Verification.Sql, StringComparison.Ordinal);
        Assert.Contains(plan.Steps, s => s.Sql.Contains("DROP CONSTRAINT accounts_pk", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncate_OfTwoTables_IsDestructive_LocksBoth_AndRestoresOnlyFromBackup()
    {
        var step = TestPlanner.Plan("TRUNCATE logs, accounts;\n", Schema).StepWithTitle("Truncate logs, accounts");

        Assert.Equal(Phase.Cleanup, step.Phase);
        Assert.True(step.Destructive);
        Assert.Equal(RiskLevel.High, step.Risk);
        Assert.Equal(DataLoss.RestoreFromBackup, step.Rollback.Loss);
        Assert.Equal(["public.logs", "public.accounts"], step.Locks.Select(l => l.Target));
        Assert.All(step.Locks, l => Assert.True(l is { Mode: LockMode.AccessExclusive, Brief: true }));
    }

    [Fact]
    public void DropTableIfExists_OfATableTheSchemaLacks_IsKeptAsADestructiveStep()
    {
        var step = TestPlanner.Plan("DROP TABLE IF EXISTS ghost;\n", Schema).StepWithTitle("Drop table ghost if it exists");

        Assert.Equal("DROP TABLE IF EXISTS public.ghost;\n", step.Sql);
        Assert.True(step.Destructive);
        Assert.Equal(RiskLevel.Medium, step.Risk);
    }

    [Fact]
    public void DropTable_OfATableTheChangeCreates_RunsAsWritten()
    {
        var plan = TestPlanner.Plan("""
            CREATE TABLE scratch (id int);
            DROP TABLE scratch;

            """, Schema);

        var step = plan.StepWithTitle("Drop table scratch");
        Assert.Equal("DROP TABLE scratch;\n", step.Sql);
        Assert.Equal(RiskLevel.Low, step.Risk);
        Assert.DoesNotContain(plan.Steps, s => s.TitleText().StartsWith("Drop foreign key", StringComparison.Ordinal));
    }

    [Fact]
    public void InsertSelect_IsMediumRisk_LiteralRowsAreLowRisk()
    {
        var plan = TestPlanner.Plan("""
            INSERT INTO logs (id, line) VALUES (1, 'a');
            INSERT INTO logs SELECT id, name FROM accounts;

            """, Schema);

        var inserts = plan.Steps.Where(s => s.TitleText() == "Insert into logs").ToList();
        Assert.Equal([RiskLevel.Low, RiskLevel.Medium], inserts.Select(s => s.Risk));
        Assert.All(inserts, s => Assert.Equal(Phase.DataMigration, s.Phase));
    }

    [Fact]
    public void UpdateFrom_LocksTheJoinedTableForTheWholeStep_AsWellAsTheTarget()
    {
        var plan = TestPlanner.Plan(
            "UPDATE accounts a SET tier = l.level FROM logs l WHERE l.id = a.id;\n",
            "CREATE TABLE accounts (id bigint PRIMARY KEY, tier text);\nCREATE TABLE logs (id bigint PRIMARY KEY, level text);\n");

        var step = plan.Steps.Single(s => s.Kind == "backfill" || s.TitleText().StartsWith("Update accounts", StringComparison.Ordinal));

        Assert.Contains(step.Locks, l => l is { Mode: LockMode.RowExclusive, Target: "public.accounts", Brief: false });
        Assert.Contains(step.Locks, l => l is { Mode: LockMode.AccessShare, Target: "public.logs", Brief: false });
    }

    [Fact]
    public void AddColumnReferences_LocksTheReferencedTable_WhenTheForeignKeyIsAddedAndValidated()
    {
        var plan = TestPlanner.Plan(
            "ALTER TABLE orders ADD COLUMN owner_id bigint REFERENCES users(id);\n",
            "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY);\n");

        var add = plan.Steps.Single(s => s.Kind == "add_constraint");
        var validate = plan.Steps.Single(s => s.Kind == "validate");

        Assert.Contains(add.Locks, l => l is { Mode: LockMode.ShareRowExclusive, Target: "public.users", Brief: true });
        Assert.Contains(validate.Locks, l => l is { Mode: LockMode.RowShare, Target: "public.users", Brief: false });
    }

    [Fact]
    public void DropColumn_OfAForeignKeyColumn_LocksTheReferencedTableToo()
    {
        var plan = TestPlanner.Plan(
            "ALTER TABLE orders DROP COLUMN owner_id;\n",
            "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, owner_id bigint REFERENCES users (id));\n");

        var drop = plan.Steps.Single(s => s.Kind == "drop_column");

        Assert.Contains(drop.Locks, l => l is { Mode: LockMode.AccessExclusive, Target: "public.orders", Brief: true });
        Assert.Contains(drop.Locks, l => l is { Mode: LockMode.AccessExclusive, Target: "public.users", Brief: true });
    }
}
