using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>
/// Rollbacks that cannot undo their step stop unless the operator turns on migplan.accept_data_loss. Tests that run
/// every rollback run them as an operator does: the stop must happen (psql exit 3, naming the setting), then the
/// script runs again with <c>PGOPTIONS='-c migplan.accept_data_loss=on'</c>.
/// </summary>
public static class RollbackStops
{
    public const string Setting = "migplan.accept_data_loss";

    /// <summary>True when the rollback script holds the stop (it has something to do by hand).</summary>
    public static bool Stops(string script) => File.ReadAllText(script).Contains($"pg_catalog.current_setting('{Setting}', true)", StringComparison.Ordinal);

    /// <summary>A psql runner whose sessions have the setting on, through PGOPTIONS.</summary>
    public static PsqlRunner Accepting(string connectionString, TimeSpan? timeout = null) =>
        new(new NpgsqlConnectionStringBuilder(connectionString) { Options = $"-c {Setting}=on" }.ConnectionString) { Timeout = timeout ?? TimeSpan.FromMinutes(1) };

    /// <summary>Runs the rollback: one that stops must stop first (exit 3), then it runs with the loss accepted.</summary>
    public static async Task<PsqlResult> RunAsync(string connectionString, string script, CancellationToken ct)
    {
        var psql = new PsqlRunner(connectionString);
        if (!Stops(script))
        {
            return await psql.RunFileAsync(script, ct);
        }

        var stopped = await psql.RunFileAsync(script, ct);
        Assert.True(stopped.ExitCode == 3 && stopped.StdErr.Contains(Setting, StringComparison.Ordinal), $"{script} must stop unless {Setting} is on:\n{stopped}");
        return await Accepting(connectionString).RunFileAsync(script, ct);
    }
}
