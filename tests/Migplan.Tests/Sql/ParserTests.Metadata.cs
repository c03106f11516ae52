using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserMetadataTests
{
    [Theory]
    [InlineData("COMMENT ON TABLE public.users IS 'x'", "TABLE", "public.users", "public.users")]
    [InlineData("COMMENT ON VIEW v IS 'x'", "VIEW", "v", "v")]
    [InlineData("COMMENT ON MATERIALIZED VIEW mv IS 'x'", "MATERIALIZED VIEW", "mv", "mv")]
    [InlineData("COMMENT ON FOREIGN TABLE ft IS 'x'", "FOREIGN TABLE", "ft", "ft")]
    [InlineData("COMMENT ON INDEX users_email_idx IS 'x'", "INDEX", "users_email_idx", "users_email_idx")]
    [InlineData("COMMENT ON SEQUENCE s.seq IS 'x'", "SEQUENCE", "s.seq", "s.seq")]
    [InlineData("COMMENT ON TYPE mood IS 'x'", "TYPE", "mood", "mood")]
    [InlineData("COMMENT ON DOMAIN email IS 'x'", "DOMAIN", "email", "email")]
    [InlineData("COMMENT ON SCHEMA app IS 'x'", "SCHEMA", "app", "app")]
    [InlineData("COMMENT ON EXTENSION pgcrypto IS 'x'", "EXTENSION", "pgcrypto", "pgcrypto")]
    [InlineData("COMMENT ON ROLE \"App User\" IS 'x'", "ROLE", "App User", "\"App User\"")]
    public void CommentOn_ANamedObject_KeepsKindNameAndTarget(string sql, string kind, string name, string target)
    {
        var c = One<CommentStatement>(sql);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(name, c.Name.Key);
        Assert.Equal(target, c.Target);
        Assert.Equal("x", c.Comment);
    }

    [Theory]
    [InlineData("COMMENT ON COLUMN users.email IS 'x'", null, "users", "email")]
    [InlineData("COMMENT ON COLUMN public.users.\"E-mail\" IS 'x'", "public", "users", "E-mail")]
    public void CommentOnColumn_SplitsTableAndColumn(string sql, string? schema, string table, string column)
    {
        var c = One<CommentStatement>(sql);
        Assert.Equal("COLUMN", c.Kind);
        Assert.Equal(schema, c.Name.Schema?.Value);
        Assert.Equal(table, c.Name.Name.Value);
        Assert.Equal(column, c.Column!.Value);
    }

    [Theory]
    [InlineData("COMMENT ON CONSTRAINT users_pkey ON public.users IS 'pk'", "CONSTRAINT", "users_pkey", "public.users", false)]
    [InlineData("COMMENT ON CONSTRAINT positive ON DOMAIN amount IS 'pk'", "CONSTRAINT", "positive", "amount", true)]
    [InlineData("COMMENT ON TRIGGER touch ON users IS 'pk'", "TRIGGER", "touch", "users", false)]
    [InlineData("COMMENT ON POLICY mine ON users IS 'pk'", "POLICY", "mine", "users", false)]
    public void CommentOn_AnObjectOnATable_KeepsTheTable(string sql, string kind, string name, string on, bool onDomain)
    {
        var c = One<CommentStatement>(sql);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(name, c.Name.Name.Value);
        Assert.Equal(on, c.On!.Key);
        Assert.Equal(onDomain, c.OnDomain);
    }

    [Theory]
    [InlineData("COMMENT ON FUNCTION public.add(a integer, b integer) IS 'x'", "FUNCTION", "a integer, b integer")]
    [InlineData("COMMENT ON PROCEDURE p() IS 'x'", "PROCEDURE", "")]
    [InlineData("COMMENT ON AGGREGATE total(numeric) IS 'x'", "AGGREGATE", "numeric")]
    [InlineData("COMMENT ON ROUTINE r IS 'x'", "ROUTINE", null)]
    public void CommentOnARoutine_KeepsItsArguments(string sql, string kind, string? arguments)
    {
        var c = One<CommentStatement>(sql);
        Assert.Equal(kind, c.Kind);
        Assert.Equal(arguments, c.Arguments);
    }

    [Theory]
    [InlineData("COMMENT ON TABLE t IS NULL", null)]
    [InlineData("COMMENT ON TABLE t IS ''", null)]
    [InlineData("COMMENT ON TABLE t IS E'a\\\\b ''c'''", "a\\b 'c'")]
    [InlineData("COMMENT ON TABLE t IS $tag$ $$ \\! ; $tag$", " $$ \\! ; ")]
    [InlineData("COMMENT ON TABLE t IS 'line one\nline two'", "line one\nline two")]
    public void CommentValue_IsTheStringsValue(string sql, string? value) =>
        Assert.Equal(value, One<CommentStatement>(sql).Comment);

    [Fact]
    public void CommentWithoutIs_IsASyntaxError()
    {
        var error = Error("COMMENT ON TABLE t 'x';\n");
        Assert.Contains("expected IS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grant_PrivilegesColumnsObjectsAndGrantees()
    {
        var g = One<PrivilegeStatement>("GRANT SELECT, UPDATE (email, \"Name\") ON TABLE users, public.orders TO app, \"Read Only\", GROUP staff WITH GRANT OPTION GRANTED BY admin");
        Assert.True(g.IsGrant);
        Assert.Equal("TABLE", g.Kind);
        Assert.Equal(["SELECT", "UPDATE"], g.Privileges.Select(p => p.Name));
        Assert.Equal(["email", "Name"], g.Privileges[1].Columns.Select(c => c.Value));
        Assert.Equal(["users", "public.orders"], g.Objects.Select(o => o.Name.Key));
        Assert.Equal(["app", "\"Read Only\"", "staff"], g.Grantees.Select(x => x.Sql));
        Assert.True(g.WithGrantOption);
        Assert.Equal("admin", g.GrantedBy);
    }

    [Theory]
    [InlineData("GRANT ALL ON t TO PUBLIC")]
    [InlineData("GRANT ALL PRIVILEGES ON TABLE t TO public")]
    public void Grant_AllPrivileges_ToPublic(string sql)
    {
        var g = One<PrivilegeStatement>(sql);
        Assert.True(g.All);
        Assert.True(Assert.Single(g.Grantees).IsPublic);
    }

    [Fact]
    public void Revoke_GrantOptionFor_Cascade()
    {
        var r = One<PrivilegeStatement>("REVOKE GRANT OPTION FOR INSERT ON t FROM app CASCADE");
        Assert.False(r.IsGrant);
        Assert.True(r.GrantOptionFor);
        Assert.True(r.Cascade);
        Assert.Equal("INSERT", Assert.Single(r.Privileges).Name);
    }

    [Theory]
    [InlineData("REVOKE ALL ON FUNCTION f(integer, text) FROM PUBLIC", "FUNCTION", "integer, text")]
    [InlineData("GRANT USAGE ON SCHEMA app TO reader", "SCHEMA", null)]
    [InlineData("GRANT USAGE, SELECT ON SEQUENCE s TO app", "SEQUENCE", null)]
    [InlineData("GRANT USAGE ON TYPE mood TO app", "TYPE", null)]
    [InlineData("REVOKE EXECUTE ON PROCEDURE p() FROM app RESTRICT", "PROCEDURE", "")]
    public void Privileges_OnOtherKinds(string sql, string kind, string? arguments)
    {
        var p = One<PrivilegeStatement>(sql);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(arguments, Assert.Single(p.Objects).Arguments);
    }

    [Theory]
    [InlineData("GRANT SELECT ON ALL TABLES IN SCHEMA public TO app")]
    [InlineData("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app")]
    [InlineData("GRANT admin TO alice")]
    [InlineData("GRANT CONNECT ON DATABASE d TO app")]
    [InlineData("GRANT SELECT ON t TO CURRENT_USER")]
    [InlineData("GRANT ALL (a) ON t TO app")]
    public void UnsupportedPrivilegeForms_StayNotAnalysed(string sql) =>
        Assert.IsType<OpaqueStatement>(Assert.Single(ParseClean(sql + ";").Statements));

    [Fact]
    public void AlterSequence_OptionsAsWritten()
    {
        var a = One<AlterSequenceStatement>("ALTER SEQUENCE IF EXISTS public.s AS bigint INCREMENT BY -2 MINVALUE -100 NO MAXVALUE START WITH 5 RESTART CACHE 10 NO CYCLE OWNED BY public.t.id");
        Assert.True(a.IfExists);
        Assert.Equal("public.s", a.Name.Key);
        Assert.Equal(
            ["AS bigint", "INCREMENT -2", "MINVALUE -100", "NO MAXVALUE ", "START 5", "RESTART ", "CACHE 10", "NO CYCLE ", "OWNED BY public.t.id"],
            a.Options.Select(o => o.Kind + " " + o.Value));
    }

    [Theory]
    [InlineData("ALTER SEQUENCE s RENAME TO s2")]
    [InlineData("ALTER SEQUENCE s SET SCHEMA other")]
    [InlineData("ALTER SEQUENCE s OWNER TO app")]
    public void AlterSequence_OtherForms_StayNotAnalysed(string sql) =>
        Assert.IsType<OpaqueStatement>(Assert.Single(ParseClean(sql + ";").Statements));

    [Fact]
    public void AlterSequence_WithAWordThatIsNoOption_IsASyntaxError()
    {
        var error = Error("ALTER SEQUENCE s INCREMENT BY 2 MAXIMUM 5;\n");
        Assert.Contains("not an option of ALTER SEQUENCE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSequence_OptionsAreParsed()
    {
        var c = One<CreateSequenceStatement>("CREATE SEQUENCE public.s AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1");
        Assert.Equal(["AS", "START", "INCREMENT", "NO MINVALUE", "NO MAXVALUE", "CACHE"], c.Parsed.Select(o => o.Kind));
    }
}
