using Migplan.Planning;
using Migplan.Rendering;
using static Migplan.Tests.Planning.TestPlanner;

namespace Migplan.Tests.Planning;

/// <summary>Functions, procedures, views and triggers created, replaced or dropped: analysed steps with their locks, risk and exact rollbacks.</summary>
public sealed class DefinedObjectOperationTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text, updated_at timestamptz);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
        CREATE FUNCTION score(bigint) RETURNS int LANGUAGE sql AS 'SELECT 1';
        CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE VIEW user_names AS SELECT id, name FROM users;
        CREATE VIEW named_users AS SELECT id FROM user_names;

        """;

    private static Step Only(Plan plan) => Assert.Single(plan.Steps, s => !s.Id.EndsWith("pre_migration_checks", StringComparison.Ordinal));

    [Fact]
    public void SqlFunctionReadingATable_DeclaresAccessShareOnIt_APlpgsqlOneDoesNot()
    {
        // A LANGUAGE sql body is analysed when the function is created: ACCESS SHARE on what it reads (pg_locks, PostgreSQL 15).
        var sql = Only(Plan("CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;\n", Schema));
        var plpgsql = Only(Plan("CREATE FUNCTION user_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM users); END $$;\n", Schema));

        Assert.Equal([(LockMode.AccessShare, "public.users", true)], sql.Locks.Select(l => (l.Mode, l.Target, l.Brief)));
        Assert.Empty(plpgsql.Locks);
    }

    [Fact]
    public void CreateFunction_IsAnalysed_NoLock_RollbackDropsExactlyThatOverload()
    {
        var step = Only(Plan("CREATE FUNCTION score(a int, OUT b text, c text DEFAULT 'x') LANGUAGE sql AS $$ SELECT 'y' $$;\n", Schema));

        Assert.True(step.Analysed);
        Assert.Empty(step.Locks);
        Assert.Equal("DROP FUNCTION score(int, text);\n", step.Rollback.Sql);
        Assert.False(step.Rollback.StopsUnlessAccepted);
        Assert.Equal(RiskLevel.Low, step.Risk);
        Assert.Contains("to_regprocedure('score(int, text)') IS NOT NULL", step.Verification.Sql, StringComparison.Ordinal);
        Assert.Contains(step.Actions, a => a.Id == "action.sql-body-checked");
    }

    [Fact]
    public void ReplaceFunctionOfTheSchema_RollbackRestoresItsDefinition_AndATriggerUsingItMakesItHighRisk()
    {
        var step = Only(Plan("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n", Schema));

        Assert.Equal("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;\n", step.Rollback.Sql);
        Assert.Equal(RiskLevel.High, step.Risk);
        Assert.Equal("risk.replace-trigger-function", step.RiskReason.Id);
        Assert.Contains("users_touch", step.RiskReason.Args[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplaceFunctionNotInTheSchema_RollbackSaysSoAndStops()
    {
        var step = Only(Plan("CREATE OR REPLACE FUNCTION other(int) RETURNS int LANGUAGE sql AS 'SELECT 2';\n", Schema));

        Assert.True(step.Analysed);
        Assert.True(step.Rollback.StopsUnlessAccepted);
        Assert.Equal("by-hand.restore-unknown-definition", step.Rollback.ByHand!.Id);
        Assert.Empty(step.Rollback.Commands);
    }

    [Fact]
    public void CreateTrigger_TakesBriefShareRowExclusiveWithLockRetry_RollbackDropsIt()
    {
        var step = Only(Plan("CREATE TRIGGER users_touch2 BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();\n", Schema));

        var l = Assert.Single(step.Locks);
        Assert.Equal((LockMode.ShareRowExclusive, "public.users", true), (l.Mode, l.Target, l.Brief));
        Assert.NotNull(Assert.Single(step.Commands).LockRetry);
        Assert.Equal("DROP TRIGGER users_touch2 ON users;\n", step.Rollback.Sql);
        Assert.Contains("tgname = 'users_touch2'", step.Verification.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void DropTrigger_TakesBriefAccessExclusive_RollbackCreatesItFromTheSchema()
    {
        var step = Only(Plan("DROP TRIGGER users_touch ON users;\n", Schema));

        Assert.Equal(LockMode.AccessExclusive, Assert.Single(step.Locks).Mode);
        Assert.NotNull(Assert.Single(step.Commands).LockRetry);
        Assert.Equal("CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n", step.Rollback.Sql);
        Assert.False(step.Rollback.StopsUnlessAccepted);
    }

    [Fact]
    public void DropFunctionWithoutArguments_FindsTheOnlyOne_AndCascadeStopsTheRollbackForItsDependents()
    {
        var step = Only(Plan("DROP FUNCTION touch CASCADE;\n", Schema));

        Assert.StartsWith("CREATE FUNCTION touch() RETURNS trigger", step.Rollback.Commands[0].Sql, StringComparison.Ordinal);
        Assert.True(step.Rollback.StopsUnlessAccepted);
        Assert.Equal("by-hand.restore-cascade-dependents", step.Rollback.ByHand!.Id);
        Assert.Contains(step.Locks, l => l.Target == "public.users" && l.Mode == LockMode.AccessExclusive);
        Assert.Equal(RiskLevel.High, step.Risk);
    }

    [Fact]
    public void DropOneOverload_KeepsTheOther()
    {
        var plan = Plan("CREATE FUNCTION score(int) RETURNS int LANGUAGE sql AS 'SELECT 2';\nDROP FUNCTION score(integer);\nDROP FUNCTION score(int8);\n", Schema);

        var drops = plan.Steps.Where(s => s.TitleText().StartsWith("Drop function", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, drops.Count);
        Assert.Equal("CREATE FUNCTION score(int) RETURNS int LANGUAGE sql AS 'SELECT 2';\n", drops[0].Rollback.Sql);
        Assert.Equal("CREATE FUNCTION score(bigint) RETURNS int LANGUAGE sql AS 'SELECT 1';\n", drops[1].Rollback.Sql);
    }

    [Fact]
    public void ReplaceView_LocksTheViewBriefly_RollbackFallsBackToDropAndCreateWhenColumnsWereAdded()
    {
        var step = Only(Plan("CREATE OR REPLACE VIEW user_names AS SELECT id, name, updated_at FROM users;\n", Schema));

        // ACCESS EXCLUSIVE on the view, and ACCESS SHARE on what its query reads (taken when the query is analysed).
        Assert.Equal([(LockMode.AccessExclusive, "public.user_names"), (LockMode.AccessShare, "public.users")], step.Locks.Select(l => (l.Mode, l.Target)));
        Assert.Contains("CREATE OR REPLACE VIEW user_names AS SELECT id, name FROM users", step.Rollback.Sql, StringComparison.Ordinal);
        Assert.Contains("EXCEPTION WHEN invalid_table_definition THEN", step.Rollback.Sql, StringComparison.Ordinal);
        Assert.Equal("risk.replace-view-used", step.RiskReason.Id);
    }

    [Fact]
    public void DropViewOthersUse_IsHighRisk_AndCreateViewIsNew()
    {
        var drop = Only(Plan("DROP VIEW user_names;\n", Schema));
        Assert.Equal(RiskLevel.High, drop.Risk);
        Assert.Equal("CREATE VIEW user_names AS SELECT id, name FROM users;\n", drop.Rollback.Sql);

        var create = Only(Plan("CREATE VIEW recent AS SELECT id FROM users;\n", Schema));
        Assert.Equal([(LockMode.AccessShare, "public.users")], create.Locks.Select(l => (l.Mode, l.Target)));
        Assert.Equal("DROP VIEW recent;\n", create.Rollback.Sql);
    }

    [Fact]
    public void DropAndCreateOfTheSchemasTrigger_OneStep_RollbackDropsTheNewAndRestoresTheOld()
    {
        var step = Only(Plan("DROP TRIGGER users_touch ON users;\nCREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();\n", Schema));

        Assert.True(step.Analysed);
        Assert.NotNull(Assert.Single(step.Commands).LockRetry);
        var undo = Assert.Single(step.Rollback.Commands);
        Assert.NotNull(undo.LockRetry);
        Assert.StartsWith("DO ", undo.Sql, StringComparison.Ordinal);
        int drop = undo.Sql.IndexOf("EXECUTE 'DROP TRIGGER users_touch ON users'", StringComparison.Ordinal);
        int create = undo.Sql.IndexOf("EXECUTE 'CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()'", StringComparison.Ordinal);
        Assert.True(drop >= 0 && create > drop, undo.Sql);
        Assert.False(step.Rollback.StopsUnlessAccepted);
    }

    [Fact]
    public void CreateOrReplaceAfterADropOfTheSchemasView_IsKnownNew_RollbackNeedsNoHand()
    {
        var step = Only(Plan("DROP VIEW named_users;\nCREATE OR REPLACE VIEW named_users AS SELECT id, name FROM user_names;\n", Schema));

        Assert.False(step.Rollback.StopsUnlessAccepted);
        var undo = Assert.Single(step.Rollback.Commands).Sql;
        Assert.Contains("EXECUTE 'DROP VIEW named_users'", undo, StringComparison.Ordinal);
        Assert.Contains("EXECUTE 'CREATE VIEW named_users AS SELECT id FROM user_names'", undo, StringComparison.Ordinal);
    }

    [Fact]
    public void DollarQuotedBodies_StayInertInForwardAndRollbackScripts()
    {
        const string schema = """
            CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $migplan$SELECT '$$ \! touch /tmp/x'$migplan$;

            """;
        var plan = Plan("CREATE OR REPLACE FUNCTION f() RETURNS text LANGUAGE sql AS $body$SELECT '\\! rm' || $q$x$q$$body$;\nDROP FUNCTION f();\n", schema);

        foreach (var step in plan.Steps)
        {
            Assert.Empty(Fuzz.ScriptInertness.Findings($"sql/{step.Number:00}.sql", SqlScripts.Forward(step)));
            Assert.Empty(Fuzz.ScriptInertness.Findings($"sql/rollback/{step.Number:00}.sql", SqlScripts.Rollback(step)));
        }
    }
}
