using Migplan.Planning;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>
/// Which rows a batched UPDATE skips (its guard) and what its verification checks: skipping rows where the
/// column is not NULL is right only where every row was NULL before the UPDATE.
/// </summary>
public sealed class BackfillGuardTests
{
    private const string Users = """
        CREATE TABLE users (id bigint PRIMARY KEY, role text NOT NULL, name text, created_at timestamptz NOT NULL);

        """;

    private static readonly (string, long) UsersStats = ("public.users", 2_000_000);

    private static Step Backfill(string change, string title = "Backfill users.") =>
        TestPlanner.Plan(change, Users, null, UsersStats).StepWithTitle(title);

    [Fact]
    public void UpdateOfAColumnAddedWithADefault_IsNotGuardedByIsNull_AndItsVerificationChecksTheValue()
    {
        var step = Backfill("""
            ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
            UPDATE users SET is_admin = true WHERE role = 'admin';
            ALTER TABLE users DROP COLUMN role;
            """);

        Assert.DoesNotContain("is_admin IS NULL", step.Sql, StringComparison.Ordinal);
        Assert.Contains("users.is_admin IS DISTINCT FROM CAST((true) AS boolean)", step.Sql, StringComparison.Ordinal);
        Assert.Equal("SELECT pg_catalog.count(*) FROM public.users WHERE (role = 'admin') AND users.is_admin IS DISTINCT FROM CAST((true) AS boolean);", step.Verification.Sql);
        Assert.Equal(Expectation.Returns("0"), step.Verification.Expect);
    }

    [Theory]
    [InlineData("ALTER TABLE users ADD COLUMN nick text;\n")]
    [InlineData("ALTER TABLE users ADD COLUMN nick text DEFAULT NULL;\n")]
    [InlineData("ALTER TABLE users ADD COLUMN nick text DEFAULT (NULL::text);\n")]
    public void UpdateOfAColumnAddedWithoutADefault_SkipsFilledRows(string add)
    {
        var step = Backfill(add + "UPDATE users SET nick = lower(name) WHERE role = 'user';\n");

        Assert.Contains("users.nick IS NULL", step.Sql, StringComparison.Ordinal);
        Assert.Contains("users.nick IS DISTINCT FROM CAST((lower(name)) AS text)", step.Verification.Sql, StringComparison.Ordinal);
        Assert.Equal(Expectation.Returns("0"), step.Verification.Expect);
    }

    [Theory]
    [InlineData("ALTER TABLE users ADD COLUMN level int DEFAULT 1;\n")]
    [InlineData("ALTER TABLE users ADD COLUMN level int;\nUPDATE users SET level = 1 WHERE role = 'user';\n")]
    [InlineData("ALTER TABLE users ADD COLUMN level int;\nINSERT INTO users (id, role, created_at, level) VALUES (0, 'x', now(), 7);\n")]
    [InlineData("ALTER TABLE users ADD COLUMN level text;\nALTER TABLE users ALTER COLUMN level TYPE int USING coalesce(level::int, 0);\n")]
    [InlineData("ALTER TABLE users ADD COLUMN level int DEFAULT floor(random() * 10);\n")]
    public void UpdateOfAColumnSomethingWroteBefore_OverwritesIt(string before)
    {
        var last = TestPlanner.Plan(before + "UPDATE users SET level = 2 WHERE role = 'admin';\n", Users, null, UsersStats)
            .Steps.Last(s => s.TitleText().StartsWith("Backfill users.level", StringComparison.Ordinal));

        Assert.DoesNotContain("level IS NULL", last.Sql, StringComparison.Ordinal);
        Assert.Contains("users.level IS DISTINCT FROM CAST((2) AS int)", last.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateReadingTheColumnItWrites_IsJudgedByHand()
    {
        var step = Backfill("UPDATE users SET name = name || '!' WHERE role = 'admin';\n");

        Assert.Equal(ExpectationKind.Manual, step.Verification.Expect.Kind);
        Assert.Contains("cannot be computed again after the step (the SET reads the columns it writes)", English.Of(step.Verification.Expect.Judge!), StringComparison.Ordinal);
        Assert.Equal("SELECT pg_catalog.count(*) FROM public.users WHERE (role = 'admin');", step.Verification.Sql);
    }

    [Fact]
    public void UpdateWithAVolatileValue_IsJudgedByHand()
    {
        var step = Backfill("UPDATE users SET name = gen_random_uuid()::text WHERE role = 'admin';\n");

        Assert.Equal(ExpectationKind.Manual, step.Verification.Expect.Kind);
        Assert.Contains("the SET calls a volatile function", English.Of(step.Verification.Expect.Judge!), StringComparison.Ordinal);
    }

    [Fact]
    public void IdempotentSelfMap_IsCheckedOnItsValues()
    {
        var step = Backfill("UPDATE users SET name = lower(name);\n");

        Assert.Equal("SELECT pg_catalog.count(*) FROM public.users WHERE users.name IS DISTINCT FROM CAST((lower(name)) AS text);", step.Verification.Sql);
        Assert.Equal(Expectation.Returns("0"), step.Verification.Expect);
    }

    [Fact]
    public void BackfillThatEndsNotNull_VerifiesNoNullAndTheValues()
    {
        var step = Backfill("""
            ALTER TABLE users ADD COLUMN nick text NOT NULL;
            UPDATE users SET nick = lower(name) || '#' || id;
            """);

        Assert.Equal(
            "SELECT (SELECT pg_catalog.count(*) FROM public.users WHERE nick IS NULL) + (SELECT pg_catalog.count(*) FROM public.users WHERE users.nick IS DISTINCT FROM CAST((lower(name) || '#' || id) AS text));",
            step.Verification.Sql);
    }

    [Fact]
    public void TimeBasedDelete_IsVerifiedAgainstTheTimeTheScriptFixed()
    {
        var step = TestPlanner.Plan("DELETE FROM users WHERE created_at < now() - interval '90 days';\n", Users, null, UsersStats).StepWithTitle("Delete from users");

        Assert.Contains("PERFORM pg_catalog.set_config('migplan.started_at', ", step.Sql, StringComparison.Ordinal);
        Assert.Equal("SELECT pg_catalog.count(*) FROM public.users WHERE (created_at < (pg_catalog.current_setting('migplan.started_at')::timestamptz) - interval '90 days');", step.Verification.Sql);
        Assert.Contains(step.Actions, a => a.Id == "action.verify-with-frozen-time");
        Assert.DoesNotContain("now()", step.Verification.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeBasedUpdate_IsVerifiedAgainstTheTimeTheScriptFixed()
    {
        var step = Backfill("UPDATE users SET name = 'old' WHERE created_at < current_date - 30;\n");

        Assert.Equal("SELECT pg_catalog.count(*) FROM public.users WHERE (created_at < (pg_catalog.current_setting('migplan.started_at')::timestamptz)::date - 30) AND users.name IS DISTINCT FROM CAST(('old') AS text);", step.Verification.Sql);
    }

    [Fact]
    public void ValueIsComparedAsTheColumnStoresIt()
    {
        var step = TestPlanner.Plan("UPDATE items SET cents = price * 100;\n", "CREATE TABLE items (id bigint PRIMARY KEY, price numeric(10, 3), cents integer, n serial);\n", null, ("public.items", 1_000_000))
            .StepWithTitle("Backfill items.cents");

        Assert.Contains("items.cents IS DISTINCT FROM CAST((price * 100) AS integer)", step.Sql, StringComparison.Ordinal);
        Assert.Equal("SELECT pg_catalog.count(*) FROM public.items WHERE items.cents IS DISTINCT FROM CAST((price * 100) AS integer);", step.Verification.Sql);
    }

    [Fact]
    public void SetToDefault_IsNeitherGuardedNorComparedButJudgedByHand()
    {
        var step = Backfill("UPDATE users SET name = DEFAULT WHERE role = 'admin';\n");

        Assert.DoesNotContain("IS DISTINCT FROM", step.Sql, StringComparison.Ordinal);
        Assert.Equal(ExpectationKind.Manual, step.Verification.Expect.Kind);
        Assert.Contains("the SET writes DEFAULT", English.Of(step.Verification.Expect.Judge!), StringComparison.Ordinal);
    }
}
