using Migplan.IntegrationTests.Support;
using Npgsql;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// Why a foreign key without an index on its columns is warned: deleting a referenced row makes PostgreSQL look for
/// referencing rows, with a sequential scan of the referencing table unless an index leads with the key's columns.
/// </summary>
public sealed class ForeignKeyIndexFacts(PgServer server) : PgTest(server)
{
    private const string Tables = """
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), shop_id bigint);
        INSERT INTO users SELECT g FROM generate_series(1, 2000) g;
        INSERT INTO orders SELECT g, 1 + g % 1000, g % 7 FROM generate_series(1, 20000) g;
        ANALYZE users; ANALYZE orders;
        """;

    [Fact]
    public async Task DeleteOfAReferencedRow_ScansTheReferencingTable_WithoutAnIndexOnTheKeyColumns()
    {
        await Db.ExecuteAsync(Tables, Ct);

        var (seq, idx) = await ScansOfOrdersByDeleteAsync();

        Assert.True(seq >= 1, $"expected a sequential scan of orders, saw {seq} (index scans {idx})");
    }

    [Theory]
    [InlineData("CREATE INDEX ON orders (user_id)")]
    [InlineData("CREATE INDEX ON orders (user_id, shop_id)")]
    public async Task DeleteOfAReferencedRow_UsesAnIndexLeadingWithTheKeyColumns(string index)
    {
        await Db.ExecuteAsync(Tables + index + ";\nANALYZE orders;", Ct);

        var (seq, idx) = await ScansOfOrdersByDeleteAsync();

        Assert.Equal(0L, seq);
        Assert.True(idx >= 1, $"expected an index scan of orders, saw {idx}");
    }

    /// <summary>Deletes a user no order references and counts the scans of orders it caused (in its own transaction).</summary>
    private async Task<(long Seq, long Idx)> ScansOfOrdersByDeleteAsync()
    {
        await using var session = await Db.OpenSessionAsync(Ct);
        await using var transaction = await session.BeginTransactionAsync(Ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM users WHERE id = 1500", session, transaction))
        {
            await delete.ExecuteNonQueryAsync(Ct);
        }

        await using var scans = new NpgsqlCommand("SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'orders'", session, transaction);
        await using var reader = await scans.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
