using Migplan.Rendering;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>COMMENT ON, GRANT / REVOKE and ALTER SEQUENCE as analysed steps: locks, rollbacks from the schema, risk.</summary>
public class MetadataOperationTests
{
    private const string Schema = """
        CREATE TABLE public.users (id bigint PRIMARY KEY, email text);
        COMMENT ON TABLE public.users IS E'People\'s \\ table';
        CREATE SEQUENCE public.users_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
        ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
        GRANT SELECT ON TABLE public.users TO app;
        GRANT UPDATE ON TABLE public.users TO app WITH GRANT OPTION;
        """;

    private const string SchemaWithoutGrants = "CREATE TABLE public.users (id bigint PRIMARY KEY, email text);\n";

    [Fact]
    public void CommentOnTable_IsAnalysed_TakesShareUpdateExclusive_AndRestoresThePreviousComment()
    {
        var step = TestPlanner.Plan("COMMENT ON TABLE users IS 'Accounts';\n", Schema).StepWithTitle("Comment on TABLE users");

        Assert.True(step.Analysed);
        var l = Assert.Single(step.Locks);
        Assert.Equal((LockMode.ShareUpdateExclusive, "public.users", true), (l.Mode, l.Relation.Key, l.Brief));
        Assert.Equal(RiskLevel.Low, step.Risk);
        Assert.Equal(DataLoss.None, step.Rollback.Loss);
        Assert.False(step.Rollback.StopsUnlessAccepted);
        Assert.Equal("COMMENT ON TABLE users IS E'People''s \\\\ table';\n", step.Rollback.Sql);
    }

    [Fact]
    public void CommentOnColumnWithoutOne_RollsBackToNull()
    {
        var step = TestPlanner.Plan("COMMENT ON COLUMN users.email IS 'Login';\n", Schema).StepWithTitle("Comment on COLUMN");

        Assert.Equal(LockMode.ShareUpdateExclusive, Assert.Single(step.Locks).Mode);
        Assert.Equal("COMMENT ON COLUMN users.email IS NULL;\n", step.Rollback.Sql);
    }

    [Fact]
    public void CommentOnConstraint_TakesAccessShareOnItsTable()
    {
        var step = TestPlanner.Plan("COMMENT ON CONSTRAINT users_pkey ON users IS 'key';\n", Schema).StepWithTitle("Comment on CONSTRAINT");

        Assert.Equal(LockMode.AccessShare, Assert.Single(step.Locks).Mode);
        Assert.Equal("COMMENT ON CONSTRAINT users_pkey ON users IS NULL;\n", step.Rollback.Sql);
    }

    [Fact]
    public void CommentOnAFunctionTheSchemaDoesNotDescribe_StopsItsRollback_NeverGuesses()
    {
        var step = TestPlanner.Plan("COMMENT ON FUNCTION f(integer) IS 'x';\n", Schema).StepWithTitle("Comment on FUNCTION");

        Assert.Empty(step.Locks);
        Assert.True(step.Rollback.StopsUnlessAccepted);
        Assert.Equal(DataLoss.Unknown, step.Rollback.Loss);
    }

    [Fact]
    public void CommentOnAFunctionTheSchemaComments_RollsBackToThatComment()
    {
        var step = TestPlanner.Plan("COMMENT ON FUNCTION public.f(integer) IS 'new';\n", Schema + "COMMENT ON FUNCTION public.f(integer) IS 'old';\n")
            .StepWithTitle("Comment on FUNCTION");

        Assert.Equal("COMMENT ON FUNCTION public.f(integer) IS 'old';\n", step.Rollback.Sql);
    }

    [Fact]
    public void HostileComment_IsWrittenAsALiteral_TheSameUnderEitherStringSetting()
    {
        var step = TestPlanner.Plan("COMMENT ON TABLE users IS $x$it's \\' ; \n\\! touch /tmp/pwned$x$;\n", Schema).StepWithTitle("Comment on TABLE");

        Assert.Contains("COMMENT ON TABLE users IS E'it''s \\\\'' ; \n\\\\! touch /tmp/pwned';", SqlScripts.Forward(step), StringComparison.Ordinal);
    }

    [Fact]
    public void Grant_RollbackRevokesOnlyWhatWasNotHeld()
    {
        var step = TestPlanner.Plan("GRANT SELECT, INSERT ON users TO app;\n", Schema).StepWithTitle("Grant privileges");

        Assert.Empty(step.Locks);
        Assert.Equal(RiskLevel.Low, step.Risk);
        Assert.Equal("REVOKE INSERT ON TABLE users FROM app;\n", step.Rollback.Sql);
        Assert.Equal(DataLoss.None, step.Rollback.Loss);
    }

    [Fact]
    public void Revoke_IsHighRisk_AndItsRollbackGrantsBackWhatWasHeld_WithTheGrantOption()
    {
        var step = TestPlanner.Plan("REVOKE ALL ON users FROM app;\n", Schema).StepWithTitle("Revoke privileges");

        Assert.Equal(RiskLevel.High, step.Risk);
        Assert.Contains("application", English.Of(step.RiskReason), StringComparison.Ordinal);
        Assert.Equal("GRANT SELECT ON TABLE users TO app;\nGRANT UPDATE ON TABLE users TO app WITH GRANT OPTION;\n", step.Rollback.Sql);
    }

    [Fact]
    public void RevokeFromPublic_OfWhatPublicNeverHeld_HasNothingToUndo()
    {
        var step = TestPlanner.Plan("REVOKE ALL ON users FROM PUBLIC;\n", Schema).StepWithTitle("Revoke privileges");

        Assert.Empty(step.Rollback.Commands);
        Assert.False(step.Rollback.StopsUnlessAccepted);
    }

    [Theory]
    [InlineData("GRANT SELECT ON users TO app;\n", "Grant privileges")]
    [InlineData("REVOKE SELECT ON users FROM app;\n", "Revoke privileges")]
    public void Privileges_OverASchemaWithoutGrants_AreNotGuessed(string change, string title)
    {
        var step = TestPlanner.Plan(change, SchemaWithoutGrants).StepWithTitle(title);

        Assert.True(step.Rollback.StopsUnlessAccepted);
        Assert.Equal(DataLoss.Unknown, step.Rollback.Loss);
    }

    [Fact]
    public void AlterSequence_TakesShareRowExclusive_AndSetsBackTheOptionsItChanged()
    {
        var step = TestPlanner.Plan("ALTER SEQUENCE users_id_seq AS bigint CACHE 20;\n", Schema).StepWithTitle("Alter sequence");

        var l = Assert.Single(step.Locks);
        Assert.Equal((LockMode.ShareRowExclusive, "public.users_id_seq"), (l.Mode, l.Relation.Key));
        Assert.Equal("ALTER SEQUENCE public.users_id_seq AS integer NO MINVALUE NO MAXVALUE CACHE 1;\n", step.Rollback.Sql);
        Assert.Equal(DataLoss.None, step.Rollback.Loss);
    }

    [Fact]
    public void AlterSequenceOwnedBy_AlsoLocksTheTable_AndRestoresTheOwner()
    {
        var step = TestPlanner.Plan("ALTER SEQUENCE users_id_seq OWNED BY NONE;\n", Schema).StepWithTitle("Alter sequence");
        Assert.Equal("ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;\n", step.Rollback.Sql);

        var owned = TestPlanner.Plan("ALTER SEQUENCE users_id_seq OWNED BY users.email;\n", Schema).StepWithTitle("Alter sequence");
        Assert.Contains(owned.Locks, l => l.Mode == LockMode.AccessShare && l.Relation.Key == "public.users");
    }

    [Fact]
    public void AlterSequenceRestart_SaysThePositionIsData_AndChecksNoKeyCollides()
    {
        var plan = TestPlanner.Plan("ALTER SEQUENCE users_id_seq RESTART WITH 500;\n", Schema);
        var step = plan.StepWithTitle("Alter sequence");

        Assert.Equal(RiskLevel.High, step.Risk);
        Assert.All(step.Commands, c => Assert.False(c.Rerunnable));
        Assert.Equal(DataLoss.ExistingData, step.Rollback.Loss);
        Assert.True(step.Rollback.StopsUnlessAccepted);
        var checks = plan.Steps[0].GoNoGo;
        Assert.Contains(checks, c => c.Check.Sql == "SELECT pg_catalog.count(*) FROM public.users WHERE id >= 500;" && c.Blocking);
        Assert.Contains(checks, c => c.Check.Sql == "SELECT last_value FROM public.users_id_seq;" && !c.Blocking);
    }

    [Fact]
    public void AlterSequence_TheSchemaDoesNotCreate_StopsItsRollback()
    {
        var step = TestPlanner.Plan("ALTER SEQUENCE other_seq INCREMENT BY 2;\n", Schema).StepWithTitle("Alter sequence");

        Assert.True(step.Rollback.StopsUnlessAccepted);
        Assert.Equal(DataLoss.Unknown, step.Rollback.Loss);
    }
}
