using System.Collections.Immutable;
using System.Data;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;

namespace Migplan.Live;

/// <summary>
/// Reads a live database for <c>plan --conn</c>: one unpooled session, one READ ONLY repeatable-read
/// transaction with short timeouts, one batch of catalog and statistics queries (one round trip), rolled back.
/// </summary>
public static class LiveIntrospector
{
    /// <summary>The longest any introspection query may run.</summary>
    public const string StatementTimeout = "15s";

    /// <summary>The longest a size function may wait for a table locked ACCESS EXCLUSIVE by someone else.</summary>
    public const string LockTimeout = "3s";

    /// <summary>Reads the server; faults (unreachable, refused, missing database or privilege, timeouts) come back as <see cref="LiveReadResult.Error"/>.</summary>
    /// <param name="timeoutOverrideMs">For tests: replaces both timeouts (milliseconds).</param>
    public static async Task<LiveReadResult> ReadAsync(ConnectionSpec spec, int? timeoutOverrideMs, CancellationToken ct)
    {
        try
        {
            var rows = await ReadRowsAsync(spec, timeoutOverrideMs, ct).ConfigureAwait(false);
            return new LiveReadResult(SchemaScript.Snapshot(spec, rows), null);
        }
        catch (PostgresException e)
        {
            return Failed(spec, $"{e.MessageText} (SQLSTATE {e.SqlState})");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return Failed(spec, Reason(e));
        }
    }

    private static LiveReadResult Failed(ConnectionSpec spec, string reason) =>
        new(null, $"cannot read the schema from {spec.Server}: {OneLine(reason)}");

    /// <summary>The exception's message and its causes', without repeats.</summary>
    internal static string Reason(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            string m = x is PostgresException p ? $"{p.MessageText} (SQLSTATE {p.SqlState})" : x.Message.TrimEnd('.');
            if (m.Length > 0 && !parts.Any(p => p.Contains(m, StringComparison.Ordinal)))
            {
                parts.Add(m);
            }
        }

        return string.Join(": ", parts);
    }

    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static async Task<LiveRows> ReadRowsAsync(ConnectionSpec spec, int? timeoutOverrideMs, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(spec.ToBuilder().ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        string statementTimeout = timeoutOverrideMs is { } ms ? ms.ToString(CultureInfo.InvariantCulture) + "ms" : StatementTimeout;
        string lockTimeout = timeoutOverrideMs is { } lms ? lms.ToString(CultureInfo.InvariantCulture) + "ms" : LockTimeout;
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = 120 };
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LiveQueries.Server));
        foreach (var set in LiveQueries.Session(statementTimeout, lockTimeout))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(set));
        }

        foreach (var query in new[]
                 {
                     LiveQueries.Replication, LiveQueries.TableRows, LiveQueries.Columns, LiveQueries.Constraints, LiveQueries.Indexes,
                     LiveQueries.Enums, LiveQueries.Domains, LiveQueries.Sequences, LiveQueries.Triggers, LiveQueries.Dependents, LiveQueries.Uses,
                 })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(query));
        }

        await using var r = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);

        // SET TRANSACTION READ ONLY returns no rows; the reader starts at the first command that does.
        await r.ReadAsync(ct).ConfigureAwait(false);
        int version = r.GetInt32(0);
        string readOnly = r.GetString(1);
        if (readOnly != "on")
        {
            throw new InvalidOperationException("the introspection transaction is not read only");
        }

        var settings = r.GetFieldValue<string[]>(2).Select(s => s.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var standbys = new List<string>();
        var slots = new List<string>();
        await NextAsync(r, ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            (r.GetString(0) == "standby" ? standbys : slots).Add(r.GetString(1));
        }

        var tables = await ReadAllAsync(r, ct, x => new LiveTable(
            x.GetFieldValue<uint>(0), x.GetString(1), x.GetString(2), x.GetBoolean(3), x.GetBoolean(4), Text(x, 5), Text(x, 6), x.GetFieldValue<string[]>(7),
            x.GetBoolean(8), x.GetDouble(9), x.GetInt64(10), x.GetInt64(11), Long(x, 12), Long(x, 13), Time(x, 14), Time(x, 15), Time(x, 16), Time(x, 17))).ConfigureAwait(false);
        var columns = await ReadAllAsync(r, ct, x => new LiveColumn(
            x.GetFieldValue<uint>(0), x.GetString(1), x.GetString(2), x.GetBoolean(3), Text(x, 4), Char(x, 5), Text(x, 6), x.GetBoolean(7))).ConfigureAwait(false);
        var constraints = await ReadAllAsync(r, ct, x => new LiveConstraint(
            x.GetFieldValue<uint>(0), x.GetString(1), Char(x, 2), x.GetString(3), x.GetBoolean(4), x.GetBoolean(5))).ConfigureAwait(false);
        var indexes = await ReadAllAsync(r, ct, x => new LiveIndex(x.GetFieldValue<uint>(0), x.GetString(1), x.GetString(2), x.GetBoolean(3), x.GetBoolean(4))).ConfigureAwait(false);
        var enums = await ReadAllAsync(r, ct, x => new LiveEnum(x.GetString(0), x.GetString(1), x.GetFieldValue<string[]>(2))).ConfigureAwait(false);
        var domains = await ReadAllAsync(r, ct, x => new LiveDomain(x.GetString(0), x.GetString(1), x.GetString(2), x.GetBoolean(3), Text(x, 4), x.GetFieldValue<string[]>(5))).ConfigureAwait(false);
        var sequences = await ReadAllAsync(r, ct, x => new LiveSequence(
            x.GetString(0), x.GetString(1), x.GetString(2), x.GetInt64(3), x.GetInt64(4), x.GetInt64(5), x.GetInt64(6), x.GetInt64(7), x.GetBoolean(8), Text(x, 9))).ConfigureAwait(false);
        var triggers = await ReadAllAsync(r, ct, x => new LiveTrigger(x.GetFieldValue<uint>(0), x.GetString(1), x.GetString(2), Char(x, 3))).ConfigureAwait(false);
        var dependents = await ReadAllAsync(r, ct, x => (x.GetFieldValue<uint>(0), x.GetString(1), x.GetString(2), Text(x, 3))).ConfigureAwait(false);
        var uses = await ReadAllAsync(r, ct, x => (x.GetFieldValue<uint>(0), Text(x, 1), x.GetString(2), x.GetString(3), x.GetBoolean(4))).ConfigureAwait(false);
        return new LiveRows(version, readOnly, settings, standbys, slots, tables, columns, constraints, indexes, enums, domains, sequences, triggers, dependents) { Uses = uses };
    }

    private static async Task NextAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        if (!await r.NextResultAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("the introspection batch returned fewer result sets than it sent queries");
        }
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlDataReader r, CancellationToken ct, Func<NpgsqlDataReader, T> read)
    {
        await NextAsync(r, ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(read(r));
        }

        return list;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Long(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static DateTime? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);

    private static char Char(NpgsqlDataReader r, int i) => r.IsDBNull(i) || r.GetString(i) is not { Length: > 0 } s ? '\0' : s[0];

    internal static ImmutableArray<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];
}
