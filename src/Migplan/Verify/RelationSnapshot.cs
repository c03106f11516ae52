using System.Collections.Immutable;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// A user relation at one moment: its name, kind (<c>r</c>, <c>p</c>, <c>i</c>, <c>S</c>, <c>v</c>, ...), file node, and
/// for an index or an owned sequence the table it belongs to.
/// </summary>
public sealed record RelationInfo(uint Oid, string Schema, string Name, char Kind, uint FileNode, uint? Owner)
{
    /// <summary><c>schema.name</c>, unquoted.</summary>
    public string Key => Schema + "." + Name;
}

/// <summary>
/// Every relation outside the system schemas (and <c>migplan</c>'s own), by oid: names the locks a step takes, and
/// tells which relations it rewrote (a changed <c>pg_relation_filenode</c>) or created (an oid it did not have).
/// </summary>
public sealed class RelationSnapshot
{
    private const string Sql = """
        SELECT c.oid, n.nspname, c.relname, c.relkind::text, coalesce(pg_catalog.pg_relation_filenode(c.oid), 0::oid),
               coalesce(i.indrelid, (SELECT d.refobjid FROM pg_catalog.pg_depend d
                                      WHERE c.relkind = 'S' AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
                                        AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i') LIMIT 1))
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'migplan')
           AND n.nspname NOT LIKE 'pg\_temp%' AND n.nspname NOT LIKE 'pg\_toast\_temp%'
        """;

    internal RelationSnapshot(ImmutableDictionary<uint, RelationInfo> relations) => Relations = relations;

    public ImmutableDictionary<uint, RelationInfo> Relations { get; }

    public static async Task<RelationSnapshot> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var rows = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var relations = ImmutableDictionary.CreateBuilder<uint, RelationInfo>();
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            uint oid = rows.GetFieldValue<uint>(0);
            relations[oid] = new RelationInfo(oid, rows.GetString(1), rows.GetString(2), rows.GetString(3)[0], rows.GetFieldValue<uint>(4),
                rows.IsDBNull(5) ? null : rows.GetFieldValue<uint>(5));
        }

        return new RelationSnapshot(relations.ToImmutable());
    }

    /// <summary>The relations of <paramref name="after"/>'s moment whose file node differs from this one's: rewritten (or truncated).</summary>
    public ImmutableArray<RelationInfo> RewrittenIn(RelationSnapshot after) =>
        [.. Relations.Values
            .Where(r => r.FileNode != 0 && after.Relations.TryGetValue(r.Oid, out var a) && a.FileNode != 0 && a.FileNode != r.FileNode)
            .OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The table an index or owned sequence belongs to (itself otherwise).</summary>
    public RelationInfo TableOf(RelationInfo relation) =>
        relation.Owner is { } owner && Relations.TryGetValue(owner, out var table) ? table : relation;
}
