using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Renames;

/// <summary>
/// The expand/contract recipes of RENAME COLUMN and RENAME TO on PostgreSQL 15: the plan ends like the change as
/// written, rolls back from every point, and while the compatibility view is there the running application keeps the
/// old names for reads and writes (as a role that holds only the table's grants).
/// </summary>
public sealed class RenameRecipeTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'migplan_rename_app') THEN CREATE ROLE migplan_rename_app; END IF; END $$;
        CREATE TABLE members (id bigint PRIMARY KEY, mail text NOT NULL, joined_at date NOT NULL DEFAULT current_date);
        CREATE INDEX members_mail_idx ON members (mail);
        CREATE TABLE visits (id bigint PRIMARY KEY, member_id bigint NOT NULL REFERENCES members (id));
        CREATE VIEW member_mails AS SELECT id, mail FROM members;
        GRANT SELECT, INSERT, UPDATE, DELETE ON members TO migplan_rename_app;
        """;

    private const string Seed = """
        INSERT INTO members (id, mail) SELECT g, 'm' || g || '@example.com' FROM generate_series(1, 40) g;
        INSERT INTO visits SELECT g, 1 + g % 40 FROM generate_series(1, 100) g;
        """;

    [Fact]
    public async Task RenameColumn_WithItsCompatibilityView_EndsLikeTheChangeAsWritten_AndRollsBackFromEveryPoint()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TABLE members RENAME COLUMN mail TO email;\n", Ct);

        Assert.Equal(["pre_migration_checks", "compat_view_members", "rename_column_members_mail", "drop_compat_view_members"], Ids(rehearsal.Plan));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(4, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task RenameColumn_ThroughTheView_TheRunningApplicationKeepsTheOldName_ForReadsAndWrites()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TABLE members RENAME COLUMN mail TO email;\n", Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct, upTo: 3); // checks, view, rename

        // The old release: its role, its search_path; it names mail and reaches the renamed column.
        const string Old = "SET ROLE migplan_rename_app; SET search_path = migplan_compat_public, public;\n";
        var psql = new PsqlRunner(db.ConnectionString);
        var old = await psql.RunSqlAsync(Old +
            "INSERT INTO members (id, mail) VALUES (1001, 'old@example.com');\n" +
            "UPDATE members SET mail = 'changed@example.com' WHERE id = 1;\n" +
            "SELECT mail FROM members WHERE id = 1001;\n", Ct);
        Assert.True(old.Succeeded, old.ToString());
        Assert.Contains("old@example.com", old.StdOut, StringComparison.Ordinal);

        // The new release uses the table under the new name, and sees the old release's writes (defaults applied).
        Assert.Equal("changed@example.com", await db.ScalarAsync<string>("SELECT email FROM public.members WHERE id = 1", Ct));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM public.members WHERE id = 1001 AND email = 'old@example.com' AND joined_at = current_date", Ct));

        // After Cleanup the old name is gone for everyone, and so is the compatibility schema.
        await rehearsal.RunForwardAsync(db, Ct);
        var after = await psql.RunSqlAsync(Old + "SELECT mail FROM members;\n", Ct);
        Assert.False(after.Succeeded);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'migplan_compat_public'", Ct));
    }

    [Fact]
    public async Task RenameTable_WithItsCompatibilityView_EndsLikeTheChangeAsWritten_AndTheOldNameWorksForTheApplicationRole()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TABLE members RENAME TO subscribers;\n", Ct);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(3, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));

        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct, upTo: 2);
        var old = await new PsqlRunner(db.ConnectionString).RunSqlAsync(
            "SET ROLE migplan_rename_app;\nINSERT INTO members (id, mail) VALUES (2001, 'a@example.com');\nUPDATE members SET mail = 'b@example.com' WHERE id = 2001;\n", Ct);
        Assert.True(old.Succeeded, old.ToString());
        Assert.Equal("b@example.com", await db.ScalarAsync<string>("SELECT mail FROM subscribers WHERE id = 2001", Ct));
    }

    [Fact]
    public async Task TwoColumnRenamesAndATableRename_EndLikeTheChangeAsWritten_AndRollBackFromEveryPoint()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE members RENAME COLUMN mail TO email;
            ALTER TABLE members RENAME COLUMN joined_at TO joined_on;
            ALTER TABLE members RENAME TO subscribers;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.True(await rehearsal.AssertRollbacksFromEveryPointAsync(Ct) >= 6);
    }

    [Fact]
    public async Task RenameColumn_FollowedByATypeChangeOfAnotherColumn_KeepsNoView_AndEndsLikeTheChangeAsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE members RENAME COLUMN mail TO email;
            ALTER TABLE members ALTER COLUMN joined_at TYPE timestamptz;
            """, Ct);

        Assert.DoesNotContain(Ids(rehearsal.Plan), id => id.Contains("compat_view", StringComparison.Ordinal));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    private static List<string> Ids(GeneratedPlan plan) =>
        [.. plan.Steps.Select(s => s.GetProperty("id").GetString()!).Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..])];
}
