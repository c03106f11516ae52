using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>Hazard catalog row 25: UPDATE of many rows.</summary>
public sealed class DmlFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestTables.CreateUsersAsync(Db, 100, Ct);
    }

    [Fact]
    public async Task Update_TakesRowExclusiveLock()
    {
        var locks = await new LockObserver(Db).ObserveAsync("UPDATE users SET name = upper(name)", Ct);

        LockAssert.Strongest(locks, "users", LockMode.RowExclusive);
    }

    [Fact]
    public async Task Update_HoldsRowLocksUntilCommit_BlockingWritersOfThoseRowsOnly()
    {
        await using var batch = await Db.OpenSessionAsync(Ct);
        await using var transaction = await batch.BeginTransactionAsync(Ct);
        await using (var update = new NpgsqlCommand("UPDATE users SET name = 'batch' WHERE id <= 10", batch, transaction))
        {
            await update.ExecuteNonQueryAsync(Ct);
        }

        var timeout = TimeSpan.FromMilliseconds(200);
        var others = await RunWriterAsync("UPDATE users SET name = 'other' WHERE id = 50", timeout, stopAfterError: false);
        var same = await RunWriterAsync("UPDATE users SET name = 'same' WHERE id = 5", timeout, stopAfterError: true);
        await transaction.CommitAsync(Ct);

        Assert.Empty(others.Errors);
        Assert.Equal(0, same.Writes);
        Assert.Contains(same.Errors, e => e.SqlState == PostgresErrorCodes.QueryCanceled);
    }

    private async Task<WriterReport> RunWriterAsync(string sql, TimeSpan statementTimeout, bool stopAfterError)
    {
        var options = new ConcurrentWriterOptions { Statements = [new("write", sql)], StatementTimeout = statementTimeout };
        await using var writer = await ConcurrentWriter.StartAsync(Db.ConnectionString, options, Ct);
        if (stopAfterError)
        {
            while (writer.ErrorCount == 0)
            {
                await Task.Delay(10, Ct);
            }
        }
        else
        {
            await writer.WaitForWritesAsync(20, Ct);
        }

        return await writer.StopAsync();
    }
}
