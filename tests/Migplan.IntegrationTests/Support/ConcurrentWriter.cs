using System.Collections.Immutable;
using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>One write the <see cref="ConcurrentWriter"/> issues, as its own autocommit transaction.</summary>
/// <param name="Name">A label for reports.</param>
/// <param name="Sql">One statement with positional parameters <c>$1</c>, <c>$2</c>, ...</param>
/// <param name="Parameters">Supplies the parameter values for one execution, from the writer's seeded random.</param>
public sealed record WriteStatement(string Name, string Sql, Func<Random, object?[]>? Parameters = null);

/// <summary>Settings of a <see cref="ConcurrentWriter"/>.</summary>
public sealed record ConcurrentWriterOptions
{
    /// <summary>The writes, issued round-robin.</summary>
    public required ImmutableArray<WriteStatement> Statements { get; init; }

    /// <summary>The session's statement_timeout: a write blocked longer fails (SQLSTATE 57014) and is recorded as an error.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after each write.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Seed of the random passed to <see cref="WriteStatement.Parameters"/>.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Clock for latencies.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>A write that failed.</summary>
public sealed record WriterError(string Statement, string? SqlState, string Message, TimeSpan Latency);

/// <summary>What a <see cref="ConcurrentWriter"/> saw. Latencies cover failed writes too.</summary>
public sealed record WriterReport(
    long Writes, long Attempts, TimeSpan MaxLatency, TimeSpan P99Latency, ImmutableArray<WriterError> Errors, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Writes}/{Attempts} writes in {Elapsed.TotalMilliseconds:F0} ms, max {MaxLatency.TotalMilliseconds:F1} ms, " +
        $"p99 {P99Latency.TotalMilliseconds:F1} ms, {Errors.Length} errors" +
        (Errors.IsEmpty ? "" : ": " + string.Join("; ", Errors.Take(5).Select(e => $"{e.Statement} {e.SqlState} {e.Message}")));
}

/// <summary>
/// Background load for online-migration tests: on its own connection, loops on short write
/// transactions until stopped and records how many succeeded, the max and p99 latency of a
/// single write, and every error. Start it, run the migration, then <see cref="StopAsync"/>.
/// </summary>
public sealed class ConcurrentWriter : IAsyncDisposable
{
    private const int MaxKeptErrors = 1000;

    private readonly string connectionString;
    private readonly ConcurrentWriterOptions options;
    private readonly CancellationTokenSource stop = new();
    private readonly List<double> latenciesMs = [];
    private readonly List<WriterError> errors = [];
    private readonly Lock gate = new();
    private NpgsqlConnection connection;
    private Task? loop;
    private long writes;
    private long attempts;
    private long errorCount;
    private long started;
    private WriterReport? report;

    private ConcurrentWriter(string connectionString, ConcurrentWriterOptions options, NpgsqlConnection connection)
    {
        this.connectionString = connectionString;
        this.options = options;
        this.connection = connection;
    }

    /// <summary>Successful writes so far.</summary>
    public long Writes => Interlocked.Read(ref writes);

    /// <summary>Failed writes so far.</summary>
    public long ErrorCount => Interlocked.Read(ref errorCount);

    /// <summary>The default load on <c>users(id ... generated/serial, name text)</c>: an INSERT and an UPDATE of a random existing row.</summary>
    public static ImmutableArray<WriteStatement> UsersWorkload(string table = "users")
    {
        var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return
        [
            new("insert", $"INSERT INTO {quoted}(name) VALUES ($1)", r => [$"writer-{r.Next()}"]),
            new(
                "update",
                $"UPDATE {quoted} SET name = $1 WHERE id = (SELECT id FROM {quoted} " +
                $"WHERE id >= (SELECT floor(random() * max(id)) FROM {quoted}) ORDER BY id LIMIT 1)",
                r => [$"updated-{r.Next()}"]),
        ];
    }

    /// <summary>Opens the writer's session, sets its statement_timeout and starts the loop.</summary>
    public static async Task<ConcurrentWriter> StartAsync(
        string connectionString, ConcurrentWriterOptions options, CancellationToken cancellationToken)
    {
        if (options.Statements.IsDefaultOrEmpty)
        {
            throw new ArgumentException("At least one write statement is needed.", nameof(options));
        }

        var connection = await OpenAsync(connectionString, options, cancellationToken);
        var writer = new ConcurrentWriter(connectionString, options, connection);
        writer.started = options.TimeProvider.GetTimestamp();
        writer.loop = Task.Run(() => writer.RunAsync(writer.stop.Token), CancellationToken.None);
        return writer;
    }

    /// <summary>Starts the default <see cref="UsersWorkload"/>.</summary>
    public static Task<ConcurrentWriter> StartAsync(string connectionString, CancellationToken cancellationToken) =>
        StartAsync(connectionString, new ConcurrentWriterOptions { Statements = UsersWorkload() }, cancellationToken);

    /// <summary>Waits until at least <paramref name="count"/> writes succeeded (e.g. to know the load is running).</summary>
    public async Task WaitForWritesAsync(long count, CancellationToken cancellationToken)
    {
        while (Writes < count)
        {
            if (loop is { IsCompleted: true })
            {
                await loop;
                throw new InvalidOperationException("The writer stopped before reaching the count.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    /// <summary>Stops the loop (cancelling a write in flight, which is not counted) and reports.</summary>
    public async Task<WriterReport> StopAsync()
    {
        if (report is not null)
        {
            return report;
        }

        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        var elapsed = options.TimeProvider.GetElapsedTime(started);
        lock (gate)
        {
            var sorted = latenciesMs.Order().ToArray();
            var max = sorted.Length == 0 ? 0 : sorted[^1];
            var p99 = sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(sorted.Length * 0.99) - 1)];
            report = new WriterReport(
                Writes, Interlocked.Read(ref attempts), TimeSpan.FromMilliseconds(max), TimeSpan.FromMilliseconds(p99),
                [.. errors], elapsed);
        }

        await connection.DisposeAsync();
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private static async Task<NpgsqlConnection> OpenAsync(
        string connectionString, ConcurrentWriterOptions options, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = "migplan-tests-writer",
            // Backstop only: the server's statement_timeout is the guard.
            CommandTimeout = (int)Math.Ceiling(options.StatementTimeout.TotalSeconds) + 5,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var set = new NpgsqlCommand(
                $"SET statement_timeout = {(long)options.StatementTimeout.TotalMilliseconds}", connection);
            await set.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var clock = options.TimeProvider;
        for (var i = 0L; !cancellationToken.IsCancellationRequested; i++)
        {
            var statement = options.Statements[(int)(i % options.Statements.Length)];
            var begin = clock.GetTimestamp();
            try
            {
                await using var command = new NpgsqlCommand(statement.Sql, connection);
                foreach (var value in statement.Parameters?.Invoke(random) ?? [])
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                Record(clock.GetElapsedTime(begin), null);
                Interlocked.Increment(ref writes);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException) when (cancellationToken.IsCancellationRequested)
            {
                return; // interrupted by StopAsync: not a failed write
            }
            catch (NpgsqlException e)
            {
                var latency = clock.GetElapsedTime(begin);
                Record(latency, new WriterError(statement.Name, (e as PostgresException)?.SqlState, e.Message, latency));
                if (!await ReconnectIfBrokenAsync(cancellationToken))
                {
                    return;
                }
            }

            if (options.Pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(options.Pause, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Record(TimeSpan latency, WriterError? error)
    {
        Interlocked.Increment(ref attempts);
        if (error is not null)
        {
            Interlocked.Increment(ref errorCount);
        }

        lock (gate)
        {
            latenciesMs.Add(latency.TotalMilliseconds);
            if (error is not null && errors.Count < MaxKeptErrors)
            {
                errors.Add(error);
            }
        }
    }

    private async Task<bool> ReconnectIfBrokenAsync(CancellationToken cancellationToken)
    {
        if (connection.FullState == System.Data.ConnectionState.Open)
        {
            return true;
        }

        await connection.DisposeAsync();
        try
        {
            connection = await OpenAsync(connectionString, options, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The database is gone or the writer is stopping: end the loop with a usable connection object.
            connection = new NpgsqlConnection(connectionString);
            return false;
        }
    }
}
