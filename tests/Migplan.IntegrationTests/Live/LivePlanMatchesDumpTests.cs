using Migplan.IntegrationTests.PgDump;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Live;

/// <summary>
/// The README's example loaded into a database with rows: <c>plan --conn</c> gives the same steps as planning
/// its <c>pg_dump --schema-only</c> with a stats.json of the same pg_class numbers; and a role with only
/// LOGIN, CONNECT and pg_read_all_stats gets that same plan.
/// </summary>
public sealed class LivePlanMatchesDumpTests(PgServer server) : PgTest(server)
{
    private readonly TempDir _work = new();

    public override async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await base.DisposeAsync();
    }

    private async Task LoadExampleAsync()
    {
        string example = Path.Combine(LiveConn.RepoRoot(), "examples", "add-user-email");
        var psql = new PsqlRunner(Db.ConnectionString);
        var loaded = await psql.RunFileAsync(Path.Combine(example, "schema.sql"), Ct);
        Assert.True(loaded.Succeeded, loaded.ToString());
        await Db.ExecuteAsync(
            "INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 6000) g;" +
            "INSERT INTO user_emails (user_id, email) SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 6000, 2) g;" +
            "ANALYZE;", Ct);
        Directory.CreateDirectory(_work.Combine("change"));
        foreach (var name in new[] { "design.md", "change.sql" })
        {
            File.Copy(Path.Combine(example, name), _work.Combine("change", name));
        }
    }

    private static readonly string[] ChangeFiles = [Path.Combine("change", "design.md"), Path.Combine("change", "change.sql")];

    [Fact]
    public async Task PlanConn_OnTheExampleWithRows_GivesTheStepsOfItsPgDumpPlusStats()
    {
        await LoadExampleAsync();
        await File.WriteAllTextAsync(_work.Combine("schema.sql"), await new PgDumpRunner(Db.ConnectionString).SchemaOnlyAsync(Ct), Ct);
        await File.WriteAllTextAsync(_work.Combine("stats.json"), await LiveConn.StatsJsonAsync(Db, Ct), Ct);

        var fromDump = await LiveConn.RunAsync(_work.Path, null, ["plan", .. ChangeFiles, "--schema", "schema.sql", "--stats", "stats.json", "--project", "example", "--out", "dump-plan"]);
        Assert.True(fromDump.ExitCode == 0, fromDump.ToString());
        var fromLive = await LiveConn.RunAsync(_work.Path, null, ["plan", .. ChangeFiles, "--conn", LiveConn.For(Db), "--project", "example", "--out", "live-plan"]);
        Assert.True(fromLive.ExitCode == 0, fromLive.ToString());

        var dumpSteps = LiveConn.ComparableSteps(_work.Combine("dump-plan"));
        Assert.True(dumpSteps.Count >= 8, $"the example plans to {dumpSteps.Count} steps");
        Assert.Equal(dumpSteps, LiveConn.ComparableSteps(_work.Combine("live-plan")));
        Assert.Equal(LiveConn.Scripts(_work.Combine("dump-plan")), LiveConn.Scripts(_work.Combine("live-plan")));

        // The sizes are the same numbers, said to come from the server; no default is assumed.
        string md = await File.ReadAllTextAsync(_work.Combine("live-plan", "migration-plan.md"), Ct);
        Assert.Contains("| `public.users` | 6,000 |", md, StringComparison.Ordinal);
        Assert.Contains("live server", md, StringComparison.Ordinal);
        Assert.DoesNotContain("No stats for", md, StringComparison.Ordinal);
        Assert.DoesNotContain("No --stats were given", md, StringComparison.Ordinal);
        Assert.Contains($"Sizes read from the live server {LiveConn.Server(Db)}", md, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL 15, read from the server", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinimalRole_WithConnectAndPgReadAllStatsOnly_GetsTheSuperusersPlan()
    {
        await LoadExampleAsync();
        string role = "migplan_ro_" + Guid.NewGuid().ToString("N")[..10];
        string outsider = "migplan_no_" + Guid.NewGuid().ToString("N")[..10];
        await LiveConn.AdminAsync(Server, $"CREATE ROLE {role} LOGIN; CREATE ROLE {outsider} LOGIN; GRANT pg_read_all_stats TO {role}; " +
            $"REVOKE CONNECT ON DATABASE {Db.Name} FROM PUBLIC; GRANT CONNECT ON DATABASE {Db.Name} TO {role};", Ct);
        try
        {
            Assert.False(await Db.ScalarAsync<bool>($"SELECT has_table_privilege('{role}', 'public.users', 'SELECT')", Ct), "the role must not read the tables");
            var asSuperuser = await LiveConn.RunAsync(_work.Path, null, ["plan", .. ChangeFiles, "--conn", LiveConn.For(Db), "--project", "example", "--out", "super-plan"]);
            Assert.True(asSuperuser.ExitCode == 0, asSuperuser.ToString());
            var asRole = await LiveConn.RunAsync(_work.Path, null, ["plan", .. ChangeFiles, "--conn", LiveConn.For(Db, user: role), "--project", "example", "--out", "role-plan"]);
            Assert.True(asRole.ExitCode == 0, asRole.ToString());
            Assert.Equal(LiveConn.ComparableSteps(_work.Combine("super-plan")), LiveConn.ComparableSteps(_work.Combine("role-plan")));
            Assert.Equal(
                await File.ReadAllTextAsync(_work.Combine("super-plan", "migration-plan.md"), Ct),
                await File.ReadAllTextAsync(_work.Combine("role-plan", "migration-plan.md"), Ct));

            // Missing privilege: a role without CONNECT is refused in one line naming the server, and nothing is written.
            var refused = await LiveConn.RunAsync(_work.Path, null, ["plan", .. ChangeFiles, "--conn", LiveConn.For(Db, user: outsider), "--out", "outsider-plan"]);
            Assert.Equal(2, refused.ExitCode);
            string line = Assert.Single(refused.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"migplan: cannot read the schema from {LiveConn.Server(Db)}: permission denied for database", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_work.Combine("outsider-plan")));
        }
        finally
        {
            await LiveConn.AdminAsync(Server, $"REVOKE CONNECT ON DATABASE {Db.Name} FROM {role}; DROP ROLE {role}; DROP ROLE {outsider};", CancellationToken.None);
        }
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("migplan-live-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
