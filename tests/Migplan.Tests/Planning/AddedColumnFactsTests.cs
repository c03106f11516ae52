using Migplan.Planning;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>What a plan says of each added column: NULL in existing rows until a backfill, or filled from the start.</summary>
public sealed class AddedColumnFactsTests
{
    private const string Users = "CREATE TABLE users (id bigint PRIMARY KEY, role text NOT NULL);\n";

    private static readonly (string, long) UsersStats = ("public.users", 2_000_000);

    private static List<string> Assumptions(string change) =>
        [.. TestPlanner.Plan(change, Users, null, UsersStats).Assumptions.Select(English.Of)];

    [Fact]
    public void ColumnWithAConstantDefault_IsNotSaidToBeNullUntilABackfill()
    {
        var said = Assumptions("ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;\n");

        Assert.DoesNotContain(said, a => a.Contains("NULL in existing rows until the backfill", StringComparison.Ordinal));
        Assert.DoesNotContain(said, a => a.StartsWith("A backfill's WHERE", StringComparison.Ordinal));
        Assert.Contains(said, a => a.StartsWith("Columns added with a value in every existing row", StringComparison.Ordinal) && a.Contains("users.is_admin", StringComparison.Ordinal));
    }

    [Fact]
    public void Assumptions_NameEachColumnByWhatItHolds()
    {
        var said = Assumptions("""
            ALTER TABLE users ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
            ALTER TABLE users ADD COLUMN nick text;
            ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
            UPDATE users SET nick = lower(role);
            """);

        string nulls = Assert.Single(said, a => a.Contains("NULL in existing rows until the backfill", StringComparison.Ordinal));
        Assert.Contains("users.nick", nulls, StringComparison.Ordinal);
        Assert.Contains("users.token", nulls, StringComparison.Ordinal);
        Assert.DoesNotContain("is_admin", nulls, StringComparison.Ordinal);
        string filled = Assert.Single(said, a => a.StartsWith("Columns added with a value", StringComparison.Ordinal));
        Assert.Contains("users.is_admin", filled, StringComparison.Ordinal);
        Assert.DoesNotContain("nick", filled, StringComparison.Ordinal);
        Assert.Contains(said, a => a.StartsWith("A backfill's WHERE", StringComparison.Ordinal));
    }

    [Fact]
    public void SetNotNullOfAColumnAddedWithADefault_IsNotWarnedAsNeverFilled()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE users ADD COLUMN level int DEFAULT 1;
            ALTER TABLE users ALTER COLUMN level SET NOT NULL;
            """, Users, null, UsersStats);

        var validate = plan.StepWithTitle("Validate users_level_not_null");
        Assert.Equal("risk.validate-not-null", validate.RiskReason.Id);
        Assert.Equal(RiskLevel.Medium, validate.Risk);
    }

    [Fact]
    public void SetNotNullOfAColumnAddedWithoutADefault_IsWarnedAsNeverFilled()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE users ADD COLUMN level int;
            ALTER TABLE users ALTER COLUMN level SET NOT NULL;
            """, Users, null, UsersStats);

        Assert.Equal("risk.validate-not-null-without-backfill", plan.StepWithTitle("Validate users_level_not_null").RiskReason.Id);
    }
}
