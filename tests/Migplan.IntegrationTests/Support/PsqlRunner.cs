using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>What one psql run gave back.</summary>
public sealed record PsqlResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"psql exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>
/// Runs <c>psql -X -v ON_ERROR_STOP=1 -f FILE</c> against a database. The connection goes
/// to psql through PGHOST/PGPORT/PGUSER/PGDATABASE (and, when the connection string has a
/// password, a private PGPASSFILE), never through the command line.
/// </summary>
public sealed class PsqlRunner
{
    private readonly NpgsqlConnectionStringBuilder connection;

    /// <param name="connectionString">An Npgsql connection string (e.g. <see cref="ScratchDatabase.ConnectionString"/>).</param>
    /// <param name="psqlPath">The psql executable; default: <c>$MIGPLAN_TEST_PGBIN/psql</c> when it exists, else <c>psql</c> on PATH.</param>
    public PsqlRunner(string connectionString, string? psqlPath = null)
    {
        connection = new NpgsqlConnectionStringBuilder(connectionString);
        PsqlPath = psqlPath ?? DefaultPsqlPath();
    }

    public string PsqlPath { get; }

    /// <summary>How long a run may take before psql is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs a script file; <paramref name="variables"/> become <c>-v name=value</c>.</summary>
    public async Task<PsqlResult> RunFileAsync(
        string path, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? variables = null)
    {
        var arguments = new List<string> { "-X", "-v", "ON_ERROR_STOP=1" };
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            arguments.Add("-v");
            arguments.Add($"{name}={value}");
        }

        arguments.Add("-f");
        arguments.Add(path);
        return await LibpqEnvironment.RunAsync(PsqlPath, arguments, connection, "migplan-tests-psql", Timeout, cancellationToken);
    }

    /// <summary>Writes <paramref name="sql"/> to a temporary file and runs it with <see cref="RunFileAsync"/>.</summary>
    public async Task<PsqlResult> RunSqlAsync(
        string sql, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? variables = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"migplan-psql-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, sql, cancellationToken);
        try
        {
            return await RunFileAsync(file, cancellationToken, variables);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string DefaultPsqlPath()
    {
        var bin = Environment.GetEnvironmentVariable(PgServer.BinVariable);
        if (!string.IsNullOrWhiteSpace(bin))
        {
            var candidate = Path.Combine(bin, "psql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "psql";
    }
}
