using System.Collections.Immutable;
using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>The on-disk file numbers of a table and its indexes at one moment.</summary>
/// <param name="Table">The table as given (any <c>regclass</c> spelling).</param>
/// <param name="TableFilenode">pg_relation_filenode of the table.</param>
/// <param name="IndexFilenodes">pg_relation_filenode of each index on the table, by index name.</param>
public sealed record RelfileSnapshot(string Table, uint TableFilenode, ImmutableSortedDictionary<string, uint> IndexFilenodes);

/// <summary>Before/after file numbers: a changed file number means the relation was rewritten.</summary>
public sealed record RewriteReport(RelfileSnapshot Before, RelfileSnapshot After)
{
    /// <summary>True when the table got a new relfilenode (a table rewrite).</summary>
    public bool TableRewritten => Before.TableFilenode != After.TableFilenode;

    /// <summary>Indexes present before and after whose relfilenode changed (rebuilt).</summary>
    public ImmutableSortedSet<string> RebuiltIndexes =>
        Before.IndexFilenodes
            .Where(i => After.IndexFilenodes.TryGetValue(i.Key, out var after) && after != i.Value)
            .Select(i => i.Key)
            .ToImmutableSortedSet(StringComparer.Ordinal);

    public override string ToString() =>
        $"{Before.Table}: table {(TableRewritten ? "rewritten" : "kept")} ({Before.TableFilenode} -> {After.TableFilenode}), " +
        $"rebuilt indexes [{string.Join(", ", RebuiltIndexes)}]";
}

/// <summary>
/// Tells whether a statement rewrote a table: compares the file nodes of the table and of its indexes before and after,
/// as <c>migplan verify</c> does (<see cref="Migplan.Verify.RelationSnapshot"/>).
/// </summary>
public static class RewriteProbe
{
    /// <summary>Reads the file numbers of <paramref name="table"/> and its indexes.</summary>
    public static async Task<RelfileSnapshot> SnapshotAsync(
        NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        uint oid;
        await using (var command = new NpgsqlCommand("SELECT $1::regclass::oid", connection))
        {
            command.Parameters.AddWithValue(table);
            oid = await command.ExecuteScalarAsync(cancellationToken) as uint?
                ?? throw new InvalidOperationException($"Relation {table} not found.");
        }

        var snapshot = await Migplan.Verify.RelationSnapshot.ReadAsync(connection, cancellationToken);
        var relation = snapshot.Relations.TryGetValue(oid, out var r) && r.FileNode != 0
            ? r
            : throw new InvalidOperationException($"Relation {table} has no file node.");
        var indexes = snapshot.Relations.Values
            .Where(i => i.Owner == oid && i.Kind is 'i' or 'I')
            .ToImmutableSortedDictionary(i => i.Name, i => i.FileNode, StringComparer.Ordinal);
        return new RelfileSnapshot(table, relation.FileNode, indexes);
    }

    /// <summary>Snapshots <paramref name="table"/>, runs <paramref name="statement"/> (autocommit), snapshots again.</summary>
    public static async Task<RewriteReport> MeasureAsync(
        ScratchDatabase db, string table, string statement, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var before = await SnapshotAsync(connection, table, cancellationToken);
        await using (var command = new NpgsqlCommand(statement, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var after = await SnapshotAsync(connection, table, cancellationToken);
        return new RewriteReport(before, after);
    }
}
