using Migplan.Live;
using Migplan.Sql;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// The server <c>verify --scratch</c> names, and the databases verify makes on it: all named <c>migplan_verify_HASH…</c>
/// (HASH: 12 hex digits of plan.json's sha256; the run's "family"), dropped at the end (unless kept) and on failure or
/// cancellation. While a run lasts, a session of it stays connected to its family's <c>…_live</c> database, so a family
/// none of whose databases has a session is a crashed run's leftovers: dropped first by the next run (whatever
/// database each run connects to first: the marker is a connection, seen in pg_stat_activity server-wide).
/// </summary>
public sealed class ScratchServer : IAsyncDisposable
{
    /// <summary>Every scratch database's name starts with this.</summary>
    public const string NamePrefix = "migplan_verify_";

    /// <summary>The suffix of the database a run stays connected to while it lasts.</summary>
    public const string LiveSuffix = "_live";

    private readonly ConnectionSpec spec;
    private readonly NpgsqlConnection admin;
    private readonly List<string> created = [];
    private NpgsqlConnection? holder;

    private ScratchServer(ConnectionSpec spec, NpgsqlConnection admin, string prefix)
    {
        this.spec = spec;
        this.admin = admin;
        Prefix = prefix;
    }

    /// <summary><c>migplan_verify_HASH</c>: this run's start database; the copies add a suffix.</summary>
    public string Prefix { get; }

    /// <summary>The server, as messages name it.</summary>
    public string Server => spec.Server;

    /// <summary>The server's version (<c>15.4</c>).</summary>
    public string Version => admin.PostgreSqlVersion.ToString();

    /// <summary>The server's major version (15).</summary>
    public int MajorVersion => admin.PostgreSqlVersion.Major;

    /// <summary>The databases this run made that still exist.</summary>
    public IReadOnlyList<string> Created => created;

    /// <summary>Connects to <paramref name="spec"/>'s database; a <see cref="ServerFault"/> when it cannot.</summary>
    internal static async Task<ScratchServer> OpenAsync(ConnectionSpec spec, string planHash, CancellationToken ct)
    {
        string prefix = NamePrefix + planHash;
        var builder = spec.ToBuilder();
        builder.ApplicationName = "migplan verify";
        var admin = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await admin.OpenAsync(ct).ConfigureAwait(false);
            return new ScratchServer(spec, admin, prefix);
        }
        catch (Exception e) when (ServerFault.IsServerError(e))
        {
            await admin.DisposeAsync().ConfigureAwait(false);
            throw new ServerFault($"cannot connect to {spec.Server}: {ServerFault.Describe(e)}");
        }
        catch
        {
            await admin.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Drops the leftovers of crashed runs (see the class summary), then marks this run as live: creates its
    /// <c>…_live</c> database and stays connected to it. Returns the names dropped.
    /// </summary>
    internal async Task<List<string>> ClaimAsync(CancellationToken ct)
    {
        var databases = new List<(string Name, bool Connected)>();
        await using (var command = new NpgsqlCommand(
            "SELECT d.datname, EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid) " +
            "FROM pg_catalog.pg_database d WHERE d.datname LIKE 'migplan\\_verify\\_%' ORDER BY 1", admin))
        await using (var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                databases.Add((rows.GetString(0), rows.GetBoolean(1)));
            }
        }

        var dropped = new List<string>();
        foreach (var family in databases.GroupBy(d => d.Name.Length >= Prefix.Length ? d.Name[..Prefix.Length] : d.Name))
        {
            if (family.Any(d => d.Connected))
            {
                continue; // a live run's
            }

            foreach (var (name, _) in family)
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", ct).ConfigureAwait(false);
                dropped.Add(name);
            }
        }

        string live = Prefix + LiveSuffix;
        try
        {
            await ExecuteAsync($"CREATE DATABASE {Quote(live)}", ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            throw new ServerFault($"cannot verify on {spec.Server}: another migplan verify of this plan is running there ({live} exists and is in use)");
        }

        created.Add(live);
        holder = new NpgsqlConnection(For(live, "migplan verify: running").ConnectionString);
        await holder.OpenAsync(ct).ConfigureAwait(false);
        return dropped;
    }

    /// <summary>Creates <c>Prefix + suffix</c>, a copy of <paramref name="template"/> when given (nobody may be connected to it).</summary>
    public async Task<string> CreateAsync(string suffix, string? template, CancellationToken ct)
    {
        string name = Prefix + suffix;
        await ExecuteAsync($"CREATE DATABASE {Quote(name)}" + (template is null ? string.Empty : $" TEMPLATE {Quote(template)}"), ct).ConfigureAwait(false);
        created.Add(name);
        return name;
    }

    /// <summary>Drops one of this run's databases, even when cancelled.</summary>
    public async Task DropAsync(string name)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
        created.Remove(name);
    }

    /// <summary>Drops every database this run made (in reverse order of creation, its live marker last), even when cancelled.</summary>
    public async Task DropAllAsync()
    {
        if (holder is not null)
        {
            await holder.DisposeAsync().ConfigureAwait(false);
            holder = null;
        }

        foreach (string name in created.AsEnumerable().Reverse().ToList())
        {
            await DropAsync(name).ConfigureAwait(false);
        }
    }

    /// <summary>Npgsql settings for one unpooled session on <paramref name="database"/> (holds the password: hand it to Npgsql only).</summary>
    public NpgsqlConnectionStringBuilder For(string database, string applicationName)
    {
        var builder = spec.ToBuilder();
        builder.Database = database;
        builder.ApplicationName = applicationName;
        builder.CommandTimeout = 0;
        return builder;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, admin) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string Quote(string name) => new Identifier(name).Quoted;

    public async ValueTask DisposeAsync()
    {
        if (holder is not null)
        {
            await holder.DisposeAsync().ConfigureAwait(false);
        }

        await admin.DisposeAsync().ConfigureAwait(false);
    }
}
