using System.Collections.Immutable;
using Migplan.IntegrationTests.Support;
using Migplan.Planning;
using Migplan.Sql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// The names migplan gives unnamed constraints and indexes are PostgreSQL 15's own: the change is run as written
/// on one database and as planned (every generated script, with psql) on another, both from the same schema, and
/// the constraint and index names of the two must be the same. A helper object of the plan (the NOT NULL check)
/// must leave no trace and take nothing of the user's.
/// </summary>
public sealed class NamingFacts(PgServer server) : PgTest(server)
{
    private const string Schema = "CREATE TABLE t (id bigint PRIMARY KEY, n int, m int, c int);\nINSERT INTO t SELECT g, g, g, g FROM generate_series(1, 50) g;\n";

    private const string NamesQuery =
        "SELECT coalesce(string_agg(name, ' ' ORDER BY name COLLATE \"C\"), '') FROM (" +
        "SELECT c.conname::text AS name FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace " +
        "UNION ALL SELECT 'index:' || i.relname FROM pg_class i WHERE i.relkind = 'i' AND i.relnamespace = 'public'::regnamespace) names";

    [Fact]
    public Task TwoUnnamedChecksOnOneColumn_AreNamedLikePostgreSQL() =>
        AssertSameNamesAsync(Schema, "ALTER TABLE t ADD CHECK (n > 0), ADD CHECK (n < 100);\nALTER TABLE t ADD CHECK (n <> -7);\nALTER TABLE t ADD CHECK (n <= m);\n");

    [Fact]
    public Task SecondUnnamedIndexOnAColumn_AndIndexesOnExpressions_AreNamedLikePostgreSQL() =>
        AssertSameNamesAsync(Schema, """
            CREATE INDEX ON t (n);
            CREATE INDEX ON t (n);
            CREATE INDEX ON t (lower(n::text));
            CREATE INDEX ON t ((n + m));
            CREATE INDEX ON t (((n + 1)::bigint), (m));
            CREATE INDEX ON t (n, n);
            CREATE INDEX ON t (n) INCLUDE (m);
            CREATE INDEX ON t ((CASE WHEN n > 0 THEN 1 END));
            CREATE INDEX ON t ((n::text COLLATE "C"));

            """);

    [Fact]
    public Task ColumnsAddedWithUnnamedConstraints_AndExclusionConstraints_AreNamedLikePostgreSQL() =>
        AssertSameNamesAsync(Schema, """
            ALTER TABLE t ADD COLUMN z bigint UNIQUE CHECK (z > 0) REFERENCES t (id), ADD COLUMN r int4range;
            ALTER TABLE t ADD EXCLUDE USING gist (r WITH &&);
            ALTER TABLE t ADD EXCLUDE USING gist (int4range(n, n + 1) WITH &&, (r) range_ops WITH =);

            """);

    [Fact]
    public Task NamesThatAreTaken_ByARelationOrAConstraintOfTheSchema_AreNumberedLikePostgreSQL() =>
        AssertSameNamesAsync(
            Schema + "CREATE TABLE t_n_idx (x int);\nCREATE TABLE other (x int CONSTRAINT t_m_key CHECK (x > 0), CONSTRAINT t_n_check CHECK (x < 9));\nCREATE INDEX t_c_key ON other (x);\n",
            "CREATE INDEX ON t (n);\nALTER TABLE t ADD UNIQUE (m);\nALTER TABLE t ADD CHECK (n > 0);\nALTER TABLE t ADD UNIQUE (c);\n");

    [Fact]
    public Task NewTableWithUnnamedConstraintsOfEveryKind_IsNamedLikePostgreSQL() =>
        AssertSameNamesAsync(Schema, """
            CREATE TABLE child (
                id int PRIMARY KEY,
                t_id bigint REFERENCES t,
                n int CHECK (n > 0) UNIQUE,
                m int CHECK (m > n),
                CHECK (n < 10),
                UNIQUE (n, t_id),
                FOREIGN KEY (t_id) REFERENCES t (id)
            );

            """);

    [Fact]
    public Task LongAndMultibyteNames_AreTruncatedPerPartLikePostgreSQL()
    {
        string table = "t" + new string('a', 40) + "😀😀😀"; // 41 + 12 bytes
        string column = "c" + new string('b', 30) + "é€😀"; // 31 + 9 bytes
        string longTable = new('x', 63);
        string change = $"""
            CREATE TABLE "{table}" ("{column}" int PRIMARY KEY, "{column}2" int UNIQUE, CHECK ("{column}" > 0));
            CREATE INDEX ON "{table}" ("{column}", "{column}2");
            CREATE TABLE "{longTable}" (a int UNIQUE, "{column}" int UNIQUE, b int);
            ALTER TABLE "{longTable}" ADD UNIQUE ("{column}", a, b);
            ALTER TABLE "{longTable}" ADD UNIQUE (a, "{column}", b);

            """;
        return AssertSameNamesAsync(Schema, change);
    }

    [Fact]
    public async Task NotNullHelper_NeverTakesOverAUsersConstraintOfTheSameName()
    {
        string schema = Schema + "ALTER TABLE t ADD CONSTRAINT t_c_not_null CHECK (c > 0);\n";

        string names = await AssertSameNamesAsync(schema, "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n");

        Assert.Contains("t_c_not_null", names.Split(' '));
        Assert.DoesNotContain("t_c_not_null1", names.Split(' '));
    }

    [Fact]
    public async Task NotNullHelper_WhenTheDatabaseHasAConstraintOfItsNameTheSchemaDidNotShow_StopsAndLeavesItAlone()
    {
        await RunOkAsync(new PsqlRunner(Db.ConnectionString), Schema + "ALTER TABLE t ADD CONSTRAINT t_c_not_null CHECK (c > 0);\n", "the schema");
        var inputs = new PlanInputs([new SourceText("change.sql", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n")], [new SourceText("schema.sql", Schema)], null, ImmutableArray<Migplan.Plans.InputArtifact>.Empty, "sha256:test");
        var plan = Planner.Plan(inputs, new PlanOptions()).Plan!;
        var psql = new PsqlRunner(Db.ConnectionString);

        var add = plan.Steps.Single(s => s.TitleText().StartsWith("Add NOT VALID check t_c_not_null", StringComparison.Ordinal));
        var result = await psql.RunSqlAsync(Migplan.Rendering.SqlScripts.Forward(add), Ct);
        var drop = plan.Steps.Single(s => s.TitleText().StartsWith("Drop helper check", StringComparison.Ordinal));
        var dropResult = await psql.RunSqlAsync(Migplan.Rendering.SqlScripts.Forward(drop), Ct);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("is not the helper check this plan adds", result.StdErr, StringComparison.Ordinal);
        Assert.True(dropResult.Succeeded, dropResult.ToString());
        Assert.Equal("CHECK ((c > 0))", await Db.ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 't_c_not_null'", Ct));
    }

    [Fact]
    public async Task Backfill_ByACompositeKeyWithParenthesesAndLongSimilarNames_UpdatesEveryRow()
    {
        string k1 = new string('k', 62) + "1";
        string k2 = new string('k', 62) + "2";
        string schema = $"""
            CREATE TABLE keyed ("user(id)" int, "{k1}" int, "{k2}" int, v int, PRIMARY KEY ("user(id)", "{k1}", "{k2}"));
            INSERT INTO keyed SELECT g / 7, g % 7, g % 3, NULL FROM generate_series(1, 500) g;

            """;

        await AssertSameNamesAsync(schema, "UPDATE keyed SET v = 1;\n", batchSize: 40);

        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM keyed WHERE v IS DISTINCT FROM 1", Ct));
    }

    /// <summary>Runs the change as written on a second database and as planned on <see cref="PgTest.Db"/>; returns the planned names.</summary>
    private async Task<string> AssertSameNamesAsync(string schema, string change, int batchSize = 10_000)
    {
        await using var naive = await Server.CreateScratchDatabaseAsync(Ct);
        await RunOkAsync(new PsqlRunner(naive.ConnectionString), schema + change, "the change as written");
        string expected = await naive.ScalarAsync<string>(NamesQuery, Ct);

        await RunOkAsync(new PsqlRunner(Db.ConnectionString), schema, "the schema");
        var inputs = new PlanInputs([new SourceText("change.sql", change)], [new SourceText("schema.sql", schema)], null, ImmutableArray<Migplan.Plans.InputArtifact>.Empty, "sha256:test");
        var outcome = Planner.Plan(inputs, new PlanOptions { Project = "naming", BatchSize = batchSize });
        Assert.True(outcome.Plan is not null, string.Join("\n", outcome.Errors));
        string dir = Path.Combine(Path.GetTempPath(), $"migplan-naming-{Guid.NewGuid():N}");
        try
        {
            await Migplan.Rendering.PlanWriter.WriteAsync(outcome.Plan, dir, Ct);
            var psql = new PsqlRunner(Db.ConnectionString);
            foreach (string script in Directory.GetFiles(Path.Combine(dir, "sql"), "*.sql").Order(StringComparer.Ordinal))
            {
                var result = await psql.RunFileAsync(script, Ct);
                Assert.True(result.Succeeded, $"{Path.GetFileName(script)} failed: {result}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        string actual = await Db.ScalarAsync<string>(NamesQuery, Ct);
        Assert.Equal(expected, actual);
        return actual;
    }

    private async Task RunOkAsync(PsqlRunner psql, string sql, string what)
    {
        var result = await psql.RunSqlAsync(sql, Ct);
        Assert.True(result.Succeeded, $"{what} failed: {result}");
    }
}
