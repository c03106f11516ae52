using Migplan.Tests.Planning;

namespace Migplan.Tests.Schema;

/// <summary>A schema made of migrations holds what their run-once DO blocks (Drizzle Kit's, for one) create.</summary>
public sealed class GuardedStatementsTests
{
    private const string Tables = """
        CREATE TABLE users (id text PRIMARY KEY);
        CREATE TABLE sessions (id text PRIMARY KEY, user_id text NOT NULL);

        """;

    [Theory]
    [InlineData("""
        DO $$ BEGIN
         ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
        EXCEPTION
         WHEN duplicate_object THEN null;
        END $$;
        """)]
    [InlineData("""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'sessions_user_id_users_id_fk') THEN
            ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id");
          END IF;
        END $$;
        """)]
    public void AConstraintAddedByARunOnceDoBlockOfTheSchema_IsThereForTheChange(string block)
    {
        var plan = TestPlanner.Plan("ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_users_id_fk;\n", Tables + block + "\n");

        Assert.Contains(plan.Steps, s => s.Analysed && s.TitleText().Contains("sessions_user_id_users_id_fk", StringComparison.Ordinal));
    }

    [Fact]
    public void AnyOtherDoBlockOfTheSchema_StaysOpaque()
    {
        var block = """
            DO $$ BEGIN
             IF (SELECT count(*) FROM users) > 0 THEN
              ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id");
             END IF;
            END $$;

            """;

        Assert.Contains(TestPlanner.Errors("ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_users_id_fk;\n", Tables + block),
            e => e.Contains("does not exist", StringComparison.Ordinal));
    }
}
