using Npgsql;

namespace Migplan.Verify;

/// <summary>One row of <c>pg_locks</c> on a relation, as read: its oid, its name when the reader can see it, the mode.</summary>
/// <param name="Schema">pg_namespace.nspname, or null when the relation's pg_class row is not visible to the reader.</param>
/// <param name="PgMode">pg_locks.mode as the server spells it (<c>AccessExclusiveLock</c>; also <c>SIReadLock</c>).</param>
public sealed record RelationLock(uint Oid, string? Schema, string? Name, char Kind, string PgMode, bool Granted)
{
    /// <summary>pg_locks.virtualtransaction: the transaction holding it (a batch that commits starts another one).</summary>
    public string? Transaction { get; init; }

    /// <summary>The mode in the plan's terms; null for a serializable predicate lock (it conflicts with nothing).</summary>
    public LockMode? Mode => PgLocks.Parse(PgMode);
}

/// <summary>Reads the relation locks of one backend from <c>pg_locks</c>, and names the modes as plans do.</summary>
public static class PgLocks
{
    /// <summary>
    /// The relation locks of backend <c>$1</c> in the current database, with the relation's schema, name and kind when
    /// the reading session can see its pg_class row (inside the locking transaction, its new relations too).
    /// </summary>
    public const string OfPidSql = """
        SELECT l.relation, n.nspname, c.relname, coalesce(c.relkind::text, '?'), l.mode, l.granted, l.virtualtransaction
          FROM pg_catalog.pg_locks l
          LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation
          LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE l.pid = $1
           AND l.locktype = 'relation'
           AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
        """;

    /// <summary>Schemas whose relations are the system's: their locks are not the plan's to declare.</summary>
    public static bool IsSystemSchema(string schema) =>
        schema is "pg_catalog" or "information_schema" or "pg_toast" || schema.StartsWith("pg_temp", StringComparison.Ordinal) || schema.StartsWith("pg_toast_temp", StringComparison.Ordinal);

    /// <summary>Reads the relation locks of backend <paramref name="pid"/> through <paramref name="reader"/> (which may be that backend itself).</summary>
    public static async Task<List<RelationLock>> OfPidAsync(NpgsqlConnection reader, int pid, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(OfPidSql, reader);
        command.Parameters.AddWithValue(pid);
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var locks = new List<RelationLock>();
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            locks.Add(new RelationLock(
                rows.GetFieldValue<uint>(0),
                rows.IsDBNull(1) ? null : rows.GetString(1),
                rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.GetString(3)[0],
                rows.GetString(4),
                rows.GetBoolean(5))
            {
                Transaction = rows.IsDBNull(6) ? null : rows.GetString(6),
            });
        }

        return locks;
    }

    /// <summary>A <c>pg_locks.mode</c> value (<c>AccessExclusiveLock</c>) as a plan's mode; null for <c>SIReadLock</c>.</summary>
    public static LockMode? Parse(string mode) => mode switch
    {
        "SIReadLock" => null,
        "AccessShareLock" => LockMode.AccessShare,
        "RowShareLock" => LockMode.RowShare,
        "RowExclusiveLock" => LockMode.RowExclusive,
        "ShareUpdateExclusiveLock" => LockMode.ShareUpdateExclusive,
        "ShareLock" => LockMode.Share,
        "ShareRowExclusiveLock" => LockMode.ShareRowExclusive,
        "ExclusiveLock" => LockMode.Exclusive,
        "AccessExclusiveLock" => LockMode.AccessExclusive,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown pg_locks mode."),
    };

    /// <summary>True for the modes that block writes (SHARE and stronger): what "a strong lock" means in a report.</summary>
    public static bool IsStrong(LockMode mode) => mode >= LockMode.Share;
}
