using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP FUNCTION / PROCEDURE as written: catalog rows only, no lock on any table (measured on PostgreSQL 15); with
/// CASCADE, the triggers that run it are dropped too, each under ACCESS EXCLUSIVE on its table. The rollback creates each
/// routine again from the schema's definition; what CASCADE dropped with it, and a routine the schema does not have,
/// are restored by hand.
/// </summary>
public sealed class DropRoutineOperation(OpaqueStatement statement, DropDefinition drop, string defaultSchema,
    ImmutableArray<(DefinedName Target, DefinedObject? Known)> targets, ImmutableArray<DefinedObject> users)
    : Operation(statement.Location)
{
    internal static DropRoutineOperation For(PlanningScope scope, OpaqueStatement statement, DropDefinition drop)
    {
        var catalog = scope.Catalog;
        var targets = drop.Targets.Select(t => (t, catalog.Objects.Find(t, catalog.DefaultSchema))).ToImmutableArray();
        var known = targets.Where(t => t.Item2 is not null).Select(t => t.Item2!).ToHashSet();
        var users = drop.Targets.SelectMany(t => DefinedObjectSql.Users(catalog, t).Concat(DefinedObjectSql.TriggersRunning(catalog, t)))
            .Where(o => !known.Contains(o)).Distinct().ToImmutableArray();
        return new DropRoutineOperation(statement, drop, catalog.DefaultSchema, targets, users);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var first = drop.Targets[0];
        var kind = DefinedObjectSql.KindText(first);
        var locked = drop.Cascade
            ? users.Where(u => u.Kind == DefinedKind.Trigger && u.On is not null).Select(u => new LockTaken(LockMode.AccessExclusive, u.On!, Brief: true)).Distinct().ToImmutableArray()
            : [];
        yield return new AsIs(Phase.SchemaChanges, $"drop_{first.Kind.ToString().ToLowerInvariant()}.{first.Name.Name.Value}",
            Message.Of("title.drop-defined", kind, Text(string.Join(", ", drop.Targets.Select(t => DefinedObjectSql.NameOf(t, defaultSchema).Value)))), statement.Text + ";\n")
        {
            Locks = locked,
            Timeouts = TimeoutPolicy.Brief,
            Impact = locked.IsEmpty ? Message.Of("impact.no-blocking-lock") : AsIs.BriefImpact("ACCESS EXCLUSIVE", string.Join(", ", locked.Select(l => l.Target))),
            Rollback = DroppedDefinitions.For(targets, defaultSchema, drop, users),
            Verification = DefinedObjectSql.Present(drop.Targets, present: false),
            Risk = users.IsEmpty ? RiskLevel.Medium : RiskLevel.High,
            RiskReason = users.IsEmpty ? Message.Of("risk.drop-routine", kind)
                : drop.Cascade ? Message.Of("risk.drop-cascade-users", kind, DefinedObjectSql.Names(users))
                : Message.Of("risk.drop-with-users", kind, DefinedObjectSql.Names(users)),
            Actions = [Message.Of("action.drop-routine", kind)],
        }.Step(context);
    }
}
