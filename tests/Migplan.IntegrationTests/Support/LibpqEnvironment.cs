using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>
/// The libpq environment for a client program (psql, pg_dump) started by the tests: PGHOST/PGPORT/
/// PGUSER/PGDATABASE/PGSSLMODE from an Npgsql connection string, and a private 0600 PGPASSFILE when it
/// has a password, so no password ever appears on a command line.
/// </summary>
internal static class LibpqEnvironment
{
    /// <summary>
    /// Runs a libpq client program with these variables, stdin closed, output captured; kills it after
    /// <paramref name="timeout"/>. The password file, if any, is deleted afterwards.
    /// </summary>
    public static async Task<PsqlResult> RunAsync(
        string program, IEnumerable<string> arguments, NpgsqlConnectionStringBuilder connection, string applicationName,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? passFile = null;
        try
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            passFile = Configure(start.Environment, connection, applicationName);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
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

    /// <summary>Sets the libpq variables; returns the password file to delete, if one was written.</summary>
    private static string? Configure(IDictionary<string, string?> environment, NpgsqlConnectionStringBuilder connection, string applicationName)
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

        environment["PGAPPNAME"] = applicationName;
        if (!string.IsNullOrEmpty(connection.Options))
        {
            environment["PGOPTIONS"] = connection.Options; // e.g. -c migplan.accept_data_loss=on, as an operator sets it
        }

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
