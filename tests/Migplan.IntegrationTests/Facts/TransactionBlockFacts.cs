using Migplan.IntegrationTests.Support;
using Migplan.Planning;
using Migplan.Plans;
using Migplan.Sql;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// migplan and PostgreSQL 15 agree on which statements cannot run inside a transaction block: for each, the plan notes
/// that the change as written fails inside BEGIN ... COMMIT exactly when the server answers 25001 (active_sql_transaction)
/// there. Each runs in a transaction that is rolled back.
/// </summary>
public sealed class TransactionBlockFacts(PgServer server) : PgTest(server)
{
    public static TheoryData<string, bool> Statements() => new()
    {
        { "CREATE INDEX CONCURRENTLY t_c_idx ON t (c)", true },
        { "CREATE UNIQUE INDEX CONCURRENTLY t_n_key ON t (n)", true },
        { "DROP INDEX CONCURRENTLY t_n_idx", true },
        { "REINDEX INDEX CONCURRENTLY t_n_idx", true },
        { "REINDEX (VERBOSE) TABLE CONCURRENTLY t", true },
        { "VACUUM t", true },
        { "VACUUM (ANALYZE) t", true },
        { "ALTER SYSTEM SET work_mem = '8MB'", true },
        { "CREATE INDEX t_c_idx ON t (c)", false },
        { "DROP INDEX t_n_idx", false },
        { "REINDEX INDEX t_n_idx", false },
        { "ANALYZE t", false },
        { "ALTER TABLE t ADD COLUMN d int", false },
        { "ALTER TYPE mood ADD VALUE 'ok'", false },
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.ExecuteAsync("""
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            CREATE TABLE t (id int PRIMARY KEY, c text, n int);
            CREATE INDEX t_n_idx ON t (n);
            """, Ct);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task PlanSaysTheBlockFailsAsWritten_ExactlyWhenTheServerRefusesTheStatementInABlock(string sql, bool refused)
    {
        var parsed = SqlParser.Parse(new SourceText("change.sql", $"BEGIN;\n{sql};\nCOMMIT;\n"));
        Assert.Empty(parsed.Diagnostics);
        var blocks = new TransactionBlocks();
        var notes = parsed.Statements.Select(blocks.Observe).OfType<Message>().ToList();

        Assert.Equal(refused ? "25001" : null, await ServerErrorInBlockAsync(sql));
        Assert.Equal(refused ? 1 : 0, notes.Count);
    }

    private async Task<string?> ServerErrorInBlockAsync(string sql)
    {
        await using var conn = await Db.OpenSessionAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        try
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            await cmd.ExecuteNonQueryAsync(Ct);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }
}
