using Migplan.Planning.Operations;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>
/// Turns one change statement into operations, looking at the schema as it is just before the
/// statement (the caller applies the statement to the catalog afterwards). This is the registration
/// of the operations: each one looks up what it needs in its own factory or is built from the statement.
/// </summary>
internal sealed class StatementPlanner(PlanningScope scope)
{
    private readonly AlterTablePlanner _alterTable = new(scope);

    public IEnumerable<Operation> Plan(Statement statement) => statement switch
    {
        AlterTableStatement s => _alterTable.Plan(s),
        CreateTableStatement s => [CreateTableOperation.For(scope, s)],
        CreateIndexStatement s => One(CreateIndexOperation.For(scope, s)),
        DropTableStatement s => s.Names.SelectMany(n => One(DropTableOperation.For(scope, s, Reshaping(n)))),
        DropIndexStatement s => s.Names.Select(n => DropIndexOperation.For(scope, s, n)),
        AlterIndexRenameStatement s => [RenameIndexOperation.For(scope, s)],
        UpdateStatement s => One(BatchedDmlOperation.For(scope, s)),
        DeleteStatement s => One(BatchedDmlOperation.For(scope, s)),
        InsertStatement s => [InsertOperation.For(scope, s)],
        TruncateStatement s => [new TruncateOperation(s, [.. s.Tables.Select(scope.Catalog.Resolve)])],
        CreateTypeStatement s => [new CreateTypeOperation(s, scope.Catalog.Resolve(s.Name))],
        CreateSequenceStatement s => [new CreateSequenceOperation(s, scope.Catalog.Resolve(s.Name))],
        AlterTypeAddValueStatement s => [new EnumAddValueOperation(s, scope.Catalog.Resolve(s.Type))],
        AlterTypeRenameValueStatement s => [new EnumRenameValueOperation(s, scope.Catalog.Resolve(s.Type))],
        CommentStatement s => [CommentOperation.For(scope, s)],
        PrivilegeStatement s => [PrivilegeOperation.For(scope, s)],
        AlterSequenceStatement s => [AlterSequenceOperation.For(scope, s)],
        OpaqueStatement { Defines: CreateDefinition d } s => [d.Target.Kind switch
        {
            DefinitionKind.Function or DefinitionKind.Procedure => CreateRoutineOperation.For(scope, s, d),
            DefinitionKind.View => CreateViewOperation.For(scope, s, d),
            DefinitionKind.Trigger => CreateTriggerOperation.For(scope, s, d),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        }],
        OpaqueStatement { Defines: DropDefinition d } s => [d.Targets[0].Kind switch
        {
            DefinitionKind.Function or DefinitionKind.Procedure => DropRoutineOperation.For(scope, s, d),
            DefinitionKind.View => DropViewOperation.For(scope, s, d),
            DefinitionKind.Trigger => DropTriggerOperation.For(scope, s, d),
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        }],
        OpaqueStatement s => [new UnanalysedOperation(s)],
        TransactionStatement or SetStatement or LockTableStatement => [],
        _ => throw new System.Diagnostics.UnreachableException(statement.GetType().Name),
    };

    /// <summary>A table dropped: a compatibility view of an earlier rename must not be kept over it (see ChangeFacts.Reshapes).</summary>
    private Sql.QualifiedName Reshaping(Sql.QualifiedName name)
    {
        if (scope.Catalog.FindTable(name) is { } table)
        {
            scope.Change.Reshaped(table.Id);
        }

        return name;
    }

    private static IEnumerable<Operation> One(Operation? operation) => operation is null ? [] : [operation];
}
