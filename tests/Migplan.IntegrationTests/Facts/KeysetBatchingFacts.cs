using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// The planner's keyset-batching rule (hazard catalog row 25: "every joined table restricted
/// to the batch range"): a batch of a joined UPDATE restricted only on the target table
/// still scans the whole joined table; restricting both sides keeps every scan on an index.
/// The 200,000-row tables are built once for the class.
/// </summary>
public sealed class KeysetBatchingFacts(PgServer server, KeysetBatchingFacts.UsersWithEmails tables)
    : IClassFixture<KeysetBatchingFacts.UsersWithEmails>
{
    private const string BatchOnUsersOnly =
        "UPDATE users u SET email = ue.email FROM user_emails ue " +
        "WHERE u.id = ue.user_id AND u.id > 1000 AND u.id <= 11000";

    private const string BatchOnBothTables = BatchOnUsersOnly + " AND ue.user_id > 1000 AND ue.user_id <= 11000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BatchedUpdateJoin_RestrictedOnTargetOnly_SeqScansJoinedTable()
    {
        var db = await tables.GetAsync(server, Ct);
        await using var connection = await db.OpenConnectionAsync(Ct);

        var nodes = await ExplainInspector.NodesAsync(connection, BatchOnUsersOnly, Ct);

        Assert.Contains(new PlanNode("Seq Scan", "user_emails"), nodes);
    }

    [Fact]
    public async Task BatchedUpdateJoin_RestrictedOnBothTables_HasNoSeqScan()
    {
        var db = await tables.GetAsync(server, Ct);
        await using var connection = await db.OpenConnectionAsync(Ct);

        var nodes = await ExplainInspector.NodesAsync(connection, BatchOnBothTables, Ct);

        Assert.DoesNotContain(nodes, n => n.NodeType == "Seq Scan");
        Assert.Contains(nodes, n => n.Relation == "users" && n.NodeType.StartsWith("Index", StringComparison.Ordinal));
        Assert.Contains(nodes, n => n.Relation == "user_emails" && n.NodeType.StartsWith("Index", StringComparison.Ordinal));
    }

    /// <summary>
    /// users(id bigint pk, email varchar(255)) and user_emails(user_id bigint pk references
    /// users, email varchar(255)), 200,000 rows each, analyzed; one scratch database for the class.
    /// </summary>
    public sealed class UsersWithEmails : IAsyncDisposable
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private ScratchDatabase? db;

        public async Task<ScratchDatabase> GetAsync(PgServer server, CancellationToken cancellationToken)
        {
            server.RequireConfigured();
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (db is null)
                {
                    var created = await server.CreateScratchDatabaseAsync(cancellationToken);
                    try
                    {
                        await created.ExecuteAsync(
                            """
                            CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255));
                            CREATE TABLE user_emails (user_id bigint PRIMARY KEY, email varchar(255));
                            INSERT INTO users (id) SELECT g FROM generate_series(1, 200000) g;
                            INSERT INTO user_emails SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 200000) g;
                            ALTER TABLE user_emails ADD FOREIGN KEY (user_id) REFERENCES users (id);
                            ANALYZE users;
                            ANALYZE user_emails;
                            """,
                            cancellationToken);
                    }
                    catch
                    {
                        await created.DisposeAsync();
                        throw;
                    }

                    db = created;
                }

                return db;
            }
            finally
            {
                gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }

            gate.Dispose();
        }
    }
}
