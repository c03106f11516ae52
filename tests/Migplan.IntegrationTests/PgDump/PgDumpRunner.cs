using System.Diagnostics;
using System.Globalization;
using System.Text;
using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.PgDump;

/// <summary>
/// Runs the real <c>pg_dump --schema-only --no-owner</c> of a database. Like <see cref="PsqlRunner"/>,
/// the connection goes through PGHOST/PGPORT/PGUSER/PGDATABASE (and a private PGPASSFILE when the
/// connection string has a password), never through the command line.
/// </summary>
public sealed class PgDumpRunner(string connectionString)
{
    private readonly NpgsqlConnectionStringBuilder connection = new(connectionString);

    /// <summary><c>$MIGPLAN_TEST_PGBIN/pg_dump</c> when it exists, else the PostgreSQL 15 package's, else <c>pg_dump</c> on PATH.</summary>
    public static string PgDumpPath
    {
        get
        {
            var bin = Environment.GetEnvironmentVariable(PgServer.BinVariable);
            foreach (var candidate in new[]
                     {
                         string.IsNullOrWhiteSpace(bin) ? null : Path.Combine(bin, "pg_dump"),
                         "/usr/lib/postgresql/15/bin/pg_dump",
                     })
            {
                if (candidate is not null && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return "pg_dump";
        }
    }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The schema-only dump as pg_dump wrote it; fails the test when pg_dump fails.</summary>
    public async Task<string> SchemaOnlyAsync(CancellationToken cancellationToken)
    {
        var result = await LibpqEnvironment.RunAsync(
            PgDumpPath, ["--schema-only", "--no-owner"], connection, "migplan-tests-pg_dump", Timeout, cancellationToken);
        Assert.True(result.ExitCode == 0, $"{PgDumpPath} --schema-only --no-owner exited {result.ExitCode}:\n{result.StdErr}");
        return result.StdOut;
    }

    /// <summary>
    /// The dump's lines without what changes from one run to the next (the random key of
    /// <c>\restrict</c>/<c>\unrestrict</c>, pg_dump 15.14+), for comparing two dumps of one database.
    /// </summary>
    public static IReadOnlyList<string> ComparableLines(string dump) =>
        [.. dump.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => !l.StartsWith("\\restrict ", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict ", StringComparison.Ordinal))];
}
