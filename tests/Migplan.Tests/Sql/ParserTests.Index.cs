using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserIndexTests
{
    [Fact]
    public void CreateIndex_AllClauses()
    {
        var index = One<CreateIndexStatement>("""
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON ONLY public.users USING BTREE
              (lower(email) text_pattern_ops DESC NULLS LAST, (a + b), tenant_id COLLATE "C" ASC)
              INCLUDE (name) NULLS NOT DISTINCT WITH (fillfactor = 80) TABLESPACE fast WHERE deleted_at IS NULL
            """);
        Assert.Equal(Id("users_email_idx"), index.Name);
        Assert.Equal(new QualifiedName(Id("public"), Id("users")), index.Table);
        Assert.True(index.Unique);
        Assert.True(index.Concurrently);
        Assert.True(index.IfNotExists);
        Assert.True(index.Only);
        Assert.Equal("btree", index.Method);
        Assert.Equal([Id("name")], index.Include);
        Assert.Equal("fillfactor = 80", index.With);
        Assert.Equal("fast", index.Tablespace);
        Assert.Equal("deleted_at IS NULL", index.Where?.Text);
        Assert.Equal("deleted_at", Columns(index.Where!));

        Assert.Collection(
            index.Elements,
            e =>
            {
                Assert.Equal("lower(email) text_pattern_ops DESC NULLS LAST", e.Text);
                Assert.Null(e.Column);
                Assert.Equal("lower(email)", e.Expression?.Text);
                Assert.Equal("email", Columns(e.Expression!));
                Assert.Equal("lower", Functions(e.Expression!));
            },
            e =>
            {
                Assert.Equal("(a + b)", e.Text);
                Assert.Equal("a + b", e.Expression?.Text);
                Assert.Equal("a,b", Columns(e.Expression!));
            },
            e =>
            {
                Assert.Equal("tenant_id COLLATE \"C\" ASC", e.Text);
                Assert.Equal(Id("tenant_id"), e.Column);
                Assert.Null(e.Expression);
            });
    }

    [Fact]
    public void CreateIndex_WithoutName()
    {
        var index = One<CreateIndexStatement>("CREATE INDEX ON t (a)");
        Assert.Null(index.Name);
        Assert.False(index.Unique);
        Assert.False(index.Concurrently);
        Assert.Null(index.Method);
        Assert.Equal(Id("a"), Assert.Single(index.Elements).Column);
    }

    [Fact]
    public void CreateIndex_PgDumpStyle()
    {
        var index = One<CreateIndexStatement>("CREATE INDEX idx_users_email ON public.users USING btree (email)");
        Assert.Equal("btree", index.Method);
        Assert.Equal(Id("email"), Assert.Single(index.Elements).Column);
        Assert.Null(index.Where);
    }

    [Fact]
    public void CreateIndex_QuotedColumnAndQualifiedFunction()
    {
        var index = One<CreateIndexStatement>("CREATE INDEX i ON t USING gin (\"Tags\", public.f(x, 'y'), (data->>'k'))");
        Assert.Equal(Id("Tags"), index.Elements[0].Column);
        Assert.Equal("f", Functions(index.Elements[1].Expression!));
        Assert.Equal("x", Columns(index.Elements[1].Expression!));
        Assert.Equal("data->>'k'", index.Elements[2].Expression?.Text);
    }

    [Fact]
    public void DropTable_ManyNames()
    {
        var drop = One<DropTableStatement>("DROP TABLE IF EXISTS a, s.b CASCADE");
        Assert.Equal([new QualifiedName("a"), new QualifiedName(Id("s"), Id("b"))], drop.Names);
        Assert.True(drop.IfExists);
        Assert.True(drop.Cascade);
        Assert.False(One<DropTableStatement>("DROP TABLE a RESTRICT").Cascade);
    }

    [Fact]
    public void DropIndex_ConcurrentlyIfExists()
    {
        var drop = One<DropIndexStatement>("DROP INDEX CONCURRENTLY IF EXISTS public.i1, i2");
        Assert.True(drop.Concurrently);
        Assert.True(drop.IfExists);
        Assert.False(drop.Cascade);
        Assert.Equal(2, drop.Names.Length);
    }

    [Theory]
    [InlineData("TRUNCATE a", 1, false, false)]
    [InlineData("TRUNCATE TABLE ONLY a, s.b * RESTART IDENTITY CASCADE", 2, true, true)]
    [InlineData("TRUNCATE a CONTINUE IDENTITY RESTRICT", 1, false, false)]
    public void Truncate(string sql, int tables, bool restart, bool cascade)
    {
        var truncate = One<TruncateStatement>(sql);
        Assert.Equal(tables, truncate.Tables.Length);
        Assert.Equal(restart, truncate.RestartIdentity);
        Assert.Equal(cascade, truncate.Cascade);
    }
}
