using System.Collections.Immutable;
using Migplan.Planning;
using Migplan.Sql;

namespace Migplan.Tests.Planning;

/// <summary>
/// A key, constraint or index naming a column its table does not have is bad input (PostgreSQL refuses it), in the
/// schema as in the change: exit 2 with the position of the column name, never an exception.
/// </summary>
public sealed class MissingColumnTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text);
        CREATE TABLE nokey (a int, b int);

        """;

    private static ImmutableArray<string> Errors(string change, string schema = Schema) => TestPlanner.Errors(change, schema);

    [Fact]
    public void PrimaryKeyOnAMissingColumn_InTheSchema_IsAnErrorAtTheColumn_NotACrash()
    {
        var error = Assert.Single(Errors("UPDATE u SET a = 1;\n", "CREATE TABLE u (a int, PRIMARY KEY (zz));\n"));

        Assert.Equal("schema.sql:1:37: column zz of table public.u does not exist", error);
    }

    [Theory]
    [InlineData("CREATE TABLE u (a int, PRIMARY KEY (zz));", 37)]
    [InlineData("CREATE TABLE zz (a int, PRIMARY KEY (a, zz));", 41)]
    [InlineData("CREATE TABLE u (a int, UNIQUE (a) INCLUDE (zz));", 44)]
    [InlineData("CREATE TABLE u (a int REFERENCES users (zz));", 41)]
    [InlineData("CREATE TABLE u (a int, FOREIGN KEY (zz) REFERENCES users);", 37)]
    [InlineData("ALTER TABLE nokey ADD PRIMARY KEY (zz);", 36)]
    [InlineData("ALTER TABLE nokey ADD CONSTRAINT nokey_u UNIQUE (a, zz);", 53)]
    [InlineData("ALTER TABLE nokey ADD FOREIGN KEY (a) REFERENCES users (zz);", 57)]
    [InlineData("CREATE INDEX ON nokey (zz);", 24)]
    [InlineData("CREATE INDEX zz ON nokey (a, zz);", 30)]
    [InlineData("CREATE INDEX ON nokey (a) INCLUDE (zz);", 36)]
    [InlineData("CREATE INDEX ON nokey (lower(zz));", 30)]
    [InlineData("CREATE INDEX ON nokey (a) WHERE zz > 0;", 33)]
    public void KeyOrIndexOnAMissingColumn_InTheChange_IsAnErrorAtTheColumn(string change, int column)
    {
        var error = Assert.Single(Errors(change + "\n"));

        Assert.StartsWith($"change.sql:1:{column}: column zz of table ", error, StringComparison.Ordinal);
        Assert.EndsWith(" does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE TABLE t (a int NOT NULL, b int);\nALTER TABLE t ADD PRIMARY KEY (zz);\n", "schema.sql:2:32")]
    [InlineData("CREATE TABLE t (a int NOT NULL, b int);\nCREATE UNIQUE INDEX ON t (a, zz);\n", "schema.sql:2:30")]
    [InlineData("CREATE TABLE t (a int NOT NULL, b int);\nCREATE UNIQUE INDEX i ON t (zz);\nALTER TABLE t ADD PRIMARY KEY USING INDEX i;\n", "schema.sql:2:29")]
    public void KeyOnAMissingColumn_InTheSchema_IsAnErrorAtTheColumn(string schema, string position)
    {
        var error = Assert.Single(Errors("UPDATE t SET b = 1;\n", schema));

        Assert.Equal($"{position}: column zz of table public.t does not exist", error);
    }

    [Theory]
    [InlineData("CREATE UNIQUE INDEX k ON nokey ((a + 1));\nALTER TABLE nokey ADD PRIMARY KEY USING INDEX k;\n", "index k contains expressions")]
    [InlineData("CREATE INDEX k ON nokey (a);\nALTER TABLE nokey ADD UNIQUE USING INDEX k;\n", "index k is not a unique index")]
    [InlineData("ALTER TABLE users ADD COLUMN x int PRIMARY KEY;\n", "multiple primary keys for table public.users are not allowed")]
    [InlineData("ALTER TABLE users ADD FOREIGN KEY (name) REFERENCES nokey;\n", "there is no primary key for referenced table public.nokey")]
    public void KeysPostgreSQLRefuses_AreErrors(string change, string message)
    {
        Assert.Contains(message, Assert.Single(Errors(change)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE TABLE c (parent int REFERENCES c, id int PRIMARY KEY);\n")]
    [InlineData("CREATE TABLE c (parent int REFERENCES c (id), id int UNIQUE);\n")]
    [InlineData("CREATE TABLE c (parent int, FOREIGN KEY (parent) REFERENCES c, id int, PRIMARY KEY (id));\n")]
    public void SelfReference_ToAKeyWrittenLater_IsAccepted(string change)
    {
        var plan = TestPlanner.Plan(change, Schema);

        Assert.Single(plan.Steps, s => s.TitleText().StartsWith("Create table c", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyOnAnInheritedColumn_InAPgDumpSchema_IsAccepted()
    {
        const string schema = "CREATE TABLE p (id int NOT NULL);\nCREATE TABLE t (a int) INHERITS (p);\nALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n";

        var plan = TestPlanner.Plan("UPDATE t SET a = 1;\n", schema);

        Assert.Contains(plan.Steps, s => s.Sql.Contains("\"id\"", StringComparison.Ordinal) || s.Sql.Contains(" id ", StringComparison.Ordinal));
    }
}
