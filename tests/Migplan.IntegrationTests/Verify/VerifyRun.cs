using System.Text.Json;
using System.Text.Json.Nodes;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.Support;
using Migplan.Tests.Cli;
using Npgsql;

namespace Migplan.IntegrationTests.Verify;

/// <summary>Helpers of the verify tests: a plan written by the CLI, plan.json edited in place, verify run with a scratch CONN.</summary>
internal static class VerifyRun
{
    /// <summary>Plans <paramref name="inputDir"/> with the CLI into <c>DIR/plan</c>; asserts it succeeded.</summary>
    public static async Task<string> PlanAsync(string dir, string inputDir, params string[] extra)
    {
        string planDir = Path.Combine(dir, "plan");
        var result = await CliRunner.RunAsync(dir, ["plan", inputDir, "--out", planDir, .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return planDir;
    }

    /// <summary>key=value CONN of the test server's maintenance database, for --scratch.</summary>
    public static string Scratch(PgServer server, string? password = null, int? port = null, string? user = null)
    {
        var b = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        string conn = FormattableString.Invariant($"host={b.Host} port={port ?? b.Port} dbname={b.Database} user={user ?? b.Username} sslmode=disable");
        return password is null ? conn : conn + " password='" + password + "'";
    }

    /// <summary><c>migplan verify PLAN --scratch CONN --change INPUT</c> (plus <paramref name="extra"/>).</summary>
    public static Task<CliResult> VerifyAsync(string dir, string planDir, string scratch, string inputDir, params string[] extra) =>
        CliRunner.RunAsync(dir, new Dictionary<string, string?>(), ["verify", planDir, "--scratch", scratch, "--change", inputDir, .. extra]);

    /// <summary>Edits plan.json in place: <paramref name="edit"/> gets the step whose id contains <paramref name="fragment"/>.</summary>
    public static void EditStep(string planDir, string fragment, Action<JsonObject> edit)
    {
        string path = Path.Combine(planDir, "plan.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var step = Assert.Single(root["steps"]!.AsArray(), s => s!["id"]!.GetValue<string>().Contains(fragment, StringComparison.Ordinal))!.AsObject();
        edit(step);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>verify-report.json of the plan directory.</summary>
    public static JsonDocument Report(string planDir) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(planDir, "verify-report.json")));

    /// <summary>The names of the databases on the server that start with <c>migplan_verify_</c>.</summary>
    public static async Task<List<string>> ScratchDatabasesAsync(PgServer server, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'migplan\\_verify\\_%' ORDER BY 1", connection);
        await using var rows = await command.ExecuteReaderAsync(ct);
        var names = new List<string>();
        while (await rows.ReadAsync(ct))
        {
            names.Add(rows.GetString(0));
        }

        return names;
    }

    /// <summary>The scratch databases' family of a plan: <c>migplan_verify_</c> and 12 hex digits of plan.json's sha256.</summary>
    public static string Family(string planDir) =>
        "migplan_verify_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(planDir, "plan.json"))))[..12];

    public static Task AdminAsync(PgServer server, string sql, CancellationToken ct) => LiveConn.AdminAsync(server, sql, ct);

    public static string ExampleDir => GeneratedPlan.ExampleDir;
}
