using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP VIEW as written: ACCESS EXCLUSIVE on each view for a moment (measured on PostgreSQL 15: its readers wait),
/// retried in short attempts. The rollback creates each view again from the schema's definition; what CASCADE dropped
/// with it, and a view the schema does not have, are restored by hand.
/// </summary>
public sealed class DropViewOperation(OpaqueStatement statement, DropDefinition drop, string defaultSchema,
    ImmutableArray<(DefinedName Target, DefinedObject? Known)> targets, ImmutableArray<DefinedObject> users)
    : Operation(statement.Location)
{
    internal static DropViewOperation For(PlanningScope scope, OpaqueStatement statement, DropDefinition drop)
    {
        var catalog = scope.Catalog;
        var targets = drop.Targets.Select(t => (t, catalog.Objects.Find(t, catalog.DefaultSchema))).ToImmutableArray();
        var known = targets.Where(t => t.Item2 is not null).Select(t => t.Item2!).ToHashSet();
        var users = drop.Targets.SelectMany(t => DefinedObjectSql.Users(catalog, t)).Where(o => !known.Contains(o)).Distinct().ToImmutableArray();
        return new DropViewOperation(statement, drop, catalog.DefaultSchema, targets, users);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var first = drop.Targets[0];
        var kind = DefinedObjectSql.KindText(first);
        var locks = drop.Targets.Select(t => new LockTaken(LockMode.AccessExclusive, t.Name.WithDefaultSchema(defaultSchema), Brief: true)).ToImmutableArray();
        yield return new AsIs(Phase.SchemaChanges, $"drop_view.{first.Name.Name.Value}",
            Message.Of("title.drop-defined", kind, Text(string.Join(", ", drop.Targets.Select(t => DefinedObjectSql.NameOf(t, defaultSchema).Value)))), statement.Text + ";\n")
        {
            Locks = locks,
            Timeouts = TimeoutPolicy.Brief,
            Impact = AsIs.BriefImpact("ACCESS EXCLUSIVE", string.Join(", ", locks.Select(l => l.Target))),
            Rollback = DroppedDefinitions.For(targets, defaultSchema, drop, users),
            Verification = DefinedObjectSql.Present(drop.Targets, present: false),
            Risk = users.IsEmpty ? RiskLevel.Medium : RiskLevel.High,
            RiskReason = users.IsEmpty ? Message.Of("risk.drop-view")
                : drop.Cascade ? Message.Of("risk.drop-cascade-users", kind, DefinedObjectSql.Names(users))
                : Message.Of("risk.drop-with-users", kind, DefinedObjectSql.Names(users)),
            Actions = [Message.Of("action.drop-view")],
        }.Step(context);
    }
}
