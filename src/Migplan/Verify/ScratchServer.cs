using Migplan.Live;
using Migplan.Sql;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// The server <c>verify --scratch</c> names, and the databases verify makes on it: all named <c>migplan_verify_HASH…</c>
/// (HASH: 12 hex digits of plan.json's sha256), dropped at the end (unless kept) and on failure or cancellation.
/// While a run lasts it holds an advisory lock on its prefix in the maintenance database; databases of the same
/// prefix family that no session is connected to and whose run's lock is free are a crashed run's leftovers,
/// dropped first.
/// </summary>
public sealed class ScratchServer : IAsyncDisposable
{
    /// <summary>Every scratch database's name starts with this.</summary>
    public const string NamePrefix = "migplan_verify_";

    /// <summary>The first key of verify's advisory locks ('mv').</summary>
    private const int LockClass = 0x6d76;

    private readonly ConnectionSpec spec;
    private readonly NpgsqlConnection admin;
    private readonly List<string> created = [];

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

    /// <summary>The databases this run made that still exist.</summary>
    public IReadOnlyList<string> Created => created;

    /// <summary>Connects to <paramref name="spec"/>'s database and takes this run's lock; a <see cref="ServerFault"/> when it cannot.</summary>
    internal static async Task<ScratchServer> OpenAsync(ConnectionSpec spec, string planHash, CancellationToken ct)
    {
        string prefix = NamePrefix + planHash;
        var builder = spec.ToBuilder();
        builder.ApplicationName = "migplan verify";
        var admin = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await admin.OpenAsync(ct).ConfigureAwait(false);
            if (!await TryLockAsync(admin, prefix, ct).ConfigureAwait(false))
            {
                throw new ServerFault($"cannot verify on {spec.Server}: another migplan verify of this plan is running there ({prefix})");
            }

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

    /// <summary>Drops the leftovers of crashed runs (see the class summary); returns their names.</summary>
    public async Task<List<string>> DropLeftoversAsync(CancellationToken ct)
    {
        var candidates = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT d.datname FROM pg_catalog.pg_database d WHERE d.datname LIKE 'migplan\\_verify\\_%' " +
            "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid) ORDER BY 1", admin))
        await using (var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                candidates.Add(rows.GetString(0));
            }
        }

        var dropped = new List<string>();
        foreach (string name in candidates)
        {
            string runPrefix = name.Length >= Prefix.Length ? name[..Prefix.Length] : name;
            bool ours = runPrefix == Prefix;
            if (!ours && !await TryLockAsync(admin, runPrefix, ct).ConfigureAwait(false))
            {
                continue; // a live run of another plan owns it
            }

            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", ct).ConfigureAwait(false);
                dropped.Add(name);
            }
            finally
            {
                if (!ours)
                {
                    await UnlockAsync(runPrefix, ct).ConfigureAwait(false);
                }
            }
        }

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

    /// <summary>Drops every database this run made (in reverse order of creation), even when cancelled.</summary>
    public async Task DropAllAsync()
    {
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

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string prefix, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_catalog.pg_try_advisory_lock($1, pg_catalog.hashtext($2))", connection);
        command.Parameters.AddWithValue(LockClass);
        command.Parameters.AddWithValue(prefix);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
    }

    private async Task UnlockAsync(string prefix, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_catalog.pg_advisory_unlock($1, pg_catalog.hashtext($2))", admin);
        command.Parameters.AddWithValue(LockClass);
        command.Parameters.AddWithValue(prefix);
        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    private static string Quote(string name) => new Identifier(name).Quoted;

    public async ValueTask DisposeAsync() => await admin.DisposeAsync().ConfigureAwait(false);
}
