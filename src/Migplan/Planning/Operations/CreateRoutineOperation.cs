using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// CREATE [OR REPLACE] FUNCTION / PROCEDURE as written: catalog rows only, no lock on any table (measured on PostgreSQL
/// 15), except that a LANGUAGE sql body is checked when created and takes ACCESS SHARE on the tables it reads (ROW
/// EXCLUSIVE on those it writes), so it waits only behind an ACCESS EXCLUSIVE holder. A new routine's rollback drops
/// exactly it (its identity argument types: overloads exist); a replaced one's restores the schema's definition; when
/// the schema does not have the routine it replaces, the rollback says so and is done by hand.
/// </summary>
public sealed class CreateRoutineOperation(OpaqueStatement statement, CreateDefinition create, string defaultSchema, DefinedObject? previous, bool droppedBefore, ImmutableArray<DefinedObject> triggers, ImmutableArray<LockTaken> reads)
    : Operation(statement.Location)
{
    internal static CreateRoutineOperation For(PlanningScope scope, OpaqueStatement statement, CreateDefinition create) =>
        new(statement, create, scope.Catalog.DefaultSchema, create.OrReplace ? scope.Catalog.Objects.Find(create.Target, scope.Catalog.DefaultSchema) : null,
            scope.Catalog.Objects.WasDropped(create.Target, scope.Catalog.DefaultSchema),
            create.OrReplace ? DefinedObjectSql.TriggersRunning(scope.Catalog, create.Target) : [],
            create.Language == "sql" ? DefinedObjectSql.Reads(scope.Catalog, statement.Text, null) : []);

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var target = create.Target;
        var name = DefinedObjectSql.NameOf(target, defaultSchema);
        var kind = DefinedObjectSql.KindText(target);
        bool replaces = previous is not null;
        var rollback = previous is { Created: not null } p
            ? new Rollback(DefinedObjectSql.Restore(p, target), DataLoss.None, Message.Of("rollback.restore-definition", kind))
            : create.OrReplace && !droppedBefore
                ? DefinedObjectSql.Unknown(target, defaultSchema, DefinedObjectSql.Drop(target))
                : new Rollback(DefinedObjectSql.Drop(target), DataLoss.None, Message.Of("rollback.drop-new-routine", kind));
        var (risk, reason) = !create.OrReplace || (previous is null && droppedBefore) ? (RiskLevel.Low, Message.Of("risk.create-routine", kind))
            : !triggers.IsEmpty ? (RiskLevel.High, Message.Of("risk.replace-trigger-function", DefinedObjectSql.Names(triggers)))
            : replaces ? (RiskLevel.Medium, Message.Of("risk.replace-routine", kind))
            : (RiskLevel.Medium, Message.Of("risk.replace-routine-unknown", kind));
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(Message.Of(create.OrReplace ? "action.replace-routine" : "action.create-routine", kind));
        if (create.Language == "sql")
        {
            actions.Add(Message.Of("action.sql-body-checked"));
        }

        yield return new AsIs(Phase.SchemaChanges, $"{(create.OrReplace ? "replace" : "create")}_{target.Kind.ToString().ToLowerInvariant()}.{target.Name.Name.Value}",
            Message.Of(create.OrReplace ? "title.replace-defined" : "title.create-defined", kind, name), statement.Text + ";\n")
        {
            Locks = reads,
            Timeouts = TimeoutPolicy.Brief,
            Rollback = rollback,
            Verification = DefinedObjectSql.Present([target], present: true),
            Risk = risk,
            RiskReason = reason,
            Actions = actions.ToImmutable(),
        }.Step(context);
    }
}
