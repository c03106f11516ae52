using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.Support;
using Migplan.Live;
using Migplan.Planning;
using Migplan.Plans;
using Migplan.Rendering.Messages;
using Migplan.Sql;

namespace Migplan.IntegrationTests.Renames;

/// <summary>
/// With --conn, what uses a renamed column or table comes from the live catalog: pg_depend for views, triggers,
/// policies, indexes, constraints and foreign keys (with the columns each reads), function bodies by a textual match.
/// </summary>
public sealed class RenameLiveDependentsTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE members (id bigint PRIMARY KEY, mail text NOT NULL UNIQUE CONSTRAINT members_mail_lower CHECK (mail = lower(mail)), note text);
        CREATE INDEX members_mail_idx ON members (lower(mail));
        CREATE TABLE invites (id bigint PRIMARY KEY, mail text REFERENCES members (mail));
        CREATE VIEW member_mails AS SELECT id, mail FROM members;
        CREATE VIEW member_notes AS SELECT id, note FROM members;
        CREATE FUNCTION mail_of(bigint) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT mail FROM public.members WHERE id = $1); END $$;
        CREATE FUNCTION normalise() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.mail := lower(NEW.mail); RETURN NEW; END $$;
        CREATE TRIGGER members_normalise BEFORE UPDATE OF mail ON members FOR EACH ROW EXECUTE FUNCTION normalise();
        ALTER TABLE members ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_mail ON members USING (mail = current_user);
        """;

    private async Task<LiveSnapshot> ReadAsync()
    {
        var loaded = await new PsqlRunner(Db.ConnectionString).RunSqlAsync(Schema, Ct);
        Assert.True(loaded.Succeeded, loaded.ToString());
        var spec = ConnectionSpec.Parse(LiveConn.For(Db), new ConnectionEnvironment(_ => null, null, "nobody")).Spec!;
        var read = await LiveIntrospector.ReadAsync(spec, null, Ct);
        Assert.True(read.Snapshot is not null, read.Error);
        return read.Snapshot;
    }

    [Fact]
    public async Task TheLiveCatalog_NamesWhatUsesEachColumn()
    {
        var uses = (await ReadAsync()).Facts.Uses.Where(u => u is { Table: "public.members", Column: "mail" }).Select(u => $"{u.Kind} {u.Name}{(u.Textual ? " (textual)" : string.Empty)}").ToList();

        Assert.Contains("view public.member_mails", uses);
        Assert.Contains("index public.members_mail_idx", uses);
        Assert.Contains("constraint public.members.members_mail_lower", uses);
        Assert.Contains("foreign key public.invites.invites_mail_fkey", uses);
        Assert.Contains("trigger members_normalise ON public.members", uses);
        Assert.Contains("policy own_mail ON public.members", uses);
        Assert.Contains("function public.mail_of(bigint) (textual)", uses);
        Assert.Contains("function public.normalise() (textual)", uses); // called by a trigger of the table: its body need not name the table
        Assert.DoesNotContain("view public.member_notes", uses);
    }

    [Fact]
    public async Task ARenamePlannedWithConn_ListsTheLiveDependents_InItsStepAndItsRisk()
    {
        var snapshot = await ReadAsync();
        var inputs = LiveInputs.With(new PlanInputs([new SourceText("change.sql", "ALTER TABLE members RENAME COLUMN mail TO email;\n")], [], null, [], "sha256:test"), snapshot);
        var plan = Planner.Plan(inputs, new PlanOptions { PgVersion = 15 }).Plan!;

        var rename = Assert.Single(plan.Steps, s => s.Title.Id == "title.rename-column");
        string actions = English.Join("\n", rename.Actions);
        Assert.Contains("function public.mail_of(bigint) (textual match)", actions, StringComparison.Ordinal);
        Assert.Contains("trigger members_normalise ON public.members", actions, StringComparison.Ordinal);
        Assert.Contains("policy own_mail ON public.members", actions, StringComparison.Ordinal);
        Assert.Contains("foreign key public.invites.invites_mail_fkey", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("member_notes", actions, StringComparison.Ordinal);
        Assert.Contains("public.mail_of(bigint)", English.Of(rename.RiskReason), StringComparison.Ordinal);
        Assert.DoesNotContain("member_mails", English.Of(rename.RiskReason), StringComparison.Ordinal); // a view follows
    }
}
