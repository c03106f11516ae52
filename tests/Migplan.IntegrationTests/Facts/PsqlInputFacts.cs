using Migplan.IntegrationTests.Support;
using Migplan.Sql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// What psql 15 runs for the inputs migplan refuses in a change (Lexer.CheckPsqlSyntax): each one runs a statement
/// or a value that the text does not show as SQL. And the lookalikes migplan keeps accepting run as written.
/// </summary>
public sealed class PsqlInputFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.ExecuteAsync("CREATE TABLE victim (id int)", Ct);
    }

    [Fact]
    public async Task BackslashSeparator_EndsTheMetaCommand_AndPsqlRunsTheRestOfTheLine()
    {
        const string script = "\\echo checking \\\\ DROP TABLE victim;\n";
        Assert.True(RefusedByMigplan(script));

        var result = await Psql().RunSqlAsync(script, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(await VictimExistsAsync());
    }

    [Fact]
    public async Task MetaCommandAfterSql_OnOneLine_RunsAShellCommand()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"migplan-marker-{Guid.NewGuid():N}");
        string script = $"SELECT 1 \\! touch {marker}\n";
        Assert.True(RefusedByMigplan(script));
        try
        {
            var result = await Psql().RunSqlAsync(script, Ct);

            Assert.True(result.Succeeded, result.ToString());
            Assert.True(File.Exists(marker), "psql did not run the shell command");
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task VariableReference_IsReplacedByPsql()
    {
        const string script = "CREATE TABLE seen AS SELECT :'DBNAME'::text AS v;\n";
        Assert.True(RefusedByMigplan(script));

        var result = await Psql().RunSqlAsync(script, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(Db.Name, await Db.ScalarAsync<string>("SELECT v FROM seen", Ct));
    }

    [Fact]
    public async Task LoneCarriageReturn_EndsADashDashComment_AndPsqlRunsWhatFollows()
    {
        const string script = "SELECT 1; -- harmless note\rDROP TABLE victim;\n";
        Assert.True(RefusedByMigplan(script));

        var result = await Psql().RunSqlAsync(script, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.False(await VictimExistsAsync());
    }

    [Fact]
    public async Task NulCharacter_MakesPsqlDropTheRestOfTheLine()
    {
        await Db.ExecuteAsync("INSERT INTO victim VALUES (1)", Ct);
        const string script = "DELETE FROM victim WHERE id = 1\0 AND false\n;\n";
        Assert.True(RefusedByMigplan(script));

        var result = await Psql().RunSqlAsync(script, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM victim", Ct));
    }

    [Fact]
    public async Task Lookalikes_MigplanAccepts_RunAsWritten()
    {
        const string script = """
            CREATE TABLE seen AS SELECT (ARRAY[1,2,3])[2 : 3] AS slice, E'a\\b' AS e, 'c\d' AS s, 1::text AS cast_,
                $$ \! touch /nonexistent/x :USER $$ AS d;

            """;
        Assert.False(RefusedByMigplan(script));

        var result = await Psql().RunSqlAsync(script, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("{2,3}|a\\b|c\\d|1| \\! touch /nonexistent/x :USER ",
            await Db.ScalarAsync<string>("SELECT slice::text || '|' || e || '|' || s || '|' || cast_ || '|' || d FROM seen", Ct));
    }

    private static bool RefusedByMigplan(string script) =>
        SqlParser.Parse(new SourceText("change.sql", script)).HasErrors;

    private PsqlRunner Psql() => new(Db.ConnectionString);

    private async Task<bool> VictimExistsAsync() =>
        await Db.ScalarAsync<bool>("SELECT to_regclass('public.victim') IS NOT NULL", Ct);
}
