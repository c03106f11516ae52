using Migplan.Planning;

namespace Migplan.Tests.Planning;

/// <summary>Conditions split and read on the lexer's tokens: text inside literals, quoted names and comments is never code.</summary>
public sealed class ConjunctsTests
{
    [Fact]
    public void Split_AtTopLevelAnds_KeepsBetweenTogether_AndNoPartEndsInAComment()
    {
        var parts = Conjuncts.Split("a = 1 -- and b = 2\n AND c BETWEEN 1 AND 5 AND (d = 1 AND e = 2) AND note = E'x\\' and y' AND $q$ and $q$ <> ''");

        Assert.Equal(["a = 1", "c BETWEEN 1 AND 5", "(d = 1 AND e = 2)", "note = E'x\\' and y'", "$q$ and $q$ <> ''"], parts);
    }

    [Fact]
    public void ColumnEquality_ReadsQualifiedAndQuotedNames()
    {
        Assert.Equal(("u", "id", "e", "User Id"), Conjuncts.ColumnEquality("(u.id = e.\"User Id\")"));
        Assert.Equal((null, "id", "public", "x"), Conjuncts.ColumnEquality("ID = s.public.x") is { } r ? (r.LeftQualifier, r.LeftColumn, r.RightQualifier, r.RightColumn) : default);
    }

    [Theory]
    [InlineData("\"a=b\".x > t.y")]
    [InlineData("u.id = e.id + 1")]
    [InlineData("u.id = 'e.id'")]
    [InlineData("u.id <= e.id")]
    public void ColumnEquality_IsNullForAnythingElse(string conjunct)
    {
        Assert.Null(Conjuncts.ColumnEquality(conjunct));
    }

    [Fact]
    public void ColumnEquality_IgnoresAComment()
    {
        Assert.Equal(("u", "id", "e", "id"), Conjuncts.ColumnEquality("u.id = e.id -- = f.id"));
    }
}
