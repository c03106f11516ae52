using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP CONSTRAINT in Cleanup: brief ACCESS EXCLUSIVE, on the referenced table too for a foreign key
/// (<paramref name="referenced"/>, null for other constraints).
/// </summary>
public sealed class DropConstraintOperation(QualifiedName table, DropConstraintAction action, QualifiedName? referenced) : Operation(action.Location)
{
    /// <summary>A foreign key's definition as the schema knows it when it is dropped (renames followed): the rollback re-adds it.</summary>
    public string? ForeignKeyDefinition { get; init; }

    internal static DropConstraintOperation For(Table table, DropConstraintAction a)
    {
        var c = table.FindConstraint(a.Name);
        return new(table.Name, a, c is { Kind: ConstraintKind.ForeignKey, ReferencedTable: { } r } ? r : null)
        {
            ForeignKeyDefinition = c is { Kind: ConstraintKind.ForeignKey, Definition: { } d } ? d : null,
        };
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string sql = AsIs.AlterTable(table, action);
        var op = AsIs.Brief(sql, table, $"drop_constraint.{a.Name.Value}", Message.Of("title.drop-constraint", Name(a.Name.Value)), RiskLevel.Low, Message.Of("risk.metadata-only"),
            ForeignKeyDefinition is { } fk
                ? new Rollback(DropTableOperation.ReaddForeignKey(table, new OutgoingForeignKey(a.Name, referenced ?? table, fk)), DataLoss.None, Message.Of("rollback.readd-foreign-key")) { Timeouts = TimeoutPolicy.LongScan }
                : new Rollback(Message.Of("by-hand.readd-constraint", Name(a.Name.Value)), DataLoss.None, Message.Of("rollback.readd-constraint-not-valid")),
            PlanSql.ConstraintCount(table, a.Name, 0), [Message.Of("action.drop-constraint")]) with { Phase = Phase.Cleanup };
        if (referenced is not null)
        {
            op = op with
            {
                Impact = Message.Of("impact.drop-foreign-key", Name(table), Name(referenced)),
                Risk = RiskLevel.Medium,
                RiskReason = Message.Of("risk.locks-referenced-table", Name(referenced)),
            };
        }

        var step = op.Step(context);
        if (ForeignKeyDefinition is { } definition)
        {
            var name = a.Name;
            var target = referenced ?? table;
            step = step with
            {
                RollbackAfterRenames = renames =>
                {
                    var (t, d, r) = RollbackRenames.ForeignKey(table, definition, target, renames);
                    return new Rollback(DropTableOperation.ReaddForeignKey(t, new OutgoingForeignKey(name, r, d)), DataLoss.None, Message.Of("rollback.readd-foreign-key")) { Timeouts = TimeoutPolicy.LongScan };
                },
            };
        }

        yield return step;
    }
}
