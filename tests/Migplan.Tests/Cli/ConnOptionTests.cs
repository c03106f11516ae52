using System.Net;
using System.Net.Sockets;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary><c>plan --conn</c> refusals that need no server: one source of schema and sizes, a readable CONN, a reachable server.</summary>
public sealed class ConnOptionTests
{
    private const string Secret = "Zq9-never-print-me";

    private static TempDirectory Case()
    {
        var dir = new TempDirectory("migplan-conn");
        dir.Write("change.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        dir.Write("schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        dir.Write("stats.json", "{\"tables\": {\"public.users\": {\"rows\": 1}}}\n");
        return dir;
    }

    private static void AssertRefused(CliResult result, TempDirectory dir, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")), "nothing is written");
    }

    [Fact]
    public async Task ConnWithSchema_Exit2_GiveOne()
    {
        using var dir = Case();
        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--conn", "host=127.0.0.1", "--schema", "schema.sql", "--out", "out");
        AssertRefused(result, dir, "--conn and --schema both give the schema");
    }

    [Fact]
    public async Task ConnWithStats_Exit2_GiveOneSourceOfSizes()
    {
        using var dir = Case();
        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--conn", "host=127.0.0.1", "--stats", "stats.json", "--out", "out");
        AssertRefused(result, dir, "give one source of sizes");
    }

    [Fact]
    public async Task ConnWithADirectoryHoldingSchemaAndStats_Exit2_NamesThem()
    {
        using var dir = Case();
        var result = await CliRunner.RunAsync(dir.Path, "plan", ".", "--conn", "host=127.0.0.1", "--out", "out");
        AssertRefused(result, dir, "the inputs hold schema.sql and stats.json");
    }

    [Fact]
    public async Task UnknownConnKey_Exit2_NamesTheKey_NotTheSecret()
    {
        using var dir = Case();
        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--conn", $"host=127.0.0.1 password={Secret} sslkey={Secret}", "--out", "out");
        AssertRefused(result, dir, "--conn: unknown connection option \"sslkey\"");
    }

    [Fact]
    public async Task UnreachableServer_Exit2_OneLineNamingHostPortAndDatabase_NoPassword()
    {
        using var dir = Case();
        int port = ClosedPort();
        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--conn", $"postgresql://someone:{Secret}@127.0.0.1:{port}/shop?connect_timeout=5", "--out", "out");
        AssertRefused(result, dir, $"migplan: cannot read the schema from 127.0.0.1:{port}/shop: ");
    }

    /// <summary>A local port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
