using System.Collections.Immutable;
using Migplan.Sql;
using Npgsql;

namespace Migplan.Verify.Rows;

/// <summary>Reads from pg_catalog what the row generator needs: tables, columns, keys, checks, partitions, owned sequences.</summary>
internal sealed class RowsCatalog
{
    private RowsCatalog(ImmutableArray<RowsTable> tables, ImmutableArray<OwnedSequence> sequences)
    {
        Tables = tables;
        Sequences = sequences;
        ByOid = tables.ToDictionary(t => t.Oid);
    }

    public ImmutableArray<RowsTable> Tables { get; }

    public ImmutableArray<OwnedSequence> Sequences { get; }

    public IReadOnlyDictionary<uint, RowsTable> ByOid { get; }

    /// <summary>
    /// The tables that hold rows: ordinary tables and leaf partitions (foreign tables are reported, not filled). An
    /// extension's tables are its own: they are read (a foreign key may reference one) but never written.
    /// </summary>
    public IEnumerable<RowsTable> Fillable => Tables.Where(t => !t.IsPartitioned && !t.InExtension);

    /// <summary>The leaves of a table: itself for an ordinary table, every leaf partition below a partitioned one.</summary>
    public IEnumerable<RowsTable> LeavesOf(uint oid)
    {
        if (!ByOid.TryGetValue(oid, out var table))
        {
            yield break;
        }

        if (!table.IsPartitioned)
        {
            yield return table;
            yield break;
        }

        foreach (var child in Tables.Where(t => t.Parent == oid))
        {
            foreach (var leaf in LeavesOf(child.Oid))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>The partitioned table at the top of a partition's tree (the table itself when it is none).</summary>
    public RowsTable Root(RowsTable table) =>
        table.Parent is { } p && ByOid.TryGetValue(p, out var parent) ? Root(parent) : table;

    public static async Task<RowsCatalog> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var shells = new List<(uint Oid, QualifiedName Name, char Kind, uint? Parent, string? Bound, string? Constraint, RowsPartitionKey? Key, bool InExtension)>();
        await using (var command = new NpgsqlCommand(RowsCatalogQueries.Tables, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                RowsPartitionKey? key = reader.IsDBNull(7)
                    ? null
                    : new RowsPartitionKey(reader.GetString(7)[0], [.. reader.GetFieldValue<string?[]>(8)]);
                shells.Add((
                    reader.GetFieldValue<uint>(0),
                    new QualifiedName(new Identifier(reader.GetString(1)), new Identifier(reader.GetString(2))),
                    reader.GetString(3)[0],
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<uint>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    key,
                    reader.GetBoolean(9)));
            }
        }

        uint[] oids = [.. shells.Select(s => s.Oid)];
        var columns = await ReadGroupsAsync(connection, RowsCatalogQueries.Columns, oids, ReadColumn, ct).ConfigureAwait(false);
        var uniques = await ReadGroupsAsync(connection, RowsCatalogQueries.Uniques, oids, r => r.GetFieldValue<string[]>(1).ToImmutableArray(), ct).ConfigureAwait(false);
        var foreignKeys = await ReadGroupsAsync(connection, RowsCatalogQueries.ForeignKeys, oids, r => new RowsForeignKey(
            r.GetString(1), [.. r.GetFieldValue<string[]>(3)], r.GetFieldValue<uint>(2), [.. r.GetFieldValue<string[]>(4)]), ct).ConfigureAwait(false);
        var checks = await ReadGroupsAsync(connection, RowsCatalogQueries.Checks, oids, r => new RowsCheck(
            r.GetString(1), r.GetString(2), [.. r.GetFieldValue<string[]>(3)]), ct).ConfigureAwait(false);

        var tables = shells.Select(s => new RowsTable(
            s.Oid, s.Name, s.Kind, s.Parent, s.Bound, s.Constraint, s.Key,
            Group(columns, s.Oid), Group(uniques, s.Oid), Group(foreignKeys, s.Oid), Group(checks, s.Oid), s.InExtension)).ToImmutableArray();
        var byOid = tables.ToDictionary(t => t.Oid);

        var sequences = ImmutableArray.CreateBuilder<OwnedSequence>();
        await using (var command = new NpgsqlCommand(RowsCatalogQueries.OwnedSequences, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("oids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = oids });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (byOid.TryGetValue(reader.GetFieldValue<uint>(1), out var owner))
                {
                    sequences.Add(new OwnedSequence(reader.GetString(0), owner.Name, reader.GetString(2)));
                }
            }
        }

        return new RowsCatalog(tables, sequences.ToImmutable());
    }

    private static ImmutableArray<T> Group<T>(Dictionary<uint, List<T>> groups, uint oid) =>
        groups.TryGetValue(oid, out var list) ? [.. list] : [];

    private static RowsColumn ReadColumn(NpgsqlDataReader r) => new(
        Name: r.GetString(2),
        AttNum: r.GetInt16(1),
        Type: r.GetString(3),
        NotNull: r.GetBoolean(4),
        Default: r.IsDBNull(5) ? null : r.GetString(5),
        Identity: r.GetBoolean(6),
        Generated: r.GetBoolean(7),
        BaseName: r.GetString(8),
        BaseCategory: r.GetString(9)[0],
        BaseTypmod: r.GetInt32(10),
        ElementName: r.IsDBNull(11) ? null : r.GetString(11),
        ElementCategory: r.IsDBNull(12) ? ' ' : r.GetString(12)[0],
        EnumLabels: r.IsDBNull(13) ? [] : [.. r.GetFieldValue<string[]>(13)],
        DomainChecks: r.IsDBNull(14) ? [] : [.. r.GetFieldValue<string[]>(14)]);

    private static async Task<Dictionary<uint, List<T>>> ReadGroupsAsync<T>(
        NpgsqlConnection connection, string sql, uint[] oids, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var groups = new Dictionary<uint, List<T>>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("oids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = oids });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            uint oid = reader.GetFieldValue<uint>(0);
            if (!groups.TryGetValue(oid, out var list))
            {
                groups[oid] = list = [];
            }

            list.Add(read(reader));
        }

        return groups;
    }
}
