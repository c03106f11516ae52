using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>Hazard catalog rows 18, 20 and 33: CREATE INDEX [CONCURRENTLY], DROP INDEX.</summary>
public sealed class IndexFacts(PgServer server) : PgTest(server)
{
    private const string IsValidSql =
        "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_name_key'::regclass";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
        await Db.ExecuteAsync("CREATE TABLE audit_log (id bigint PRIMARY KEY)", Ct);
    }

    [Fact]
    public async Task CreateIndex_TakesShareLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("CREATE INDEX users_name_idx ON users (name)", Ct);

        LockAssert.Strongest(locks, "users", LockMode.Share);
    }

    [Fact]
    public async Task CreateIndexConcurrently_TakesShareUpdateExclusiveLock()
    {
        // An older transaction on an unrelated table of the same database holds a snapshot:
        // CONCURRENTLY waits for it, and is observed while waiting.
        await using var older = await Db.OpenSessionAsync(Ct);
        await using var transaction = await older.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Ct);
        await using (var touch = new NpgsqlCommand("SELECT count(*) FROM audit_log", older, transaction))
        {
            await touch.ExecuteScalarAsync(Ct);
        }

        var locks = await new LockObserver(Db).ObserveWhileWaitingAsync(
            "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)",
            ct => transaction.CommitAsync(ct),
            Ct);

        LockAssert.Strongest(locks, "users", LockMode.ShareUpdateExclusive);
        Assert.True(await Db.ScalarAsync<bool>(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_name_idx'::regclass", Ct));
    }

    [Fact]
    public async Task CreateIndexConcurrently_FailedUniqueBuild_LeavesInvalidIndex()
    {
        await Db.ExecuteAsync("UPDATE users SET name = 'duplicate' WHERE id <= 2", Ct);

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => Db.ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY users_name_key ON users (name)", Ct));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.False(await Db.ScalarAsync<bool>(IsValidSql, Ct));
    }

    [Fact]
    public async Task CreateIndexConcurrently_RerunWithIfNotExists_SucceedsWhileIndexStaysInvalid()
    {
        await Db.ExecuteAsync("UPDATE users SET name = 'duplicate' WHERE id <= 2", Ct);
        await Assert.ThrowsAsync<PostgresException>(
            () => Db.ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY users_name_key ON users (name)", Ct));
        await Db.ExecuteAsync("UPDATE users SET name = 'user ' || id WHERE id <= 2", Ct);

        await Db.ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_name_key ON users (name)", Ct);

        Assert.False(await Db.ScalarAsync<bool>(IsValidSql, Ct));
    }

    [Fact]
    public async Task CreateIndexConcurrently_CancelledByLockTimeoutWhileWaitingForOlderTransaction_LeavesInvalidIndex()
    {
        await using var older = await Db.OpenSessionAsync(Ct);
        await using var transaction = await older.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Ct);
        await using (var touch = new NpgsqlCommand("SELECT count(*) FROM audit_log", older, transaction))
        {
            await touch.ExecuteScalarAsync(Ct);
        }

        await using var session = await Db.OpenSessionAsync(Ct);
        await using (var set = new NpgsqlCommand("SET lock_timeout = '200ms'", session))
        {
            await set.ExecuteNonQueryAsync(Ct);
        }

        // A separate command: several statements in one Npgsql command run as one implicit
        // transaction block, where CONCURRENTLY fails with 25001.
        await using var command = new NpgsqlCommand("CREATE UNIQUE INDEX CONCURRENTLY users_name_key ON users (name)", session);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.LockNotAvailable, error.SqlState);
        Assert.False(await Db.ScalarAsync<bool>(IsValidSql, Ct));
    }

    [Fact]
    public async Task CreateIndexConcurrently_InsideTransactionBlock_Fails()
    {
        await using var session = await Db.OpenSessionAsync(Ct);
        await using var transaction = await session.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand(
            "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)", session, transaction);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.ActiveSqlTransaction, error.SqlState);
    }

    [Fact]
    public async Task CreateIndexConcurrently_BatchedWithAnotherStatementInOneCommand_Fails()
    {
        await using var session = await Db.OpenSessionAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SET lock_timeout = '1s'; CREATE INDEX CONCURRENTLY users_name_idx ON users (name)", session);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.ActiveSqlTransaction, error.SqlState);
    }

    [Fact]
    public async Task DropIndex_TakesAccessExclusiveLockOnIndexAndTable()
    {
        var locks = await new LockObserver(Db).ObserveAsync("DROP INDEX users_email_idx", Ct);

        LockAssert.Strongest(locks, "users_email_idx", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }
}
