using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SupportTests;

public sealed class PsqlRunnerTests(PgServer server) : PgTest(server)
{
    [Fact]
    public async Task RunSql_ConnectsToScratchDatabaseThroughEnvironment()
    {
        var result = await new PsqlRunner(Db.ConnectionString).RunSqlAsync(
            "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\nSELECT current_database(), count(*) FROM t;\n", Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains(Db.Name, result.StdOut, StringComparison.Ordinal);
        Assert.Equal(2L, await Db.ScalarAsync<long>("SELECT count(*) FROM t", Ct));
    }

    [Fact]
    public async Task RunFile_StopsAtFirstError_WithExitCode3()
    {
        var file = Path.Combine(Path.GetTempPath(), $"migplan-test-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, "CREATE TABLE a (id int);\nSELECT 1/0;\nCREATE TABLE b (id int);\n", Ct);
        try
        {
            var result = await new PsqlRunner(Db.ConnectionString).RunFileAsync(file, Ct);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("division by zero", result.StdErr, StringComparison.Ordinal);
            Assert.Equal(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b')", Ct));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RunSql_PassesVariables()
    {
        var result = await new PsqlRunner(Db.ConnectionString).RunSqlAsync(
            "SELECT :'greeting' AS said;\n", Ct, new Dictionary<string, string> { ["greeting"] = "hello migplan" });

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("hello migplan", result.StdOut, StringComparison.Ordinal);
    }
}
