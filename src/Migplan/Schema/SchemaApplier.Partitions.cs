using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>
/// A table that becomes a partition (PARTITION OF, ATTACH PARTITION) gets the partitioned table's primary key, unique
/// constraints and indexes, as PostgreSQL makes them: a partition's index that matches is taken over, else one is made
/// and named for the partition (pg_dump attaches partitions before it writes any index, so nothing is made then).
/// </summary>
public sealed partial class SchemaApplier
{
    internal void InheritKeysAndIndexes(Table parent, Table partition)
    {
        var schema = partition.Name.Schema!;
        var names = new ObjectNames(catalog);
        foreach (var key in parent.Constraints.Where(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique).ToList())
        {
            if (partition.Constraints.Any(c => c.Kind == key.Kind && c.Columns.Select(k => k.Value).SequenceEqual(key.Columns.Select(k => k.Value))))
            {
                continue;
            }

            bool primary = key.Kind == ConstraintKind.PrimaryKey;
            var name = names.ChooseRelationName(schema, partition.Name.Name.Value,
                primary ? null : ObjectNames.NameAddition(ObjectNames.IndexColumnNames(key.Columns.Select(k => k.Value))), primary ? "pkey" : "key", isConstraint: true);
            SetPrimaryKeyNotNull(partition, key.Kind, key.Columns);
            catalog.AddConstraint(partition, new Constraint(name, key.Kind) { Columns = key.Columns, InheritedFrom = key });
        }

        var keyNames = parent.Constraints.Select(c => c.Name?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var index in parent.Indexes.Where(i => !keyNames.Contains(i.Name.Name.Value)).ToList())
        {
            if (partition.Indexes.Any(i => i.ParentIndex is null && i.Unique == index.Unique && !i.HasPredicate && !index.HasPredicate
                && i.Columns.All(c => c is not null) && i.Columns.Select(c => c?.Value).SequenceEqual(index.Columns.Select(c => c?.Value))))
            {
                continue; // taken over (attached) by PostgreSQL, under its own name
            }

            var elementNames = index.Definition is { } d
                ? d.Elements.Select(e => e.ColumnName).Concat(d.Include.Select(i => i.Value))
                : index.Columns.Select(c => c?.Value ?? "expr");
            var name = new QualifiedName(schema, names.ChooseRelationName(schema, partition.Name.Name.Value, ObjectNames.NameAddition(ObjectNames.IndexColumnNames(elementNames)), "idx", isConstraint: false));
            catalog.AddIndex(new Index(name, partition)
            {
                Unique = index.Unique, HasPredicate = index.HasPredicate, Columns = index.Columns, ParentIndex = index,
                Definition = index.Definition is { } def ? def with { Name = name.Name, Table = partition.Name, Only = false, IfNotExists = false } : null,
            });
        }
    }
}
