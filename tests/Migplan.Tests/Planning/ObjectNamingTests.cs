using Migplan.Planning;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Tests.Planning;

/// <summary>
/// Names for unnamed constraints and indexes follow PostgreSQL 15's rules (makeObjectName, ChooseRelationName,
/// ChooseConstraintName); the server tests in NamingFacts compare them with the server's own choices.
/// </summary>
public sealed class ObjectNamingTests
{
    private const string Schema = "CREATE TABLE t (id bigint PRIMARY KEY, n int, m int);\n";

    private static string Sql(Plan plan) => string.Concat(plan.Steps.Select(s => s.Sql));

    [Fact]
    public void MakeName_ShortNames_AreJoinedWithTheLabel()
    {
        Assert.Equal("users_email_key", SqlText.MakeName("users", "email", "key").Value);
        Assert.Equal("users_pkey", SqlText.MakeName("users", null, "pkey").Value);
    }

    [Fact]
    public void MakeName_TooLong_ShortensTheLongerPartFirst_NotTheJoinedString()
    {
        string table = new('t', 40);
        string column = new('c', 30);

        var name = SqlText.MakeName(table, column, "key");

        // 63 bytes: 4 for "_key", 1 for "_", 58 shared: the longer part is cut until both are 29.
        Assert.Equal(new string('t', 29) + "_" + new string('c', 29) + "_key", name.Value);
    }

    [Fact]
    public void MakeName_NeverCutsAMultibyteCharacterInHalf()
    {
        string table = new string('a', 56) + "😀😀"; // 56 + 8 bytes

        var name = SqlText.MakeName(table, null, "pkey");

        Assert.Equal(new string('a', 56) + "_pkey", name.Value); // 58 bytes left: the first emoji would need 60
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name.Value) <= 63);
        Assert.DoesNotContain('\uFFFD', name.Value);
        Assert.False(char.IsSurrogate(name.Value[^6]));
    }

    [Fact]
    public void TwoUnnamedChecksOnOneColumn_AreNamedCheckAndCheck1_AndBothAreAdded()
    {
        var plan = TestPlanner.Plan("ALTER TABLE t ADD CHECK (n > 0), ADD CHECK (n < 100);\n", Schema);

        Assert.Contains("ADD CONSTRAINT t_n_check CHECK (n > 0)", Sql(plan), StringComparison.Ordinal);
        Assert.Contains("ADD CONSTRAINT t_n_check1 CHECK (n < 100)", Sql(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void UnnamedCheck_OnASecondStatement_IsNumberedAfterTheFirst()
    {
        var plan = TestPlanner.Plan("ALTER TABLE t ADD CHECK (n > 0);\nALTER TABLE t ADD CHECK (n < 100);\n", Schema);

        Assert.Contains("ADD CONSTRAINT t_n_check1 CHECK (n < 100)", Sql(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void UnnamedCheck_ReadingTwoColumns_IsNamedAfterTheTableOnly()
    {
        var plan = TestPlanner.Plan("ALTER TABLE t ADD CHECK (n < m);\n", Schema);

        Assert.Contains("ADD CONSTRAINT t_check CHECK (n < m)", Sql(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void SecondUnnamedIndexOnAColumn_IsNamedIdx1_NotRefused()
    {
        var plan = TestPlanner.Plan("CREATE INDEX ON t (n);\nCREATE INDEX ON t (n);\n", Schema);

        Assert.Contains("INDEX CONCURRENTLY IF NOT EXISTS t_n_idx ON", Sql(plan), StringComparison.Ordinal);
        Assert.Contains("INDEX CONCURRENTLY IF NOT EXISTS t_n_idx1 ON", Sql(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void UnnamedIndex_WhoseNameIsATable_IsNumbered()
    {
        var plan = TestPlanner.Plan("CREATE INDEX ON t (n);\n", Schema + "CREATE TABLE t_n_idx (x int);\n");

        Assert.Contains("IF NOT EXISTS t_n_idx1 ON", Sql(plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE INDEX ON t (lower(n::text));", "t_lower_idx")]
    [InlineData("CREATE INDEX ON t ((n + m));", "t_expr_idx")]
    [InlineData("CREATE INDEX ON t ((n::text));", "t_n_idx")]
    [InlineData("CREATE INDEX ON t (((n + 1)::bigint), (m));", "t_int8_m_idx")]
    [InlineData("CREATE INDEX ON t (n, n);", "t_n_n1_idx")]
    [InlineData("CREATE INDEX ON t (n) INCLUDE (m);", "t_n_m_idx")]
    [InlineData("CREATE INDEX ON t ((CASE WHEN n > 0 THEN 1 END));", "t_case_idx")]
    public void UnnamedIndex_IsNamedFromItsColumnsAsPostgreSQLFiguresThem(string change, string expected)
    {
        var plan = TestPlanner.Plan(change + "\n", Schema);

        Assert.Contains($"IF NOT EXISTS {expected} ON", Sql(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void NotNullHelper_WhoseNameAUserConstraintHas_GetsAFreeName_AndTheUsersConstraintIsNeverDropped()
    {
        const string schema = "CREATE TABLE t (id bigint PRIMARY KEY, c int, CONSTRAINT t_c_not_null CHECK (c > 0));\n";

        var plan = TestPlanner.Plan("ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n", schema);

        string all = string.Concat(plan.Steps.Select(s => s.Sql + s.Rollback.Sql));
        Assert.Contains("ADD CONSTRAINT t_c_not_null1 CHECK (c IS NOT NULL) NOT VALID", all, StringComparison.Ordinal);
        Assert.Contains("DROP CONSTRAINT t_c_not_null1;", all, StringComparison.Ordinal);
        Assert.DoesNotContain("t_c_not_null;", all, StringComparison.Ordinal);
        Assert.DoesNotContain("t_c_not_null'", all, StringComparison.Ordinal);
    }

    [Fact]
    public void UnnamedUniqueConstraint_WhoseIndexNameIsTaken_IsNumbered()
    {
        var plan = TestPlanner.Plan("ALTER TABLE t ADD UNIQUE (n);\n", Schema + "CREATE INDEX t_n_key ON t (m);\n");

        Assert.Contains("t_n_key1", Sql(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void IndexColumnNames_RepeatedNames_GetANumber()
    {
        Assert.Equal(["a", "a1", "expr", "expr1"], ObjectNames.IndexColumnNames(["a", "a", "expr", "expr"]));
    }
}
