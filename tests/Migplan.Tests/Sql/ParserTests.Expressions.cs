using Migplan.Sql.Ast;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

public class ParserExpressionTests
{
    private static SqlExpression Where(string condition) =>
        One<DeleteStatement>("DELETE FROM t WHERE " + condition).Where!;

    [Theory]
    [InlineData("a = 1 AND b <> 'x' OR NOT c", "a,b,c", "")]
    [InlineData("x.a = y.b", "x.a,y.b", "")]
    [InlineData("s.t.c > 0", "t.c", "")]
    [InlineData("\"Mixed\" IS NOT NULL", "Mixed", "")]
    [InlineData("a::text = b::character varying(10)", "a,b", "")]
    [InlineData("CAST(a AS timestamp with time zone) < now()", "a", "now")]
    [InlineData("lower(email) LIKE '%@x.com'", "email", "lower")]
    [InlineData("public.f(a) AND pg_catalog.g(b)", "a,b", "f,g")]
    [InlineData("created_at < current_timestamp - interval '1 day'", "created_at", "current_timestamp")]
    [InlineData("d = CURRENT_DATE OR t > localtimestamp OR u = current_user", "d,t,u", "current_date,localtimestamp,current_user")]
    [InlineData("CASE WHEN a > 0 THEN b ELSE c END = 1", "a,b,c", "")]
    [InlineData("a IN (SELECT id FROM s WHERE s.k = 1)", "a,id,s,s.k", "")]
    [InlineData("coalesce(a, b) BETWEEN 1 AND 2", "a,b", "coalesce")]
    [InlineData("extract(epoch FROM ts) > 0", "ts", "extract")]
    [InlineData("a IS DISTINCT FROM b", "a,b", "")]
    [InlineData("ts AT TIME ZONE 'UTC' > '2020-01-01'::timestamp", "ts", "")]
    [InlineData("data->>'k' = $1 AND tags @> ARRAY['x']", "data,tags", "")]
    [InlineData("date '2020-01-01' < d", "d", "")]
    [InlineData("f(arg => a)", "a", "f")]
    [InlineData("nextval('s'::regclass) > clock_timestamp()::int", "", "nextval,clock_timestamp")]
    [InlineData("a = $tag$it's; here$tag$", "a", "")]
    [InlineData("t.* IS NOT NULL", "", "")]
    [InlineData("EXISTS (SELECT 1 FROM u WHERE u.id = t.id)", "u,u.id,t.id", "")]
    [InlineData("left(name, 2) = 'ab'", "name", "left")]
    [InlineData("name COLLATE \"C\" > 'a'", "name", "")]
    public void ColumnRefsAndFunctions(string condition, string columns, string functions)
    {
        SqlExpression expression = Where(condition);
        Assert.Equal(condition, expression.Text);
        Assert.Equal(columns, Columns(expression));
        Assert.Equal(functions, Functions(expression));
    }

    [Fact]
    public void ColumnRefs_AreDeduplicated() => Assert.Equal("a", Columns(Where("a > 1 AND a < 5")));

    [Fact]
    public void ExpressionText_KeepsInnerComments_AndLocationIsExact()
    {
        const string sql = "DELETE FROM t WHERE a /* keep */ > 1 -- drop\n";
        SqlExpression expression = One<DeleteStatement>(sql).Where!;
        Assert.Equal("a /* keep */ > 1", expression.Text);
        Assert.Equal(sql.IndexOf("a /*", StringComparison.Ordinal), expression.Location.Span.Start);
        Assert.Equal("change.sql:1:21", expression.Location.ToString());
    }

    [Fact]
    public void Expressions_CompareByText()
    {
        SqlExpression a = Where("x = 1");
        SqlExpression b = Where("x = 1");
        Assert.Equal(a, b);
        Assert.NotEqual(a, Where("x = 2"));
    }
}
