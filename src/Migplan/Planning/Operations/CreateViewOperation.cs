using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// CREATE [OR REPLACE] [RECURSIVE] VIEW as written (measured on PostgreSQL 15): a new view takes ACCESS SHARE on the
/// relations it reads (waits only behind an ACCESS EXCLUSIVE holder); replacing one takes ACCESS EXCLUSIVE on the view
/// for a moment (its readers wait), retried in short attempts. A new view's rollback drops it; a replaced one's restores
/// the schema's definition (dropping and creating the view when the step added columns, which CREATE OR REPLACE cannot
/// remove).
/// </summary>
public sealed class CreateViewOperation(OpaqueStatement statement, CreateDefinition create, string defaultSchema, DefinedObject? previous, bool droppedBefore, ImmutableArray<DefinedObject> users, ImmutableArray<LockTaken> reads)
    : Operation(statement.Location)
{
    internal static CreateViewOperation For(PlanningScope scope, OpaqueStatement statement, CreateDefinition create) =>
        new(statement, create, scope.Catalog.DefaultSchema, create.OrReplace ? scope.Catalog.Objects.Find(create.Target, scope.Catalog.DefaultSchema) : null,
            scope.Catalog.Objects.WasDropped(create.Target, scope.Catalog.DefaultSchema),
            create.OrReplace ? DefinedObjectSql.Users(scope.Catalog, create.Target) : [],
            DefinedObjectSql.Reads(scope.Catalog, statement.Text, create.Target.Name.WithDefaultSchema(scope.Catalog.DefaultSchema)));

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var target = create.Target;
        var view = target.Name.WithDefaultSchema(defaultSchema);
        var name = DefinedObjectSql.NameOf(target, defaultSchema);
        var kind = DefinedObjectSql.KindText(target);
        var rollback = previous is { Created: not null } p
            ? new Rollback(DefinedObjectSql.Restore(p, target), DataLoss.None, Message.Of("rollback.restore-definition", kind))
            : create.OrReplace && !droppedBefore
                ? DefinedObjectSql.Unknown(target, defaultSchema, DefinedObjectSql.Drop(target))
                : new Rollback(DefinedObjectSql.Drop(target), DataLoss.None, Message.Of("rollback.drop-new-definition", kind));
        var (risk, reason) = !create.OrReplace || (previous is null && droppedBefore) ? (RiskLevel.Low, Message.Of("risk.create-view"))
            : users.IsEmpty ? (RiskLevel.Medium, Message.Of("risk.replace-view"))
            : (RiskLevel.Medium, Message.Of("risk.replace-view-used", DefinedObjectSql.Names(users)));
        yield return new AsIs(Phase.SchemaChanges, $"{(create.OrReplace ? "replace" : "create")}_view.{view.Name.Value}",
            Message.Of(create.OrReplace ? "title.replace-defined" : "title.create-defined", kind, name), statement.Text + ";\n")
        {
            Locks = create.OrReplace ? [new LockTaken(LockMode.AccessExclusive, view, Brief: true), .. reads] : reads,
            Timeouts = TimeoutPolicy.Brief,
            Impact = create.OrReplace ? AsIs.BriefImpact("ACCESS EXCLUSIVE", view.Quoted) : Message.Of("impact.no-blocking-lock"),
            Rollback = rollback,
            Verification = DefinedObjectSql.Present([target], present: true),
            Risk = risk,
            RiskReason = reason,
            Actions = [Message.Of(create.OrReplace ? "action.replace-view" : "action.create-view")],
        }.Step(context);
    }
}
