using System.Globalization;
using Migplan.Live;
using Migplan.Planning;

namespace Migplan.Cli;

/// <summary>
/// <c>plan --conn</c>: resolves CONN, reads the server, and puts its schema and sizes into the inputs. Every
/// message names the server as host:port/dbname, never the password or the connection string.
/// </summary>
internal static class LiveCommand
{
    /// <summary>For tests: replaces the introspection's statement and lock timeouts (milliseconds).</summary>
    public const string TimeoutVariable = "MIGPLAN_INTROSPECT_TIMEOUT_MS";

    public sealed record Outcome(PlanInputs? Inputs, int? PgVersion, IReadOnlyList<string> Errors);

    public static async Task<Outcome> ReadAsync(string conn, PlanInputs inputs, int? pgVersion, CancellationToken ct)
    {
        var fromDirectory = inputs.Artifacts.Where(a => a.Kind is "schema" or "stats").Select(a => a.Name).ToList();
        if (fromDirectory.Count > 0)
        {
            return Failed($"migplan plan: --conn reads the schema and sizes from the server, but the inputs hold {string.Join(" and ", fromDirectory)}: name the change's files instead of their directory");
        }

        var parsed = ConnectionSpec.Parse(conn);
        if (parsed.Spec is not { } spec)
        {
            return Failed($"migplan plan: --conn: {parsed.Error}");
        }

        foreach (var warning in spec.Warnings)
        {
            Console.Error.WriteLine($"migplan: warning: {warning}");
        }

        int? timeout = Environment.GetEnvironmentVariable(TimeoutVariable) is { Length: > 0 } ms && int.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t > 0 ? t : null;
        var read = await LiveIntrospector.ReadAsync(spec, timeout, ct).ConfigureAwait(false);
        if (read.Snapshot is not { } snapshot)
        {
            return Failed($"migplan: {read.Error}");
        }

        int major = snapshot.Facts.MajorVersion;
        if (pgVersion is { } given && given != major)
        {
            return Failed(string.Create(CultureInfo.InvariantCulture, $"migplan plan: --pg-version {given} disagrees with {spec.Server}, which runs PostgreSQL {major}: drop --pg-version or connect to a server of that version"));
        }

        if (major is < 10 or > 18)
        {
            return Failed(string.Create(CultureInfo.InvariantCulture, $"migplan plan: {spec.Server} runs PostgreSQL {major}: supported versions are 10 to 18"));
        }

        return new Outcome(LiveInputs.With(inputs, snapshot), major, []);
    }

    private static Outcome Failed(string message) => new(null, null, [message]);
}
