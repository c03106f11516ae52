using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>
/// What PostgreSQL makes on the partitions when an index or a key is made on a partitioned table: one index (and, for
/// a key, one constraint of the same name) on every partition, a partitioned one on a partition that is itself
/// partitioned, each named by ChooseIndexName for its partition, depth first in the partitions' order (DefineIndex
/// recurses into a partition before it names the next one).
/// </summary>
public static class PartitionIndexes
{
    /// <summary>One partition under the partitioned table, with the index it gets and the table (and index) it hangs under.</summary>
    public sealed record Member(Table Partition, Table Parent, QualifiedName Index, QualifiedName ParentIndex)
    {
        /// <summary>True for a partition that is itself partitioned: its index is a partitioned index, built by its own partitions.</summary>
        public bool IsPartitioned => Partition.IsPartitioned;
    }

    /// <summary>How the partitions' index names are made: a plain index (<c>_idx</c>), a primary key (<c>_pkey</c>) or a unique constraint (<c>_key</c>).</summary>
    public enum Kind
    {
        Index,
        PrimaryKey,
        Unique,
    }

    /// <summary>
    /// Every partition under <paramref name="table"/>, depth first, with the name its index gets when
    /// <paramref name="index"/> (not yet in the catalog, or already) is made on <paramref name="table"/>.
    /// <paramref name="elementNames"/> are the index columns' names (IndexElement.ColumnName, then INCLUDE).
    /// </summary>
    public static List<Member> Names(Catalog catalog, Table table, QualifiedName index, IReadOnlyList<string> elementNames, Kind kind)
    {
        var names = new ObjectNames(catalog);
        names.ReserveRelation(table.Name.Schema!, index.Name);
        if (kind != Kind.Index)
        {
            names.ReserveConstraint(table.Name.Schema!, index.Name);
        }

        string? addition = kind == Kind.PrimaryKey ? null : ObjectNames.NameAddition(ObjectNames.IndexColumnNames(elementNames));
        string label = kind switch
        {
            Kind.PrimaryKey => "pkey",
            Kind.Unique => "key",
            _ => "idx",
        };
        var members = new List<Member>();
        Walk(table, index);
        return members;

        void Walk(Table parent, QualifiedName parentIndex)
        {
            foreach (var partition in parent.Partitions)
            {
                var schema = partition.Name.Schema!;
                var name = new QualifiedName(schema, names.ChooseRelationName(schema, partition.Name.Name.Value, addition, label, isConstraint: kind != Kind.Index));
                members.Add(new Member(partition, parent, name, parentIndex));
                Walk(partition, name);
            }
        }
    }

    /// <summary>
    /// A partition key column, of <paramref name="table"/> or of a partitioned partition under it, that a unique index
    /// on <paramref name="columns"/> lacks (PostgreSQL refuses it: "unique constraint on partitioned table must include
    /// all partitioning columns"); null when every key column is there or the key has expressions (left to the server).
    /// </summary>
    public static (Table Table, Identifier Column)? MissingKeyColumn(Table table, IReadOnlyList<Identifier?> columns)
    {
        foreach (var key in table.PartitionKey)
        {
            if (key is not null && !columns.Any(c => c is not null && c.Value == key.Value))
            {
                return (table, key);
            }
        }

        foreach (var partition in table.Partitions)
        {
            if (MissingKeyColumn(partition, columns) is { } missing)
            {
                return missing;
            }
        }

        return null;
    }
}
