using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.SupportTests;

public sealed class ConcurrentWriterTests(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
    }

    [Fact]
    public async Task UsersWorkload_OnQuietTable_WritesWithoutErrors()
    {
        await using var writer = await ConcurrentWriter.StartAsync(Db.ConnectionString, Ct);
        await writer.WaitForWritesAsync(50, Ct);

        var report = await writer.StopAsync();

        Assert.True(report.Writes >= 50, report.ToString());
        Assert.Empty(report.Errors);
        Assert.True(report.MaxLatency >= report.P99Latency && report.P99Latency > TimeSpan.Zero, report.ToString());
        Assert.True(await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE name LIKE 'writer-%'", Ct) > 0);
        Assert.True(await Db.ScalarAsync<long>("SELECT count(*) FROM users WHERE name LIKE 'updated-%'", Ct) > 0);
    }

    [Fact]
    public async Task WriteBlockedByAccessExclusiveLock_IsRecordedAsStatementTimeout_AndSeenByBlockingObserver()
    {
        await using var blocking = await BlockingObserver.StartAsync(Db, Ct);
        var options = new ConcurrentWriterOptions
        {
            Statements = ConcurrentWriter.UsersWorkload(),
            StatementTimeout = TimeSpan.FromMilliseconds(300),
        };
        await using var writer = await ConcurrentWriter.StartAsync(Db.ConnectionString, options, Ct);
        await writer.WaitForWritesAsync(5, Ct);

        await using var locker = await Db.OpenSessionAsync(Ct);
        await using (var transaction = await locker.BeginTransactionAsync(Ct))
        {
            await using var lockTable = new NpgsqlCommand("LOCK TABLE users IN ACCESS EXCLUSIVE MODE", locker, transaction);
            await lockTable.ExecuteNonQueryAsync(Ct);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            patience.CancelAfter(TimeSpan.FromSeconds(30)); // a hang guard, not a timing assertion
            while (writer.ErrorCount == 0 || blocking.EpisodesSoFar == 0)
            {
                await Task.Delay(10, patience.Token);
            }

            await transaction.RollbackAsync(Ct);
        }

        var written = writer.Writes;
        await writer.WaitForWritesAsync(written + 5, Ct);
        var report = await writer.StopAsync();
        var blocked = await blocking.StopAsync();

        Assert.Contains(report.Errors, e => e.SqlState == PostgresErrorCodes.QueryCanceled);
        Assert.True(report.MaxLatency >= options.StatementTimeout, report.ToString());
        Assert.True(blocked.AnyBlocked, blocked.ToString());
        Assert.Contains(blocked.Episodes, e => e.BlockedBy.Contains(locker.ProcessID));
    }

    [Fact]
    public async Task CustomStatements_AreIssuedRoundRobin()
    {
        await Db.ExecuteAsync("CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY, kind text)", Ct);
        var options = new ConcurrentWriterOptions
        {
            Statements =
            [
                new("a", "INSERT INTO events (kind) VALUES ('a')"),
                new("b", "INSERT INTO events (kind) VALUES ($1)", _ => ["b"]),
            ],
            Pause = TimeSpan.Zero,
        };
        await using var writer = await ConcurrentWriter.StartAsync(Db.ConnectionString, options, Ct);
        await writer.WaitForWritesAsync(20, Ct);

        var report = await writer.StopAsync();

        var a = await Db.ScalarAsync<long>("SELECT count(*) FROM events WHERE kind = 'a'", Ct);
        var b = await Db.ScalarAsync<long>("SELECT count(*) FROM events WHERE kind = 'b'", Ct);
        Assert.Equal(report.Writes, a + b);
        Assert.InRange(a - b, 0, 1);
    }
}
