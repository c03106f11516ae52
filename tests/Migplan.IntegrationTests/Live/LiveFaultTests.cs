using Migplan.IntegrationTests.Support;
using Migplan.Tests.Cli;

namespace Migplan.IntegrationTests.Live;

/// <summary>
/// Faults while reading the server: one line <c>migplan: cannot read the schema from host:port/db: reason</c>,
/// exit 2, no --out written, and never the password (a distinctive one is searched for in stdout and stderr).
/// </summary>
public sealed class LiveFaultTests(PgServer server) : PgTest(server)
{
    private const string Password = "Xy7-distinctive-pw-4q";
    private readonly TempDir _work = new();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await File.WriteAllTextAsync(_work.Combine("change.sql"), "ALTER TABLE items ADD COLUMN note text;\n", Ct);
        await Db.ExecuteAsync("CREATE TABLE items (id bigint PRIMARY KEY, name text);", Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await base.DisposeAsync();
    }

    private void AssertFault(CliResult result, string server, string reason)
    {
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"migplan: cannot read the schema from {server}: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("password=", result.StdOut + result.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.False(Directory.Exists(_work.Combine("out")), "nothing is written");
    }

    [Fact]
    public async Task WrongPassword_Exit2_NamesTheServer_NeverThePassword()
    {
        string role = Environment.GetEnvironmentVariable("MIGPLAN_TEST_PASSWORD_ROLE") ?? string.Empty;
        Assert.True(role.Length > 0, "MIGPLAN_TEST_PASSWORD_ROLE is not set: run ./test.sh, which lets that role sign in with a password");
        await LiveConn.AdminAsync(Server,
            $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN PASSWORD 'the-right-one'; END IF; END $$;", Ct);

        var viaConn = await LiveConn.RunAsync(_work.Path, null, "plan", "change.sql", "--conn", LiveConn.For(Db, user: role, password: Password), "--out", "out");
        AssertFault(viaConn, LiveConn.Server(Db), "password authentication failed");

        var viaUri = await LiveConn.RunAsync(_work.Path, null, "plan", "change.sql", "--conn",
            $"postgresql://{role}:{Uri.EscapeDataString(Password)}@{LiveConn.Server(Db)}?sslmode=disable", "--out", "out");
        AssertFault(viaUri, LiveConn.Server(Db), "password authentication failed");

        var viaEnvironment = await LiveConn.RunAsync(_work.Path, new Dictionary<string, string?> { ["PGPASSWORD"] = Password }, "plan", "change.sql", "--conn", LiveConn.For(Db, user: role), "--out", "out");
        AssertFault(viaEnvironment, LiveConn.Server(Db), "password authentication failed");
    }

    [Fact]
    public async Task UnreachablePort_Exit2()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var result = await LiveConn.RunAsync(_work.Path, null, "plan", "change.sql", "--conn", LiveConn.For(Db, password: Password, port: port), "--out", "out");
        AssertFault(result, LiveConn.Server(Db, port: port), "Connection refused");
    }

    [Fact]
    public async Task MissingDatabase_Exit2()
    {
        var result = await LiveConn.RunAsync(_work.Path, null, "plan", "change.sql", "--conn", LiveConn.For(Db, database: "no_such_db_here", password: Password), "--out", "out");
        AssertFault(result, LiveConn.Server(Db, database: "no_such_db_here"), "database \"no_such_db_here\" does not exist");
    }

    [Fact]
    public async Task TimeoutDuringIntrospection_Exit2()
    {
        // Another session holds ACCESS EXCLUSIVE on a table: reading its size waits, and the timeout ends the reading.
        await using var blocker = await Db.OpenSessionAsync(Ct);
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE;";
            await begin.ExecuteNonQueryAsync(Ct);
        }

        var result = await LiveConn.RunAsync(_work.Path, new Dictionary<string, string?> { ["MIGPLAN_INTROSPECT_TIMEOUT_MS"] = "300" },
            "plan", "change.sql", "--conn", LiveConn.For(Db, password: Password), "--out", "out");
        AssertFault(result, LiveConn.Server(Db), "timeout");
        Assert.Matches("canceling statement due to (lock|statement) timeout \\(SQLSTATE (55P03|57014)\\)", result.StdErr);
    }

    [Fact]
    public async Task PgVersionDisagreeingWithTheServer_Exit2_NamesBoth()
    {
        var result = await LiveConn.RunAsync(_work.Path, null, "plan", "change.sql", "--conn", LiveConn.For(Db), "--pg-version", "13", "--out", "out");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"migplan plan: --pg-version 13 disagrees with {LiveConn.Server(Db)}, which runs PostgreSQL 15: drop --pg-version or connect to a server of that version\n", result.StdErr);
        Assert.False(Directory.Exists(_work.Combine("out")));

        var agreeing = await LiveConn.RunAsync(_work.Path, null, "plan", "change.sql", "--conn", LiveConn.For(Db), "--pg-version", "15", "--out", "out");
        Assert.True(agreeing.ExitCode == 0, agreeing.ToString());
    }
}
