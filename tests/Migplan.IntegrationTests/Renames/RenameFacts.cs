using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Renames;

/// <summary>
/// What PostgreSQL 15 does with the objects that use a renamed column or table: the facts the rename recipes and their
/// list of dependents rely on.
/// </summary>
public sealed class RenameFacts(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE members (id bigint PRIMARY KEY, mail text NOT NULL);
        INSERT INTO members VALUES (1, 'a@example.com');
        CREATE VIEW member_mails AS SELECT id, mail FROM members;
        CREATE FUNCTION member_mail(bigint) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT mail FROM members WHERE id = $1); END $$;
        CREATE FUNCTION member_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM members $$;
        """;

    [Fact]
    public async Task AColumnRename_IsFollowedByViews_WhichKeepTheOldOutputName_ButNotByFunctionBodies()
    {
        await Db.ExecuteAsync(Schema + "ALTER TABLE members RENAME COLUMN mail TO email;", Ct);

        // The view stores column numbers: it reads the renamed column, under the name it had when it was made.
        Assert.Equal("a@example.com", await Db.ScalarAsync<string>("SELECT mail FROM member_mails", Ct));
        Assert.Contains("email AS mail", await Db.ScalarAsync<string>("SELECT pg_get_viewdef('member_mails'::regclass)", Ct), StringComparison.Ordinal);

        // A function body is text: it fails once it runs with the old name.
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Db.ScalarAsync<string>("SELECT member_mail(1)", Ct));
        Assert.Equal("42703", e.SqlState); // undefined_column
    }

    [Fact]
    public async Task ATableRename_IsFollowedByViews_ButNotByFunctionBodies()
    {
        await Db.ExecuteAsync(Schema + "ALTER TABLE members RENAME TO subscribers;", Ct);

        Assert.Equal("a@example.com", await Db.ScalarAsync<string>("SELECT mail FROM member_mails", Ct));
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Db.ScalarAsync<long>("SELECT member_count()", Ct));
        Assert.Equal("42P01", e.SqlState); // undefined_table
    }

    [Fact]
    public async Task ASimpleViewWithAColumnUnderAnotherName_IsAutoUpdatable_AndTheTablesDefaultsApply()
    {
        await Db.ExecuteAsync(
            "CREATE TABLE t (id bigint PRIMARY KEY, email text NOT NULL, created date NOT NULL DEFAULT current_date);" +
            "CREATE SCHEMA compat; CREATE VIEW compat.t WITH (security_invoker = true) AS SELECT id, email AS mail, created FROM t;" +
            "INSERT INTO compat.t (id, mail) VALUES (1, 'x'); UPDATE compat.t SET mail = 'y' WHERE id = 1;", Ct);

        Assert.Equal("y", await Db.ScalarAsync<string>("SELECT email FROM t WHERE created = current_date", Ct));
        Assert.Equal("YES", await Db.ScalarAsync<string>("SELECT is_insertable_into FROM information_schema.tables WHERE table_schema = 'compat' AND table_name = 't'", Ct));
    }
}
