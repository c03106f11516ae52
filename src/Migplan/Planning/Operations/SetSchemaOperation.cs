using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>SET SCHEMA: metadata only, but queries using the old qualified name fail at once. Every dependent of the table is listed.</summary>
public sealed class SetSchemaOperation : Operation
{
    private readonly QualifiedName _table;
    private readonly SetSchemaAction _action;

    private SetSchemaOperation(QualifiedName table, SetSchemaAction action) : base(action.Location)
    {
        _table = table;
        _action = action;
    }

    internal ImmutableArray<RenameDependent> Dependents { get; private init; } = [];

    internal static SetSchemaOperation For(PlanningScope scope, Table table, SetSchemaAction action) =>
        new(table.Name, action) { Dependents = table.CreatedInChange ? [] : RenameDependents.OfTable(scope, table) };

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = _action;
        var table = _table;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, a);
        yield return AsIs.Brief(sql, table, $"set_schema.{slugBase}", Message.Of("title.set-schema", Name(slugBase), Name(a.Schema.Value)), RiskLevel.Medium,
            RenameDependents.Risk(Message.Of("risk.set-schema-breaks-qualified-name"), Dependents),
            new Rollback($"ALTER TABLE {new QualifiedName(a.Schema, table.Name).Quoted} SET SCHEMA {table.Schema!.Quoted};\n", DataLoss.None, Message.Of("rollback.move-back")),
            PlanSql.RelationExists(new QualifiedName(a.Schema, table.Name)),
            [Message.Of("action.set-schema"), .. RenameDependents.Actions(Dependents, Name(table.Quoted))]).Step(context);
    }
}
