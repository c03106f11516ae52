using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Tests.Schema;

/// <summary>The views, functions, triggers and policies the catalog keeps by their text, for the dependents of a rename.</summary>
public sealed class DefinedObjectsTests
{
    private static QualifiedName Q(string schema, string name) => new(new Identifier(schema), new Identifier(name));

    [Fact]
    public void CreateStatements_AreKeptWithTheirKindNameTableAndWords()
    {
        var objects = new DefinedObjects();
        objects.Record("CREATE OR REPLACE VIEW Member_Mails AS SELECT id, \"Mail\" FROM members", "public");
        objects.Record("CREATE FUNCTION app.mail_of(bigint) RETURNS text LANGUAGE sql AS $$ SELECT mail FROM members WHERE id = $1 $$", "public");
        objects.Record("CREATE TRIGGER t_norm BEFORE UPDATE OF on_col ON app.members FOR EACH ROW EXECUTE FUNCTION app.norm()", "public");
        objects.Record("CREATE POLICY own ON members USING (owner = current_user)", "public");
        objects.Record("CREATE INDEX x ON members (mail)", "public"); // not such an object

        var all = objects.All.ToDictionary(o => o.Name);
        Assert.Equal(4, all.Count);
        Assert.Equal(DefinedKind.View, all["public.member_mails"].Kind);
        Assert.True(all["public.member_mails"].Mentions("Mail"));
        Assert.False(all["public.member_mails"].Mentions("mail"));
        Assert.True(all["app.mail_of"].Mentions("mail"), "a function's body is read as words too");
        Assert.Equal("mail_of", all["app.mail_of"].LocalName);
        Assert.Equal(Q("app", "members"), all["t_norm ON app.members"].On);
        Assert.Equal(Q("public", "members"), all["own ON public.members"].On);
    }

    [Fact]
    public void DropStatements_RemoveTheObject()
    {
        var objects = new DefinedObjects();
        objects.Record("CREATE VIEW v AS SELECT 1", "public");
        objects.Record("CREATE TRIGGER t AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION f()", "public");
        objects.Record("DROP VIEW IF EXISTS public.v", "public");
        objects.Record("DROP TRIGGER t ON members", "public");

        Assert.Empty(objects.All);
    }
}
