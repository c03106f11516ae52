using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>Applies one ALTER TABLE subcommand to a table of the catalog.</summary>
internal sealed class AlterTableApplier(Catalog catalog, SchemaApplier owner, Table table, bool strict, List<Diagnostic> diagnostics)
{
    /// <summary>ALTER TABLE ONLY: a key added to a partitioned table is not made on its partitions.</summary>
    public bool Only { get; init; }

    public void Apply(AlterTableAction action)
    {
        var at = action.Location;
        switch (action)
        {
            case AddColumnAction a:
                owner.AddColumnFromAlter(at, table, a);
                break;
            case DropColumnAction a:
                if ((a.IfExists ? table.FindColumn(a.Column) : owner.RequireColumn(at, table, a.Column)) is not null)
                {
                    DropColumn(a.Column);
                }

                break;
            case RenameColumnAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } renamed)
                {
                    RenameColumn(renamed, a.NewName);
                    RenameInPartitions(table, a.Column, a.NewName);
                }

                break;
            case AlterColumnTypeAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } typed)
                {
                    typed.Type = a.Type;
                    typed.NullInEveryRow = false; // USING may compute a value from NULL
                }

                break;
            case SetNotNullAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } nn)
                {
                    nn.NotNull = true;
                }

                break;
            case DropNotNullAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } dn)
                {
                    dn.NotNull = false;
                }

                break;
            case SetDefaultAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } sd)
                {
                    sd.Default = a.Default;
                }

                break;
            case AddIdentityAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } identity)
                {
                    identity.Type = SerialTypes.Underlying(identity.Type);
                    identity.Default = null;
                    identity.Identity = true;
                    identity.NotNull = true;
                }

                break;
            case DropDefaultAction a:
                if (owner.RequireColumn(at, table, a.Column) is { } dd)
                {
                    dd.Default = null;
                }

                break;
            case AddConstraintAction a:
                owner.AddConstraintFromAlter(at, table, a.Constraint, Only);
                break;
            case DropConstraintAction a:
                if (RequireConstraint(at, a.Name, a.IfExists) is { } c)
                {
                    catalog.RemoveConstraint(table, c);
                    if (c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique && catalog.FindIndex(new QualifiedName(table.Name.Schema, a.Name)) is { } idx)
                    {
                        catalog.RemoveIndex(idx);
                    }
                }

                break;
            case ValidateConstraintAction a:
                if (RequireConstraint(at, a.Name, ifExists: false) is { } v)
                {
                    v.Validated = true;
                }

                break;
            case RenameConstraintAction a:
                if (RequireConstraint(at, a.Name, ifExists: false) is { } r)
                {
                    catalog.RenameConstraint(table, r, a.NewName);
                }

                break;
            case RenameTableAction a:
                catalog.RenameTable(table, new QualifiedName(table.Name.Schema, a.NewName));
                break;
            case SetSchemaAction a:
                catalog.RenameTable(table, new QualifiedName(a.Schema, table.Name.Name));
                break;
            case AttachPartitionAction a:
                if (owner.RequireTable(at, a.Partition) is { } attached)
                {
                    catalog.AttachPartition(table, attached);
                    owner.InheritKeysAndIndexes(table, attached);
                }

                break;
            case DetachPartitionAction a:
                if (owner.RequireTable(at, a.Partition) is { } detached && detached.PartitionParent == table)
                {
                    catalog.DetachPartition(detached);
                }

                break;
            case SetTriggerStateAction:
                break;
            case RowSecurityAction forced when forced.Force:
                table.ForceRowSecurity = forced.On;
                break;
            case RowSecurityAction security:
                table.RowSecurity = security.On;
                break;
            default:
                throw new System.Diagnostics.UnreachableException(action.GetType().Name);
        }
    }

    private Constraint? RequireConstraint(SourceLocation at, Identifier name, bool ifExists)
    {
        var c = table.FindConstraint(name);
        if (c is null && !ifExists && strict)
        {
            diagnostics.Add(new Diagnostic(at, $"constraint {name.Quoted} of table {table.Name.Quoted} does not exist"));
        }

        return c;
    }

    private void DropColumn(Identifier name)
    {
        table.RemoveColumn(name);
        catalog.RemoveConstraints(table, c => c.Columns.Any(col => col.Value == name.Value));
        foreach (var index in table.Indexes.Where(i => i.Columns.Any(col => col?.Value == name.Value)).ToList())
        {
            catalog.RemoveIndex(index);
        }
    }

    /// <summary>PostgreSQL renames the column in every partition too (it is inherited), with their keys and indexes.</summary>
    private void RenameInPartitions(Table parent, Identifier column, Identifier newName)
    {
        foreach (var partition in parent.Partitions)
        {
            if (partition.FindColumn(column) is { } inherited)
            {
                new AlterTableApplier(catalog, owner, partition, strict, diagnostics).RenameColumn(inherited, newName);
            }

            RenameInPartitions(partition, column, newName);
        }
    }

    private void RenameColumn(Column column, Identifier newName)
    {
        string old = column.Name.Value;
        table.RenameColumn(column, newName);
        foreach (var c in table.Constraints)
        {
            ReplaceAll(c.Columns, old, newName);
        }

        foreach (var index in table.Indexes)
        {
            for (int i = 0; i < index.Columns.Count; i++)
            {
                if (index.Columns[i]?.Value == old)
                {
                    index.Columns[i] = newName;
                }
            }

            if (index.Definition is { } d)
            {
                index.Definition = DefinitionRenames.RenameColumn(d, old, newName);
            }
        }

        // Rollbacks written after the rename re-add foreign keys from these definitions: they must name the column as it is then.
        foreach (var c in table.Constraints.Where(c => c.Kind == ConstraintKind.ForeignKey && c.Definition is not null))
        {
            c.Definition = DefinitionRenames.RenameForeignKeyColumn(c.Definition!, own: true, old, newName);
        }

        foreach (var (_, fk) in catalog.ReferencingForeignKeys(table).Where(r => r.Constraint.Definition is not null).ToList())
        {
            fk.Definition = DefinitionRenames.RenameForeignKeyColumn(fk.Definition!, own: false, old, newName);
        }

        // PostgreSQL renames the column in every partition too (an inherited column cannot keep its own name).
        foreach (var partition in table.Partitions)
        {
            if (partition.FindColumn(new Identifier(old)) is { } inherited)
            {
                new AlterTableApplier(catalog, owner, partition, strict, diagnostics).RenameColumn(inherited, newName);
            }
        }
    }

    private static void ReplaceAll(List<Identifier> list, string old, Identifier replacement)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Value == old)
            {
                list[i] = replacement;
            }
        }
    }
}
