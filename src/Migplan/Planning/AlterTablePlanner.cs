using Migplan.Planning.Operations;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>Splits ALTER TABLE into one operation per subcommand, each with its own lock and recipe: this is their registration.</summary>
internal sealed class AlterTablePlanner(PlanningScope scope)
{
    public IEnumerable<Operation> Plan(AlterTableStatement s)
    {
        var catalog = scope.Catalog;
        var table = catalog.FindTable(s.Table);
        if (table is null)
        {
            if (s.IfExists)
            {
                scope.Change.NothingToDo(s.Location, catalog.Resolve(s.Table));
            }

            yield break; // otherwise an error reported by the schema applier
        }

        // Names of helper objects must differ from the schema's and from those the statement itself writes.
        var names = new ObjectNames(catalog);
        foreach (var written in s.Actions.SelectMany(WrittenConstraintNames))
        {
            names.ReserveConstraint(table.Name.Schema!, written);
        }

        foreach (var action in s.Actions)
        {
            if (action is DropColumnAction or AlterColumnTypeAction)
            {
                scope.Change.Reshaped(table.Id);
            }

            yield return Plan(table, action, names, s.Only);
        }
    }

    private static IEnumerable<Identifier> WrittenConstraintNames(AlterTableAction action) => action switch
    {
        AddConstraintAction a => a.Constraint.Name is { } n ? [n] : [],
        AddColumnAction a => a.Column.Constraints.Select(c => c.Name).OfType<Identifier>(),
        RenameConstraintAction a => [a.NewName],
        _ => [],
    };

    private Operation Plan(Table table, AlterTableAction action, ObjectNames names, bool only) => action switch
    {
        AddColumnAction a => AddColumnOperation.For(scope, table, a, names),
        SetNotNullAction a => SetNotNullOperation.For(scope, table, a, names),
        DropNotNullAction a => new DropNotNullOperation(table.Name, a),
        SetDefaultAction a => SetDefaultOperation.For(table, a),
        DropDefaultAction a => DropDefaultOperation.For(table, a),
        AddIdentityAction a => AddIdentityOperation.For(scope, table, a),
        AlterColumnTypeAction a => AlterColumnTypeOperation.For(scope, table, a),
        RenameColumnAction a => RenameColumnOperation.For(scope, table, a),
        RenameTableAction a => RenameTableOperation.For(scope, table, a),
        SetSchemaAction a => SetSchemaOperation.For(scope, table, a),
        AddConstraintAction a => AddConstraintOperation.For(scope, table, a, only),
        DropConstraintAction a => DropConstraintOperation.For(table, a),
        ValidateConstraintAction a => ValidateConstraintOperation.For(scope, table, a),
        RenameConstraintAction a => new RenameConstraintOperation(table.Name, a),
        DropColumnAction a => DropColumnOperation.For(scope, table, a),
        AttachPartitionAction a => new AttachPartitionOperation(table.Name, a, scope.Catalog.Resolve(a.Partition)),
        DetachPartitionAction a => new DetachPartitionOperation(table.Name, a, scope.Catalog.Resolve(a.Partition)),
        SetTriggerStateAction a => new SetTriggerStateOperation(table.Name, a),
        RowSecurityAction a => new RowSecurityOperation(table.Name, a, a.Force ? table.ForceRowSecurity : table.RowSecurity),
        _ => throw new System.Diagnostics.UnreachableException(action.GetType().Name),
    };
}
