using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>SET SCHEMA: metadata only, but queries using the old qualified name fail at once.</summary>
public sealed class SetSchemaOperation(QualifiedName table, SetSchemaAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"set_schema.{slugBase}", Message.Of("title.set-schema", Name(slugBase), Name(a.Schema.Value)), RiskLevel.Medium, Message.Of("risk.set-schema-breaks-qualified-name"),
            new Rollback($"ALTER TABLE {new QualifiedName(a.Schema, table.Name).Quoted} SET SCHEMA {table.Schema!.Quoted};\n", DataLoss.None, Message.Of("rollback.move-back")),
            PlanSql.RelationExists(new QualifiedName(a.Schema, table.Name)), Message.Of("action.set-schema")).Step(context);
    }
}
