using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>
/// A foreign key a type change of one column reaches: one that references the column (from another table, or the same
/// one), or one of the column's own table that the column is part of. PostgreSQL rebuilds and re-checks it when the
/// type change rewrites, under ACCESS EXCLUSIVE on both tables (measured on PostgreSQL 15, <c>TypeChangeLockFacts</c>).
/// </summary>
/// <param name="Other">The table on the far side: the referencing table, or the referenced one.</param>
/// <param name="Referencing">True when <paramref name="Other"/> references the altered column.</param>
/// <param name="Columns">The foreign key's own columns (on the referencing side).</param>
/// <param name="OtherColumnTypes">For a referencing foreign key: the types of its columns.</param>
public sealed record TypeChangeLink(TableFacts Other, Identifier Constraint, string? Definition, bool Referencing, ImmutableArray<Identifier> Columns, ImmutableArray<TypeName> OtherColumnTypes)
{
    /// <summary>Every foreign key a type change of <paramref name="column"/> in <paramref name="table"/> reaches, referencing ones first.</summary>
    internal static ImmutableArray<TypeChangeLink> Of(PlanningScope scope, Table table, Identifier column)
    {
        var links = ImmutableArray.CreateBuilder<TypeChangeLink>();
        foreach (var (other, fk) in scope.Catalog.ReferencingForeignKeys(table))
        {
            var referenced = fk.Definition is null ? [] : DefinitionRenames.ReferencedColumns(fk.Definition);
            bool reaches = referenced.Count > 0
                ? referenced.Contains(column.Value)
                : table.PrimaryKey is { } pk && pk.Columns.Any(c => c.Value == column.Value);
            if (reaches && fk.Name is { } name)
            {
                links.Add(new TypeChangeLink(scope.Facts(other), name, fk.Definition, Referencing: true, [.. fk.Columns],
                    [.. fk.Columns.Select(c => other.FindColumn(c)?.Type).OfType<TypeName>()]));
            }
        }

        foreach (var fk in table.Constraints)
        {
            if (fk.Kind == ConstraintKind.ForeignKey && fk.Columns.Any(c => c.Value == column.Value) && fk.Name is { } name
                && fk.ReferencedTable is { } r && scope.Catalog.FindTable(r) is { } referenced)
            {
                links.Add(new TypeChangeLink(scope.Facts(referenced), name, fk.Definition, Referencing: false, [.. fk.Columns], []));
            }
        }

        return links.ToImmutable();
    }

    /// <summary>The other tables, each once, without the altered table itself.</summary>
    public static IEnumerable<TableFacts> OtherTables(ImmutableArray<TypeChangeLink> links, QualifiedName altered) =>
        links.Select(l => l.Other).Where(o => o.Name.Key != altered.Key).DistinctBy(o => o.Name.Key);
}
