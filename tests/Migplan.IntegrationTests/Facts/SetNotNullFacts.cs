using System.Collections.Concurrent;
using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// Hazard catalog row 8: SET NOT NULL. Whether the table is scanned is read from the
/// server's DEBUG1 messages: "verifying table" when it scans, "existing constraints on
/// column ... are sufficient to prove that it does not contain nulls" when it skips the scan.
/// </summary>
public sealed class SetNotNullFacts(PgServer server) : PgTest(server)
{
    private const string ScanSkipped = "are sufficient to prove that it does not contain nulls";
    private const string TableVerified = "verifying table \"users\"";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
    }

    [Fact]
    public async Task SetNotNull_TakesAccessExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("ALTER TABLE users ALTER COLUMN email SET NOT NULL", Ct);

        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task SetNotNull_WithValidatedCheck_SkipsScan()
    {
        await Db.ExecuteAsync(
            """
            ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
            ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
            """,
            Ct);

        var messages = await SetNotNullWithDebugMessagesAsync();

        Assert.Contains(messages, m => m.Contains("existing constraints on column \"users.email\" " + ScanSkipped, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(TableVerified, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetNotNull_WithoutCheck_ScansTable()
    {
        var messages = await SetNotNullWithDebugMessagesAsync();

        Assert.DoesNotContain(messages, m => m.Contains(ScanSkipped, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(TableVerified, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetNotNull_WithNotValidCheck_StillScansTable()
    {
        await Db.ExecuteAsync(
            "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID", Ct);

        var messages = await SetNotNullWithDebugMessagesAsync();

        Assert.DoesNotContain(messages, m => m.Contains(ScanSkipped, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains(TableVerified, StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> SetNotNullWithDebugMessagesAsync()
    {
        var messages = new ConcurrentQueue<string>();
        await using var connection = await Db.OpenSessionAsync(Ct);
        connection.Notice += (_, e) => messages.Enqueue(e.Notice.MessageText);
        await using var command = new NpgsqlCommand(
            """
            SET client_min_messages = debug1;
            ALTER TABLE users ALTER COLUMN email SET NOT NULL;
            RESET client_min_messages;
            """,
            connection);
        await command.ExecuteNonQueryAsync(Ct);
        return [.. messages];
    }
}
