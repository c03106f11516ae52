using System.Globalization;
using System.Text.Json;
using Migplan.IntegrationTests.Support;
using Migplan.Tests.Cli;
using Npgsql;

namespace Migplan.IntegrationTests.Live;

/// <summary>Helpers of the plan --conn tests: CONN strings for a scratch database, the CLI, plan.json's steps.</summary>
internal static class LiveConn
{
    /// <summary>key=value CONN for the database as <paramref name="user"/> (default: the test server's user).</summary>
    public static string For(ScratchDatabase db, string? user = null, string? password = null, string? database = null, int? port = null)
    {
        var b = db.CreateConnectionStringBuilder();
        string conn = string.Create(CultureInfo.InvariantCulture, $"host={b.Host} port={port ?? b.Port} dbname={database ?? db.Name} user={user ?? b.Username} sslmode=disable");
        return password is null ? conn : conn + " password='" + password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary><c>host:port/dbname</c> as migplan names the server.</summary>
    public static string Server(ScratchDatabase db, string? database = null, int? port = null)
    {
        var b = db.CreateConnectionStringBuilder();
        return string.Create(CultureInfo.InvariantCulture, $"{b.Host}:{port ?? b.Port}/{database ?? db.Name}");
    }

    public static Task<CliResult> RunAsync(string dir, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        CliRunner.RunAsync(dir, environment ?? new Dictionary<string, string?>(), args);

    /// <summary>What must be equal between two plans of the same change: each step's id, commands, settings, locks and rollback commands.</summary>
    public static List<string> ComparableSteps(string planDir)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(planDir, "plan.json")));
        return [.. json.RootElement.GetProperty("steps").EnumerateArray().Select(s =>
            $"{s.GetProperty("id").GetString()}\n{s.GetProperty("commands").GetRawText()}\n{s.GetProperty("settings").GetRawText()}\n" +
            $"{s.GetProperty("locks").GetRawText()}\n{s.GetProperty("rollback").GetProperty("commands").GetRawText()}")];
    }

    /// <summary>Every script of the plan, forward and rollback, by relative path, with its text.</summary>
    public static SortedDictionary<string, string> Scripts(string planDir) =>
        new(Directory.GetFiles(Path.Combine(planDir, "sql"), "*.sql", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(planDir, f), File.ReadAllText), StringComparer.Ordinal);

    /// <summary>stats.json from the same pg_class numbers the live reading uses.</summary>
    public static async Task<string> StatsJsonAsync(ScratchDatabase db, CancellationToken ct) =>
        await db.ScalarAsync<string>(
            "SELECT json_build_object('tables', json_object_agg(n.nspname || '.' || c.relname, json_build_object(" +
            "'rows', c.reltuples::bigint, 'bytes', pg_relation_size(c.oid), 'indexBytes', pg_indexes_size(c.oid))))::text " +
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public'", ct);

    /// <summary>Runs SQL as the test server's superuser on the maintenance database (roles are cluster-wide).</summary>
    public static async Task AdminAsync(PgServer server, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Migplan.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Migplan.sln above " + AppContext.BaseDirectory);
    }
}
