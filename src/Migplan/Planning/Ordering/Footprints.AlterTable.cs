using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Ordering;

/// <summary>The footprint of each ALTER TABLE subcommand.</summary>
internal static partial class Footprints
{
    private static Footprint Action(Catalog catalog, Table table, AlterTableAction action)
    {
        var f = new Footprint { TableId = table.Id };
        f.Uses.Add(TableKey(table));
        switch (action)
        {
            case AddColumnAction a:
                f.Makes.Add(Column(table, a.Column.Name));
                UsesType(catalog, a.Column.Type, f);
                foreach (var c in a.Column.Constraints)
                {
                    ColumnConstraint(catalog, table, c, f);
                }

                break;
            case DropColumnAction a:
                f.Frees.Add(Column(table, a.Column));
                if (table.FindColumn(a.Column) is { } dropped)
                {
                    UsesType(catalog, dropped.Type, f);
                }

                foreach (var c in table.Constraints.Where(c => c.Columns.Any(x => x.Value == a.Column.Value)))
                {
                    FreesConstraint(catalog, table, c, f);
                }

                foreach (var i in table.Indexes.Where(i => i.Columns.Any(x => x?.Value == a.Column.Value)))
                {
                    f.Frees.Add(Relation(i.Name));
                }

                f.Frees.Add(Dependents(table));
                break;
            case RenameColumnAction a:
                f.Frees.Add(Column(table, a.Column));
                f.Makes.Add(Column(table, a.NewName));
                break;
            case AlterColumnTypeAction a:
                f.Makes.Add(Column(table, a.Column));
                f.Uses.Add(Dependents(table));
                UsesType(catalog, a.Type, f);
                if (table.FindColumn(a.Column) is { } altered)
                {
                    UsesType(catalog, altered.Type, f);
                }

                UsesColumns(table, a.Using?.Columns.Select(c => c.Column) ?? [], f);
                break;
            case SetNotNullAction a:
                f.Uses.Add(Column(table, a.Column));
                break;
            case DropNotNullAction a:
                f.Uses.Add(Column(table, a.Column));
                break;
            case SetDefaultAction a:
                f.Uses.Add(Column(table, a.Column));
                break;
            case DropDefaultAction a:
                f.Uses.Add(Column(table, a.Column));
                break;
            case AddConstraintAction a:
                TableConstraint(catalog, table, a.Constraint, f);
                break;
            case DropConstraintAction a:
                if (table.FindConstraint(a.Name) is { } dropping)
                {
                    FreesConstraint(catalog, table, dropping, f);
                }
                else
                {
                    f.Frees.Add(ConstraintKey(table, a.Name));
                }

                f.Frees.Add(Dependents(table));
                break;
            case ValidateConstraintAction a:
                f.Uses.Add(ConstraintKey(table, a.Name));
                break;
            case RenameConstraintAction a:
                f.Frees.Add(ConstraintKey(table, a.Name));
                f.Makes.Add(ConstraintKey(table, a.NewName));
                if (table.FindConstraint(a.Name) is { Kind: ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude })
                {
                    f.Frees.Add(Relation(new QualifiedName(table.Name.Schema, a.Name)));
                    f.Makes.Add(Relation(new QualifiedName(table.Name.Schema, a.NewName)));
                }

                break;
            case RenameTableAction a:
                RenamesTable(table, new QualifiedName(table.Name.Schema, a.NewName), f);
                break;
            case SetSchemaAction a:
                RenamesTable(table, new QualifiedName(a.Schema, table.Name.Name), f);
                break;
            case AttachPartitionAction or DetachPartitionAction:
                f.Makes.Add(TableKey(table));
                f.Makes.Add(Rows(table));
                var partition = action is AttachPartitionAction attach ? attach.Partition : ((DetachPartitionAction)action).Partition;
                if (catalog.FindTable(partition) is { } moved)
                {
                    f.Makes.Add(TableKey(moved));
                }

                break;
            case RowSecurityAction:
                f.Makes.Add(Rows(table)); // which rows each role sees and may write
                break;
            case SetTriggerStateAction:
                f.Makes.Add(Rows(table)); // which triggers fire decides what later writes do
                break;
        }

        return f;
    }

    private static void RenamesTable(Table table, QualifiedName newName, Footprint f)
    {
        f.Makes.Add(TableKey(table));
        f.Frees.Add(Relation(table.Name));
        f.Frees.Add(TypeKey(table.Name));
        f.Makes.Add(Relation(newName));
        f.Makes.Add(TypeKey(newName));
    }
}
