using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Rendering.Messages;

namespace Migplan.Tests.Planning;

/// <summary>
/// The rename recipes: a compatibility view around a column rename (in the table's compatibility schema) and a
/// table rename (under the old name), deploy gates before and after, and the dependents of every changed name.
/// </summary>
public sealed class RenameRecipeTests
{
    private const string Schema = """
        CREATE TABLE members (id bigint PRIMARY KEY, mail text NOT NULL, note text);
        CREATE INDEX members_mail_idx ON members (mail);
        CREATE TABLE invites (id bigint PRIMARY KEY, member_id bigint REFERENCES members (id));
        CREATE VIEW member_mails AS SELECT id, mail FROM members;
        CREATE VIEW member_notes AS SELECT id, note FROM members;
        CREATE FUNCTION mail_of(bigint) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT mail FROM members WHERE id = $1); END $$;
        CREATE FUNCTION normalise() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.mail := lower(NEW.mail); RETURN NEW; END $$;
        CREATE TRIGGER members_normalise BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION normalise();
        CREATE POLICY own_mail ON members USING (mail = current_user);
        """;

    private static Plan Plan(string change, int pgVersion = 15) =>
        TestPlanner.Plan(change, Schema, new PlanOptions { Project = "test", PgVersion = pgVersion, PgVersionGiven = true });

    [Fact]
    public void RenameColumn_OfAnExistingTable_IsAViewBeforeIt_TheRenameGated_AndTheViewDroppedInCleanupGated()
    {
        var plan = Plan("ALTER TABLE members RENAME COLUMN mail TO email;\n");

        var view = plan.StepWithTitle("Create compatibility view migplan_compat_public.members");
        var rename = plan.StepWithTitle("Rename members.mail to email");
        var drop = plan.StepWithTitle("Drop compatibility view migplan_compat_public.members");
        Assert.True(view.Number < rename.Number && rename.Number < drop.Number);
        Assert.Equal(Phase.SchemaChanges, view.Phase);
        Assert.Equal(Phase.Cleanup, drop.Phase);
        Assert.Contains("CREATE VIEW migplan_compat_public.members WITH (security_invoker = true) AS SELECT id, mail, note FROM public.members;", view.Sql, StringComparison.Ordinal);
        Assert.Contains("aclexplode", view.Sql, StringComparison.Ordinal);
        Assert.Contains("DROP SCHEMA migplan_compat_public;", drop.Sql, StringComparison.Ordinal);
        Assert.Contains("SELECT id, email AS mail, note FROM public.members;", drop.Rollback.Sql, StringComparison.Ordinal);
        Assert.Contains("search_path = migplan_compat_public, public", English.Of(Assert.Single(rename.Gate.Confirm)), StringComparison.Ordinal);
        Assert.StartsWith("Every application instance reads and writes the new name", English.Of(Assert.Single(drop.Gate.Confirm)), StringComparison.Ordinal);
        string markdown = MarkdownRenderer.Render(plan);
        Assert.Contains("- [ ] Before it, confirm: Every application instance reads and writes the new name", markdown, StringComparison.Ordinal);
        Assert.Contains($"- [ ] Before step {rename.Number}: Every instance of the application now running reads and writes public.members through the compatibility view", markdown, StringComparison.Ordinal);
        Assert.Contains($"- [ ] Before step {drop.Number}: Every application instance reads and writes the new name", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenameColumn_BeforePg15_MakesTheViewWithoutSecurityInvoker()
    {
        var view = Plan("ALTER TABLE members RENAME COLUMN mail TO email;\n", pgVersion: 14).StepWithTitle("Create compatibility view");
        Assert.DoesNotContain("security_invoker", view.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void RenameColumn_ListsItsDependents_FunctionsAsNotFollowing_InTheStepAndItsRisk()
    {
        var rename = Plan("ALTER TABLE members RENAME COLUMN mail TO email;\n").StepWithTitle("Rename members.mail to email");

        string actions = English.Join("\n", rename.Actions);
        Assert.Contains("Do not follow the rename of members.mail", actions, StringComparison.Ordinal);
        Assert.Contains("function public.mail_of (textual match), function public.normalise (textual match)", actions, StringComparison.Ordinal);
        Assert.Contains("index public.members_mail_idx", actions, StringComparison.Ordinal);
        Assert.Contains("view public.member_mails (textual match)", actions, StringComparison.Ordinal);
        Assert.Contains("policy own_mail ON public.members (textual match)", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("member_notes", actions, StringComparison.Ordinal);
        Assert.Contains("public.mail_of", English.Of(rename.RiskReason), StringComparison.Ordinal);
    }

    [Fact]
    public void RenameTable_AndSetSchema_ListTheTablesDependents_AndTheRenameGatesItsCleanup()
    {
        var plan = Plan("ALTER TABLE members RENAME TO subscribers;\n");
        string actions = English.Join("\n", plan.StepWithTitle("Rename table members to subscribers").Actions);
        Assert.Contains("foreign key public.invites.invites_member_id_fkey", actions, StringComparison.Ordinal);
        Assert.Contains("view public.member_notes (textual match)", actions, StringComparison.Ordinal);
        Assert.Contains("trigger members_normalise ON public.members (textual match)", actions, StringComparison.Ordinal);
        Assert.Contains("the release that uses public.subscribers is live everywhere", English.Of(Assert.Single(plan.StepWithTitle("Drop compatibility view members").Gate.Confirm)), StringComparison.Ordinal);

        var moved = Plan("CREATE SCHEMA archive;\nALTER TABLE members SET SCHEMA archive;\n").StepWithTitle("Move members to schema archive");
        Assert.Contains("function public.mail_of (textual match)", English.Join("\n", moved.Actions), StringComparison.Ordinal);
    }

    [Fact]
    public void RenameColumn_OfATableTheChangeCreates_IsAPlainRename()
    {
        var plan = Plan("CREATE TABLE fresh (id bigint PRIMARY KEY, a text);\nALTER TABLE fresh RENAME COLUMN a TO b;\n");
        Assert.DoesNotContain(plan.Steps, s => s.TitleText().Contains("compatibility view", StringComparison.Ordinal));
    }

    [Fact]
    public void RenameColumn_FollowedByATypeChangeOnItsTable_KeepsNoView_AndSaysWhy()
    {
        var plan = Plan("ALTER TABLE members RENAME COLUMN mail TO email;\nALTER TABLE members ALTER COLUMN note TYPE varchar(100);\n");
        Assert.DoesNotContain(plan.Steps, s => s.TitleText().Contains("compatibility view", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Text.Id == "note.no-compat-view-reshaped");
    }

    [Fact]
    public void TwoColumnRenamesOfOneTable_ShareOneView_WhichMapsBothOldNames()
    {
        var plan = Plan("ALTER TABLE members RENAME COLUMN mail TO email;\nALTER TABLE members RENAME COLUMN note TO remark;\n");
        var drop = plan.StepWithTitle("Drop compatibility view");
        Assert.Single(plan.Steps, s => s.TitleText().StartsWith("Create compatibility view", StringComparison.Ordinal));
        Assert.Contains("SELECT id, email AS mail, remark AS note FROM public.members;", drop.Rollback.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void TheViewsCleanup_StaysInCleanup_WhenALaterRenameOfTheTableKeepsTheColumnRenameInPlace()
    {
        var plan = Plan("ALTER TABLE members RENAME COLUMN mail TO email;\nALTER TABLE members RENAME TO subscribers;\n");
        var drop = plan.StepWithTitle("Drop compatibility view migplan_compat_public.members");
        Assert.Equal(Phase.Cleanup, drop.Phase);
        Assert.Contains("SELECT id, email AS mail, note FROM public.subscribers;", drop.Rollback.Sql, StringComparison.Ordinal);
    }
}
