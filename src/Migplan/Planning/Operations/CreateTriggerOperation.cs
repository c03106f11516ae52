using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// CREATE [OR REPLACE] [CONSTRAINT] TRIGGER as written: SHARE ROW EXCLUSIVE on its table for a moment (measured on
/// PostgreSQL 15: writes wait, reads go on), retried in short attempts. From the commit every write it fires on runs
/// its function. A new trigger's rollback drops it; a replaced one's restores the schema's definition.
/// </summary>
public sealed class CreateTriggerOperation(OpaqueStatement statement, CreateDefinition create, string defaultSchema, DefinedObject? previous, bool droppedBefore) : Operation(statement.Location)
{
    internal static CreateTriggerOperation For(PlanningScope scope, OpaqueStatement statement, CreateDefinition create) =>
        new(statement, create, scope.Catalog.DefaultSchema, create.OrReplace ? scope.Catalog.Objects.Find(create.Target, scope.Catalog.DefaultSchema) : null,
            scope.Catalog.Objects.WasDropped(create.Target, scope.Catalog.DefaultSchema));

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var target = create.Target;
        var table = target.Table!.WithDefaultSchema(defaultSchema);
        var name = DefinedObjectSql.NameOf(target, defaultSchema);
        var kind = DefinedObjectSql.KindText(target);
        var rollback = previous is { Created: not null } p
            ? new Rollback(DefinedObjectSql.Restore(p, target), DataLoss.None, Message.Of("rollback.restore-definition", kind))
            : create.OrReplace && !droppedBefore
                ? DefinedObjectSql.Unknown(target, defaultSchema, DefinedObjectSql.Drop(target))
                : new Rollback(DefinedObjectSql.Drop(target), DataLoss.None, Message.Of("rollback.drop-new-definition", kind));
        yield return new AsIs(Phase.SchemaChanges, $"{(create.OrReplace ? "replace" : "create")}_trigger.{target.Name.Name.Value}",
            Message.Of(create.OrReplace ? "title.replace-defined" : "title.create-defined", kind, name), statement.Text + ";\n")
        {
            Locks = [new LockTaken(LockMode.ShareRowExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.brief-write-lock", Name(table.Quoted)),
            Rollback = rollback,
            Verification = DefinedObjectSql.Present([target], present: true),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of(create.OrReplace ? "risk.replace-trigger" : "risk.create-trigger", Name(table.Quoted), Name(create.TriggerFunction!.Quoted)),
            Actions = [Message.Of("action.create-trigger", Name(create.TriggerFunction!.Quoted))],
        }.Step(context);
    }
}
