using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

/// <summary>CREATE [OR REPLACE] / DROP of functions, procedures, views and triggers read as definitions: names, tables, identity signatures.</summary>
public sealed class ObjectDefinitionParsingTests
{
    private static CreateDefinition Create(string sql) => Assert.IsType<CreateDefinition>(One<OpaqueStatement>(sql).Defines);

    private static DropDefinition Drop(string sql) => Assert.IsType<DropDefinition>(One<OpaqueStatement>(sql).Defines);

    /// <summary>The identity as a DROP writes it: the routine's name and its identity argument types.</summary>
    private static string Identity(string sql) => Create(sql).Target.DropTarget;

    [Theory]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", "f()")]
    [InlineData("CREATE FUNCTION f(int, text) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f(int, text)")]
    [InlineData("CREATE FUNCTION f(a int, b text DEFAULT 'x', c int = 3) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f(int, text, int)")]
    [InlineData("CREATE FUNCTION f(IN a int, OUT b int, INOUT c text, VARIADIC d int[]) LANGUAGE sql AS 'SELECT 1, 2'", "f(int, text, int[])")]
    [InlineData("CREATE FUNCTION f(a IN int, OUT int) LANGUAGE sql AS 'SELECT 1'", "f(int)")]
    [InlineData("CREATE FUNCTION f(\"My Arg\" int, \"in\" text) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f(int, text)")]
    [InlineData("CREATE FUNCTION app.\"Weird Name\"(x app.money_t, y pg_catalog.int4) RETURNS int LANGUAGE sql AS 'SELECT 1'", "app.\"Weird Name\"(app.money_t, pg_catalog.int4)")]
    [InlineData("CREATE FUNCTION f(double precision, x timestamp with time zone, character varying(10)) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f(double precision, timestamp with time zone, character varying(10))")]
    [InlineData("CREATE FUNCTION f(a int[], b integer ARRAY, c text[][]) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f(int[], integer ARRAY, text[][])")]
    [InlineData("CREATE FUNCTION f(a numeric(10, 2) DEFAULT (1 + 2) * 3, b int DEFAULT coalesce(1, 2)) RETURNS SETOF int LANGUAGE sql AS 'SELECT 1'", "f(numeric(10,2), int)")]
    [InlineData("CREATE FUNCTION f(a int) RETURNS TABLE (x int, y text) LANGUAGE sql AS 'SELECT 1, ''a'''", "f(int)")]
    [InlineData("CREATE FUNCTION f(a users.id%TYPE) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f(users.id%TYPE)")]
    [InlineData("CREATE PROCEDURE p(IN a int, OUT b int) LANGUAGE plpgsql AS $$ BEGIN b := a; END $$", "p(int)")]
    public void CreateRoutine_IdentityHasTheArgumentTypesOnly(string sql, string identity) =>
        Assert.Equal(identity, Identity(sql));

    [Fact]
    public void CreateOrReplaceFunction_IsReadWithItsLanguageAndWhereItsKindWordStarts()
    {
        var statement = One<OpaqueStatement>("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
        var create = Assert.IsType<CreateDefinition>(statement.Defines);

        Assert.True(create.OrReplace);
        Assert.Equal(DefinitionKind.Function, create.Target.Kind);
        Assert.Equal("plpgsql", create.Language);
        Assert.StartsWith("FUNCTION touch()", statement.Text[create.KindOffset..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END", "sql")]
    [InlineData("CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE 'SQL'", "sql")]
    [InlineData("CREATE FUNCTION f() RETURNS int AS 'SELECT 1'", null)]
    public void CreateFunction_Language(string sql, string? language) => Assert.Equal(language, Create(sql).Language);

    [Fact]
    public void CreateTrigger_NamesItsTableAndFunction()
    {
        var create = Create("CREATE CONSTRAINT TRIGGER t_check AFTER INSERT OR UPDATE OF a, b ON app.orders DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE app.check_order('x')");

        Assert.Equal(DefinitionKind.Trigger, create.Target.Kind);
        Assert.Equal("t_check", create.Target.Name.Name.Value);
        Assert.Equal(new QualifiedName(new Identifier("app"), new Identifier("orders")), create.Target.Table);
        Assert.Equal(new QualifiedName(new Identifier("app"), new Identifier("check_order")), create.TriggerFunction);
        Assert.True(create.ConstraintTrigger);
        Assert.Equal("t_check ON app.orders", create.Target.DropTarget);
    }

    [Theory]
    [InlineData("CREATE VIEW v AS SELECT 1", false)]
    [InlineData("CREATE OR REPLACE VIEW app.v (a, b) WITH (security_barrier) AS SELECT 1, 2", true)]
    [InlineData("CREATE RECURSIVE VIEW v (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM v WHERE n < 3", false)]
    public void CreateView_IsRead(string sql, bool orReplace)
    {
        var create = Create(sql);
        Assert.Equal(DefinitionKind.View, create.Target.Kind);
        Assert.Equal("v", create.Target.Name.Name.Value);
        Assert.Equal(orReplace, create.OrReplace);
    }

    [Theory]
    [InlineData("CREATE TEMP VIEW v AS SELECT 1")]
    [InlineData("CREATE OR REPLACE TEMP VIEW v AS SELECT 1")]
    [InlineData("CREATE FUNCTION f(int,) RETURNS int AS 'SELECT 1'")]
    [InlineData("CREATE TRIGGER t BEFORE INSERT")]
    [InlineData("DROP FUNCTION f(int) extra")]
    public void FormsNotFollowed_AreCarriedWithoutADefinition(string sql)
    {
        var statement = Assert.IsType<OpaqueStatement>(Assert.Single(Parse(sql).Statements));
        Assert.Null(statement.Defines);
    }

    [Fact]
    public void DropFunction_ReadsEachTargetWithItsSignature()
    {
        var drop = Drop("DROP FUNCTION IF EXISTS f(IN a int, OUT b text, VARIADIC c text[]), app.g, h() CASCADE");

        Assert.True(drop.IfExists);
        Assert.True(drop.Cascade);
        Assert.Equal(["f(int, text[])", "app.g()", "h()"], drop.Targets.Select(t => t.DropTarget));
        Assert.Null(drop.Targets[1].Arguments);
    }

    [Fact]
    public void DropTriggerAndView_AreRead()
    {
        Assert.Equal("t ON app.orders", Assert.Single(Drop("DROP TRIGGER IF EXISTS t ON app.orders").Targets).DropTarget);
        Assert.Equal(["v", "app.w"], Drop("DROP VIEW v, app.w RESTRICT").Targets.Select(t => t.DropTarget));
    }

    [Theory]
    [InlineData("f(int)", "f(integer)")]
    [InlineData("f(int4, varchar(20))", "f(integer, character varying)")]
    [InlineData("f(public.money_t)", "f(money_t)")]
    [InlineData("f(pg_catalog.text, bool[])", "f(text, boolean[])")]
    [InlineData("f(timestamptz)", "f(timestamp with time zone)")]
    public void Identity_SameTypeSpelledTwoWays_IsOneKey(string created, string dropped)
    {
        var create = Create($"CREATE FUNCTION {created} RETURNS int LANGUAGE sql AS 'SELECT 1'");
        var drop = Drop($"DROP FUNCTION {dropped}");
        Assert.Equal(DefinedIdentity.Key(create.Target, "public"), DefinedIdentity.Key(Assert.Single(drop.Targets), "public"));
    }

    [Fact]
    public void Identity_Overloads_AreDifferentKeys()
    {
        var a = Create("CREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'SELECT 1'");
        var b = Create("CREATE FUNCTION f(bigint) RETURNS int LANGUAGE sql AS 'SELECT 1'");
        Assert.NotEqual(DefinedIdentity.Key(a.Target, "public"), DefinedIdentity.Key(b.Target, "public"));
    }
}
