using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>How the observed transaction ends.</summary>
public enum TransactionEnd
{
    Rollback,
    Commit,
}

/// <summary>
/// Watches which relation locks a statement takes: session A runs it, session B reads
/// <c>pg_locks</c> (joined to <c>pg_class</c>) for A's pid, as <c>migplan verify</c> does (<see cref="Migplan.Verify.PgLocks"/>). Locks on pg_catalog and
/// information_schema relations are left out; locks of the other lock types (transactionid,
/// virtualxid, object, ...) too.
/// </summary>
public sealed class LockObserver(ScratchDatabase db)
{
    /// <summary>How long <see cref="ObserveWhileWaitingAsync"/> waits for the statement to block.</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// BEGIN; <paramref name="statement"/>; then reads session A's locks from session B while
    /// A's transaction is still open, then rolls back (default) or commits. The statement may
    /// be several statements separated by semicolons.
    /// </summary>
    public async Task<LockSet> ObserveInTransactionAsync(
        string statement, TransactionEnd end, CancellationToken cancellationToken)
    {
        await using var sessionA = await db.OpenSessionAsync(cancellationToken);
        await using var sessionB = await db.OpenSessionAsync(cancellationToken);
        await using var transaction = await sessionA.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(statement, sessionA, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var locks = await ReadLocksAsync(sessionB, sessionA.ProcessID, cancellationToken);
        if (end == TransactionEnd.Commit)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return locks;
    }

    /// <summary>Shorthand for <see cref="ObserveInTransactionAsync"/> ending in ROLLBACK.</summary>
    public Task<LockSet> ObserveAsync(string statement, CancellationToken cancellationToken) =>
        ObserveInTransactionAsync(statement, TransactionEnd.Rollback, cancellationToken);

    /// <summary>
    /// For statements that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, ...):
    /// runs <paramref name="statement"/> in session A outside a transaction, waits until A is
    /// blocked by another session (<c>pg_blocking_pids</c>, e.g. one the caller keeps open),
    /// reads A's locks, then calls <paramref name="release"/> (which must unblock A) and
    /// awaits the statement. A statement error is rethrown; the observation is lost then.
    /// </summary>
    public async Task<LockSet> ObserveWhileWaitingAsync(
        string statement, Func<CancellationToken, Task> release, CancellationToken cancellationToken)
    {
        await using var sessionA = await db.OpenSessionAsync(cancellationToken);
        await using var sessionB = await db.OpenSessionAsync(cancellationToken);
        var pid = sessionA.ProcessID;
        await using var command = new NpgsqlCommand(statement, sessionA);
        var running = command.ExecuteNonQueryAsync(cancellationToken);

        await WaitUntilBlockedAsync(sessionB, pid, running, cancellationToken);
        var locks = await ReadLocksAsync(sessionB, pid, cancellationToken);
        await release(cancellationToken);
        await running;
        return locks;
    }

    /// <summary>Reads the relation locks of one backend pid through <paramref name="observer"/>.</summary>
    public static async Task<LockSet> ReadLocksAsync(
        NpgsqlConnection observer, int pid, CancellationToken cancellationToken)
    {
        var entries = new List<LockEntry>();
        foreach (var l in await Migplan.Verify.PgLocks.OfPidAsync(observer, pid, cancellationToken))
        {
            if (l.Schema is "pg_catalog" or "information_schema")
            {
                continue;
            }

            entries.Add(new LockEntry(l.Name ?? "oid:" + l.Oid.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Kind, LockModes.Parse(l.PgMode), l.Granted));
        }

        return new LockSet(entries);
    }

    private async Task WaitUntilBlockedAsync(
        NpgsqlConnection observer, int pid, Task running, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BlockTimeout);
        await using var probe = new NpgsqlCommand("SELECT cardinality(pg_blocking_pids($1)) > 0", observer);
        probe.Parameters.AddWithValue(pid);
        while (true)
        {
            if (running.IsCompleted)
            {
                await running; // rethrows the statement's error, if any
                throw new InvalidOperationException("The statement finished without ever waiting for a lock.");
            }

            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The statement was not blocked within {BlockTimeout}.");
            }

            if (await probe.ExecuteScalarAsync(cancellationToken) is true)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // BlockTimeout elapsed: reported at the top of the loop.
            }
        }
    }
}
