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
        string? passFile = null;
        try
        {
            var start = new ProcessStartInfo(PsqlPath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var arg in new[] { "-X", "-v", "ON_ERROR_STOP=1" })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in variables ?? new Dictionary<string, string>())
            {
                start.ArgumentList.Add("-v");
                start.ArgumentList.Add($"{name}={value}");
            }

            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(path);
            passFile = ConfigureEnvironment(start.Environment);

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"Could not start {PsqlPath}.");
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

            return new PsqlResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (passFile is not null)
            {
                File.Delete(passFile);
            }
        }
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

    /// <summary>Sets the libpq variables; returns the password file to delete, if one was written.</summary>
    private string? ConfigureEnvironment(IDictionary<string, string?> environment)
    {
        // Inherited libpq settings must not redirect the run elsewhere.
        foreach (var key in environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(key);
        }

        var host = connection.Host ?? "localhost";
        environment["PGHOST"] = host;
        environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        environment["PGDATABASE"] = connection.Database ?? "postgres";
        if (connection.Username is { } user)
        {
            environment["PGUSER"] = user;
        }

        environment["PGAPPNAME"] = "migplan-tests-psql";
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
            writer.Write($"*:*:*:*:{EscapePassFileField(connection.Password)}\n");
        }

        environment["PGPASSFILE"] = passFile;
        return passFile;
    }

    private static string EscapePassFileField(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);
}
