using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.Support;
using Migplan.Tests.Cli;

namespace Migplan.IntegrationTests.Verify;

/// <summary>
/// verify's bad input and server faults: exit 2, one message naming the file or the server (host:port/dbname, never the
/// password), no report written.
/// </summary>
public sealed class VerifyBadInputTests(PgServer server) : PgTest(server)
{
    private const string Password = "Qz8-verify-distinctive-pw";
    private readonly TempDir _work = new();

    public override async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await base.DisposeAsync();
    }

    private void AssertBadInput(CliResult result, string expectedStart, string plan)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("password=", result.StdOut + result.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(plan, "verify-report.json")), "no report is written");
    }

    private static string Shown(Npgsql.NpgsqlConnectionStringBuilder b, int? port = null) =>
        FormattableString.Invariant($"{b.Host}:{port ?? b.Port}/{b.Database}");

    [Fact]
    public async Task WrongPassword_Exit2_NamesTheServer_NeverThePassword()
    {
        string role = Environment.GetEnvironmentVariable("MIGPLAN_TEST_PASSWORD_ROLE") ?? string.Empty;
        Assert.True(role.Length > 0, "MIGPLAN_TEST_PASSWORD_ROLE is not set: run ./test.sh, which lets that role sign in with a password");
        await LiveConn.AdminAsync(Server,
            $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN PASSWORD 'the-right-one'; END IF; END $$;", Ct);
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Server.AdminConnectionString);
        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server, password: Password, user: role), VerifyRun.ExampleDir);
        AssertBadInput(result, $"migplan verify: cannot connect to {Shown(b)}: ", plan);
        Assert.Contains("password authentication failed", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_Exit2()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Server.AdminConnectionString);
        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server, password: Password, port: port), VerifyRun.ExampleDir);
        AssertBadInput(result, $"migplan verify: cannot connect to {Shown(b, port)}: ", plan);
        Assert.Contains("Connection refused", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPrivilegeToCreateADatabase_Exit2_NothingLeft()
    {
        string role = "migplan_verify_nocreatedb";
        await LiveConn.AdminAsync(Server,
            $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN NOCREATEDB; END IF; END $$;", Ct);
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir, "--project", "nocreatedb");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Server.AdminConnectionString);
        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server, user: role), VerifyRun.ExampleDir);
        AssertBadInput(result, $"migplan verify: cannot verify on {Shown(b)}: permission denied to create database (SQLSTATE 42501)", plan);
        Assert.DoesNotContain(await VerifyRun.ScratchDatabasesAsync(Server, Ct), d => d.StartsWith(VerifyRun.Family(plan), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangedInputFile_Exit2_NamesTheFile()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        string input = Path.Combine(_work.Path, "input");
        Directory.CreateDirectory(input);
        foreach (var f in Directory.GetFiles(VerifyRun.ExampleDir))
        {
            File.Copy(f, Path.Combine(input, Path.GetFileName(f)));
        }

        File.AppendAllText(Path.Combine(input, "schema.sql"), "\nCREATE TABLE extra (id int);\n");
        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), input);
        AssertBadInput(result, $"{Path.Combine(input, "schema.sql")}: differs from the schema file the plan was made from (sha256 ", plan);
    }

    [Fact]
    public async Task Conn_IsRefusedForNow_Exit2()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        var result = await CliRunner.RunAsync(_work.Path, "verify", plan, "--conn", VerifyRun.Scratch(Server, password: Password), "--scratch", VerifyRun.Scratch(Server));
        AssertBadInput(result, "migplan verify: --conn (the start schema from a live server) is not supported yet", plan);
    }
}
