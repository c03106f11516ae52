using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Planning.Operations;

/// <summary>
/// The foreign keys PostgreSQL validates again when ALTER COLUMN TYPE rewrites a table: those whose columns include the
/// altered column, and those of other tables that reference a key (primary or unique) the altered column is part of.
/// Each validation is one join of the referencing and the referenced table.
/// </summary>
internal static class RewriteForeignKeys
{
    public static IReadOnlyList<(TableFacts Referencing, TableFacts Referenced)> Revalidated(PlanningScope scope, Table table, Identifier column)
    {
        var result = new List<(TableFacts, TableFacts)>();
        var facts = scope.Facts(table);
        foreach (var c in table.Constraints)
        {
            if (c.Kind == ConstraintKind.ForeignKey && c.Columns.Exists(k => k.Value == column.Value)
                && c.ReferencedTable is { } r && scope.Catalog.FindTable(r) is { } referenced)
            {
                result.Add((facts, scope.Facts(referenced)));
            }
        }

        bool inKey = table.Constraints.Exists(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique && c.Columns.Exists(k => k.Value == column.Value));
        if (inKey)
        {
            foreach (var (referencing, _) in scope.Catalog.ReferencingForeignKeys(table))
            {
                result.Add((scope.Facts(referencing), facts));
            }
        }

        return result;
    }
}
