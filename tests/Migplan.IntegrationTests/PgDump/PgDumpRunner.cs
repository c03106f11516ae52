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
        string? passFile = null;
        try
        {
            var start = new ProcessStartInfo(PgDumpPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add("--schema-only");
            start.ArgumentList.Add("--no-owner");
            passFile = ConfigureEnvironment(start.Environment);

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {PgDumpPath}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var output = await stdout;
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, $"{PgDumpPath} --schema-only --no-owner exited {process.ExitCode}:\n{errors}");
            return output;
        }
        finally
        {
            if (passFile is not null)
            {
                File.Delete(passFile);
            }
        }
    }

    /// <summary>
    /// The dump's lines without what changes from one run to the next (the random key of
    /// <c>\restrict</c>/<c>\unrestrict</c>, pg_dump 15.14+), for comparing two dumps of one database.
    /// </summary>
    public static IReadOnlyList<string> ComparableLines(string dump) =>
        [.. dump.Split('\n').Select(l => l.TrimEnd('\r'))
            .Where(l => !l.StartsWith("\\restrict ", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict ", StringComparison.Ordinal))];

    private string? ConfigureEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }

        environment["PGHOST"] = connection.Host ?? "localhost";
        environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        environment["PGDATABASE"] = connection.Database ?? "postgres";
        if (connection.Username is { } user)
        {
            environment["PGUSER"] = user;
        }

        environment["PGAPPNAME"] = "migplan-tests-pg_dump";
        environment["PGCONNECT_TIMEOUT"] = "10";
        environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        if (string.IsNullOrEmpty(connection.Password))
        {
            return null;
        }

        var passFile = Path.Combine(Path.GetTempPath(), $"migplan-pgpass-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(passFile, new UTF8Encoding(false), options))
        {
            var escaped = connection.Password.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);
            writer.Write($"*:*:*:*:{escaped}\n");
        }

        environment["PGPASSFILE"] = passFile;
        return passFile;
    }
}
