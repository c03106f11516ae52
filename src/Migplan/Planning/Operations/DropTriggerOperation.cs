using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP TRIGGER as written: ACCESS EXCLUSIVE on its table for a moment (measured on PostgreSQL 15: reads and writes
/// wait), retried in short attempts. Its rollback creates the trigger again from the schema's definition; a trigger the
/// schema does not have is restored by hand.
/// </summary>
public sealed class DropTriggerOperation(OpaqueStatement statement, DropDefinition drop, string defaultSchema, DefinedObject? known) : Operation(statement.Location)
{
    internal static DropTriggerOperation For(PlanningScope scope, OpaqueStatement statement, DropDefinition drop) =>
        new(statement, drop, scope.Catalog.DefaultSchema, scope.Catalog.Objects.Find(drop.Targets[0], scope.Catalog.DefaultSchema));

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var target = drop.Targets[0];
        var table = target.Table!.WithDefaultSchema(defaultSchema);
        var kind = DefinedObjectSql.KindText(target);
        yield return new AsIs(Phase.SchemaChanges, $"drop_trigger.{target.Name.Name.Value}", Message.Of("title.drop-defined", kind, DefinedObjectSql.NameOf(target, defaultSchema)), statement.Text + ";\n")
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", table.Quoted),
            Rollback = DroppedDefinitions.For([(target, known)], defaultSchema, drop with { Cascade = false }, []), // nothing depends on a trigger
            Verification = DefinedObjectSql.Present([target], present: false),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.drop-trigger", Name(table.Quoted)),
            Actions = [Message.Of("action.drop-trigger")],
        }.Step(context);
    }
}
