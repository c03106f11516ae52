using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// The rollback of a DROP of functions, procedures, views or a trigger: each object the schema defines is created again
/// from its definition there, in reverse order, in one command (one transaction). What cannot be restored so is done
/// by hand, and the rollback stops first: an object the schema does not have (its definition is not known), and what
/// CASCADE dropped with it.
/// </summary>
internal static class DroppedDefinitions
{
    public static Rollback For(ImmutableArray<(DefinedName Target, DefinedObject? Known)> targets, string defaultSchema, DropDefinition drop, ImmutableArray<DefinedObject> users)
    {
        var kind = DefinedObjectSql.KindText(targets[0].Target);
        string sql = string.Concat(targets.Reverse().Where(t => t.Known is not null).Select(t => DefinedObjectSql.Recreate(t.Known!)));
        var byHand = new List<Message>();
        byHand.AddRange(targets.Where(t => t.Known is null)
            .Select(t => Message.Of("by-hand.recreate-unknown-definition", DefinedObjectSql.KindText(t.Target), DefinedObjectSql.NameOf(t.Target, defaultSchema))));
        if (drop.Cascade)
        {
            byHand.Add(users.IsEmpty ? Message.Of("by-hand.restore-cascade-unknown") : Message.Of("by-hand.restore-cascade-dependents", DefinedObjectSql.Names(users)));
        }

        var description = sql.Length == 0 ? Message.Of("rollback.definition-unknown") : Message.Of("rollback.recreate-definition", kind);
        var rollback = new Rollback(sql.Length == 0 ? Rollback.NothingToUndo : sql, DataLoss.None, description);
        return byHand.Count switch
        {
            0 => rollback,
            1 => rollback with { ByHand = byHand[0] },
            _ => rollback with { ByHand = Message.Of("by-hand.each", List(byHand)) },
        };
    }
}
