using System.Collections.Immutable;
using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>One statement seen waiting on other sessions (from its first to its last sighting).</summary>
public sealed record BlockedEpisode(int Pid, string Query, ImmutableArray<int> BlockedBy, TimeSpan FirstSeen, TimeSpan LastSeen)
{
    /// <summary>How long it was seen blocked: a lower bound, at the polling resolution.</summary>
    public TimeSpan Duration => LastSeen - FirstSeen;
}

/// <summary>What a <see cref="BlockingObserver"/> saw.</summary>
public sealed record BlockingReport(ImmutableArray<BlockedEpisode> Episodes, long Polls)
{
    public bool AnyBlocked => !Episodes.IsEmpty;

    /// <summary>The longest observed block, zero when nothing was blocked.</summary>
    public TimeSpan LongestBlock => Episodes.IsEmpty ? TimeSpan.Zero : Episodes.Max(e => e.Duration);

    public override string ToString() =>
        AnyBlocked
            ? string.Join("; ", Episodes.Select(e => $"pid {e.Pid} blocked by [{string.Join(",", e.BlockedBy)}] for ≥{e.Duration.TotalMilliseconds:F0} ms: {e.Query}"))
            : $"nothing blocked ({Polls} polls)";
}

/// <summary>
/// Polls <c>pg_blocking_pids</c> for every other session of the database and records who was
/// blocked, by whom, and for how long (at the polling resolution).
/// </summary>
public sealed class BlockingObserver : IAsyncDisposable
{
    private const string PollSql = """
        SELECT pid, pg_blocking_pids(pid), coalesce(query, ''), query_start
        FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND cardinality(pg_blocking_pids(pid)) > 0
        """;

    private readonly NpgsqlConnection connection;
    private readonly TimeSpan interval;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<(int Pid, DateTime? QueryStart), BlockedEpisode> episodes = [];
    private readonly long started;
    private Task? loop;
    private long polls;
    private int episodeCount;
    private BlockingReport? report;

    private BlockingObserver(NpgsqlConnection connection, TimeSpan interval, TimeProvider clock)
    {
        this.connection = connection;
        this.interval = interval;
        this.clock = clock;
        started = clock.GetTimestamp();
    }

    /// <summary>Blocked statements seen so far.</summary>
    public int EpisodesSoFar => Volatile.Read(ref episodeCount);

    /// <summary>Starts polling every <paramref name="interval"/> (default 10 ms) on a session of its own.</summary>
    public static async Task<BlockingObserver> StartAsync(
        ScratchDatabase db, CancellationToken cancellationToken, TimeSpan? interval = null, TimeProvider? clock = null)
    {
        var connection = await db.OpenSessionAsync(cancellationToken);
        var observer = new BlockingObserver(connection, interval ?? TimeSpan.FromMilliseconds(10), clock ?? TimeProvider.System);
        observer.loop = Task.Run(() => observer.RunAsync(observer.stop.Token), CancellationToken.None);
        return observer;
    }

    /// <summary>Stops polling (after one last poll) and reports.</summary>
    public async Task<BlockingReport> StopAsync()
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

        await PollAsync(CancellationToken.None);
        report = new BlockingReport([.. episodes.Values.OrderBy(e => e.FirstSeen)], polls);
        await connection.DisposeAsync();
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PollAsync(cancellationToken);
                await Task.Delay(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PollSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var now = clock.GetElapsedTime(started);
        polls++;
        while (await reader.ReadAsync(cancellationToken))
        {
            var pid = reader.GetInt32(0);
            var key = (pid, reader.IsDBNull(3) ? (DateTime?)null : reader.GetDateTime(3));
            var blockers = reader.GetFieldValue<int[]>(1);
            episodes[key] = episodes.TryGetValue(key, out var seen)
                ? seen with { LastSeen = now, BlockedBy = [.. seen.BlockedBy.Union(blockers).Order()] }
                : new BlockedEpisode(pid, reader.GetString(2), [.. blockers.Order()], now, now);
            Volatile.Write(ref episodeCount, episodes.Count);
        }
    }
}
