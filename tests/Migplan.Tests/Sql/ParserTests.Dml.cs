using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserDmlTests
{
    [Fact]
    public void Update_SetFromWhereReturning()
    {
        var update = One<UpdateStatement>("""
            UPDATE ONLY users AS u
               SET email = lower(ue.email), (a, b) = (1, DEFAULT), updated_at = now()
              FROM user_emails ue, (SELECT 1) AS s
             WHERE ue.user_id = u.id AND u.email IS NULL
            RETURNING u.id, u.email
            """);
        Assert.Equal(new QualifiedName("users"), update.Table);
        Assert.True(update.Only);
        Assert.Equal(Id("u"), update.Alias);
        Assert.Collection(
            update.Set,
            s =>
            {
                Assert.Equal([Id("email")], s.Columns);
                Assert.Equal("lower(ue.email)", s.Value.Text);
                Assert.Equal("ue.email", Columns(s.Value));
                Assert.Equal("lower", Functions(s.Value));
            },
            s =>
            {
                Assert.Equal([Id("a"), Id("b")], s.Columns);
                Assert.Equal("(1, DEFAULT)", s.Value.Text);
            },
            s => Assert.Equal("now", Functions(s.Value)));
        Assert.Collection(
            update.From,
            f =>
            {
                Assert.Equal("user_emails ue", f.Text);
                Assert.Equal(new QualifiedName("user_emails"), f.Table);
                Assert.Equal(Id("ue"), f.Alias);
            },
            f =>
            {
                Assert.Equal("(SELECT 1) AS s", f.Text);
                Assert.Null(f.Table);
                Assert.Equal(Id("s"), f.Alias);
            });
        Assert.Equal("ue.user_id = u.id AND u.email IS NULL", update.Where?.Text);
        Assert.Equal("ue.user_id,u.id,u.email", Columns(update.Where!));
        Assert.Equal("u.id, u.email", update.Returning);
    }

    [Fact]
    public void Update_Simple()
    {
        var update = One<UpdateStatement>("UPDATE t1 SET name = upper(name) WHERE id > 42");
        Assert.Null(update.Alias);
        Assert.False(update.Only);
        Assert.Empty(update.From);
        Assert.Equal("name", Columns(update.Set[0].Value));
        Assert.Equal("id > 42", update.Where?.Text);
        Assert.Null(update.Returning);
    }

    [Fact]
    public void Update_FromJoin_IsKeptAsText()
    {
        var update = One<UpdateStatement>("UPDATE t SET a = x.a FROM x JOIN y ON y.id = x.id WHERE t.id = x.id");
        FromItem item = Assert.Single(update.From);
        Assert.Equal("x JOIN y ON y.id = x.id", item.Text);
        Assert.Null(item.Table);
    }

    [Fact]
    public void Update_FromOnly_KeepsTable()
    {
        FromItem item = Assert.Single(One<UpdateStatement>("UPDATE t SET a = s.a FROM ONLY s WHERE s.id = t.id").From);
        Assert.Equal("ONLY s", item.Text);
        Assert.Equal(new QualifiedName("s"), item.Table);
    }

    [Fact]
    public void Update_SetValueWithIsDistinctFrom_DoesNotStopAtFrom()
    {
        var update = One<UpdateStatement>("UPDATE t SET changed = a IS DISTINCT FROM b FROM s");
        Assert.Equal("a IS DISTINCT FROM b", update.Set[0].Value.Text);
        Assert.Equal(new QualifiedName("s"), Assert.Single(update.From).Table);
    }

    [Fact]
    public void Update_WhereCurrentOf_IsOpaque() =>
        Assert.Equal("UPDATE ... WHERE CURRENT OF is not analysed", One<OpaqueStatement>("UPDATE t SET a = 1 WHERE CURRENT OF c").Reason);

    [Fact]
    public void Delete_UsingWhereReturning()
    {
        var delete = One<DeleteStatement>("DELETE FROM ONLY s.t x USING u WHERE x.id = u.id RETURNING *");
        Assert.Equal(new QualifiedName(Id("s"), Id("t")), delete.Table);
        Assert.True(delete.Only);
        Assert.Equal(Id("x"), delete.Alias);
        Assert.Equal(new QualifiedName("u"), Assert.Single(delete.Using).Table);
        Assert.Equal("x.id = u.id", delete.Where?.Text);
        Assert.Equal("*", delete.Returning);
    }

    [Fact]
    public void Delete_Simple()
    {
        var delete = One<DeleteStatement>("DELETE FROM t WHERE created_at < now() - interval '30 days'");
        Assert.Null(delete.Alias);
        Assert.Empty(delete.Using);
        Assert.Equal("created_at", Columns(delete.Where!));
        Assert.Equal("now", Functions(delete.Where!));
    }

    [Fact]
    public void Insert_Values()
    {
        var insert = One<InsertStatement>("INSERT INTO public.t AS x (a, \"B\") VALUES (1, 'x'), (2, 'y') ON CONFLICT (a) DO UPDATE SET b = excluded.b RETURNING a");
        Assert.Equal(new QualifiedName(Id("public"), Id("t")), insert.Table);
        Assert.Equal(Id("x"), insert.Alias);
        Assert.Equal([Id("a"), Id("B")], insert.Columns);
        Assert.Equal("VALUES (1, 'x'), (2, 'y')", insert.Source);
        Assert.False(insert.IsSelect);
        Assert.Equal("(a) DO UPDATE SET b = excluded.b", insert.OnConflict);
        Assert.Equal("a", insert.Returning);
    }

    [Theory]
    [InlineData("INSERT INTO t SELECT a FROM s JOIN r ON r.id = s.id", "SELECT a FROM s JOIN r ON r.id = s.id")]
    [InlineData("INSERT INTO t (a) WITH c AS (SELECT 1) SELECT * FROM c", "WITH c AS (SELECT 1) SELECT * FROM c")]
    [InlineData("INSERT INTO t TABLE s", "TABLE s")]
    [InlineData("INSERT INTO t (SELECT 1)", "(SELECT 1)")]
    public void Insert_Query(string sql, string source)
    {
        var insert = One<InsertStatement>(sql);
        Assert.True(insert.IsSelect);
        Assert.Equal(source, insert.Source);
        Assert.Null(insert.OnConflict);
    }

    [Theory]
    [InlineData("INSERT INTO t (a, b) SELECT id, upper(name) FROM public.s", "id, upper(name)", "public.s", null, null)]
    [InlineData("INSERT INTO t SELECT x.id, x.\"Bio\" FROM s AS x WHERE x.\"Bio\" IS NOT NULL AND (x.id > 3 OR x.id IN (SELECT 1))", "x.id, x.\"Bio\"", "s", "x", "x.\"Bio\" IS NOT NULL AND (x.id > 3 OR x.id IN (SELECT 1))")]
    [InlineData("INSERT INTO t SELECT id FROM s u WHERE id > 1 ON CONFLICT DO NOTHING", "id", "s", "u", "id > 1")]
    public void Insert_SelectFromOneTable_IsKnownInParts(string sql, string list, string from, string? alias, string? where)
    {
        var select = One<InsertStatement>(sql).Select;
        Assert.NotNull(select);
        Assert.Equal(list, select.List.Trim());
        Assert.Equal(from, select.From.Key);
        Assert.Equal(alias, select.Alias?.Value);
        Assert.Equal(where, select.Where?.Trim());
    }

    [Theory]
    [InlineData("INSERT INTO t SELECT a FROM s JOIN r ON r.id = s.id")]
    [InlineData("INSERT INTO t SELECT a FROM s, r")]
    [InlineData("INSERT INTO t SELECT DISTINCT a FROM s")]
    [InlineData("INSERT INTO t SELECT a FROM s GROUP BY a")]
    [InlineData("INSERT INTO t SELECT a FROM s ORDER BY a LIMIT 10")]
    [InlineData("INSERT INTO t SELECT a FROM s UNION SELECT a FROM r")]
    [InlineData("INSERT INTO t SELECT a FROM ONLY s")]
    [InlineData("INSERT INTO t SELECT a FROM (SELECT 1 AS a) q")]
    [InlineData("INSERT INTO t SELECT 1")]
    [InlineData("INSERT INTO t (a) WITH c AS (SELECT 1) SELECT * FROM c")]
    [InlineData("INSERT INTO t SELECT a FROM generate_series(1, 3) a")]
    public void Insert_AnyOtherQuery_IsNotSplitIntoParts(string sql) =>
        Assert.Null(One<InsertStatement>(sql).Select);

    [Fact]
    public void AlterTypeRenameValue_IsAnalysed()
    {
        var rename = One<AlterTypeRenameValueStatement>("ALTER TYPE app.mood RENAME VALUE 'it''s' TO 'blue'");
        Assert.Equal("app.mood", rename.Type.Key);
        Assert.Equal("it's", rename.Old);
        Assert.Equal("blue", rename.New);
    }

    [Fact]
    public void Insert_DefaultValues()
    {
        var insert = One<InsertStatement>("INSERT INTO t DEFAULT VALUES ON CONFLICT DO NOTHING");
        Assert.Equal("DEFAULT VALUES", insert.Source);
        Assert.False(insert.IsSelect);
        Assert.Equal("DO NOTHING", insert.OnConflict);
    }

    [Fact]
    public void WithLeadingDml_IsOpaque() =>
        Assert.Equal("WITH is not analysed", One<OpaqueStatement>("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").Reason);
}
