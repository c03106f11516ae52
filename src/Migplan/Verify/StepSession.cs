using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Migplan.Rendering;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// One session on a scratch database that runs a step's (or a rollback's) commands as <c>apply</c> will, and as the
/// step's script does under psql: the plan's session settings, then the step's, set first; each command sent on its
/// own and committed on its own; a command with a condition only when it holds (and then plain, as <c>\gexec</c>
/// sends it); a transactional command with a lock-retry policy inside the DO block the script runs
/// (<see cref="LockRetryScript"/>; on a scratch database nothing contends, so its first attempt is granted);
/// an outside-transaction command outside any transaction block.
/// <para>
/// When observing, a transactional command runs inside BEGIN ... COMMIT, and the session reads its own relation locks
/// from pg_locks after the command and before the commit; an outside-transaction command's locks are polled from a
/// second session while it runs.
/// </para>
/// </summary>
public sealed partial class StepSession : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    private readonly NpgsqlConnection connection;
    private NpgsqlConnection? observer;
    private long reportedRows = -1;

    private StepSession(NpgsqlConnection connection)
    {
        this.connection = connection;
        connection.Notice += (_, e) =>
        {
            if (RowsSoFar().Match(e.Notice.MessageText) is { Success: true } m)
            {
                reportedRows = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        };
    }

    /// <summary>The session's connection (for the verification query and the snapshots, outside the commands' transactions).</summary>
    public NpgsqlConnection Connection => connection;

    /// <summary>The last row total a batched command reported (<c>migplan: TABLE: N rows so far</c>), or -1.</summary>
    public long ReportedRows => reportedRows;

    /// <summary>
    /// Opens a session on the database with the settings, in order (each as <c>set_config(name, value, false)</c>);
    /// with <paramref name="observe"/>, also the second session that polls its locks (open before any command starts).
    /// </summary>
    public static async Task<StepSession> OpenAsync(NpgsqlConnectionStringBuilder builder, IEnumerable<Setting> settings, bool observe, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(builder.ConnectionString);
        var session = new StepSession(connection);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            if (observe)
            {
                var observerBuilder = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { ApplicationName = "migplan verify: lock observer" };
                session.observer = new NpgsqlConnection(observerBuilder.ConnectionString);
                await session.observer.OpenAsync(ct).ConfigureAwait(false);
            }

            foreach (var s in settings)
            {
                await using var set = new NpgsqlCommand("SELECT pg_catalog.set_config($1, $2, false)", connection);
                set.Parameters.AddWithValue(s.Name);
                set.Parameters.AddWithValue(s.Value);
                await set.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool lockWaitDefined;

    /// <summary>Runs one command; its server error is returned, not thrown. <paramref name="locks"/>: the step's, whose holders a retry's error names.</summary>
    public async Task<CommandRun> RunAsync(int index, Command command, ImmutableArray<LockTaken> locks, bool observe, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            if (command.OnlyIf is { } condition && !await HoldsAsync(condition, ct).ConfigureAwait(false))
            {
                return new CommandRun(index, true, 0, [], watch.Elapsed, null);
            }

            bool retried = command.OnlyIf is null && command.LockRetry is not null && !command.OutsideTransaction;
            if (retried && !lockWaitDefined)
            {
                // The function the block calls after a failed attempt, defined once per session as the script does.
                await using (var define = new NpgsqlCommand(LockRetryScript.Helper, connection))
                {
                    await define.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                lockWaitDefined = true;
            }

            string sql = retried ? LockRetryScript.Wrap(command, locks) : command.Sql;
            if (command.OutsideTransaction || !observe)
            {
                return await RunOutsideAsync(index, sql, observe, watch, ct).ConfigureAwait(false);
            }

            return await RunInTransactionAsync(index, sql, watch, ct).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            return new CommandRun(index, false, 0, [], watch.Elapsed, e);
        }
    }

    private async Task<bool> HoldsAsync(string condition, CancellationToken ct)
    {
        await using var query = new NpgsqlCommand($"SELECT true WHERE {condition}", connection);
        return await query.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
    }

    private async Task<CommandRun> RunInTransactionAsync(int index, string sql, Stopwatch watch, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        long rows;
        List<RelationLock> seen;
        try
        {
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                rows = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            seen = await PgLocks.OfPidAsync(connection, connection.ProcessID, ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ActiveSqlTransaction)
        {
            // It cannot run inside a transaction block although plan.json does not say so: run it as psql does.
            await transaction.RollbackAsync(ct).ConfigureAwait(false);
            return await RunOutsideAsync(index, sql, observe: true, watch, ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        var held = watch.Elapsed;
        return new CommandRun(index, false, rows, [.. seen.Select(l => new SeenLock(l, held))], watch.Elapsed, null);
    }

    private async Task<CommandRun> RunOutsideAsync(int index, string sql, bool observe, Stopwatch watch, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<LockHolds>? polling = null;
        if (observe && observer is not null)
        {
            polling = PollAsync(observer, connection.ProcessID, watch, stop.Token);
        }

        long rows;
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            rows = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        var polled = polling is null ? [] : (await polling.ConfigureAwait(false)).Longest();
        return new CommandRun(index, false, rows, polled, watch.Elapsed, null);
    }

    /// <summary>Reads <paramref name="pid"/>'s relation locks from a second session until stopped (see <see cref="LockHolds"/>).</summary>
    private static async Task<LockHolds> PollAsync(NpgsqlConnection observer, int pid, Stopwatch watch, CancellationToken stop)
    {
        var holds = new LockHolds();
        while (!stop.IsCancellationRequested)
        {
            // Not cancelled mid-query (a cancel request racing the next poll): each poll is a millisecond; the loop checks the stop.
            var locks = await PgLocks.OfPidAsync(observer, pid, CancellationToken.None).ConfigureAwait(false);
            holds.Observe(locks, watch.Elapsed);
            try
            {
                await Task.Delay(PollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return holds;
    }

    public async ValueTask DisposeAsync()
    {
        if (observer is not null)
        {
            await observer.DisposeAsync().ConfigureAwait(false);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"^migplan: [^:]+: (\d+) rows so far")]
    private static partial Regex RowsSoFar();
}
