using Migplan.Schema;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>VALIDATE CONSTRAINT in Cleanup: a full scan under SHARE UPDATE EXCLUSIVE (traffic continues); <paramref name="foreignKey"/> when it validates a foreign key.</summary>
public sealed class ValidateConstraintOperation(TableFacts table, ValidateConstraintAction action, bool foreignKey) : Operation(action.Location)
{
    internal static ValidateConstraintOperation For(PlanningScope scope, Table table, ValidateConstraintAction a) =>
        new(scope.Facts(table), a, table.FindConstraint(a.Name)?.Kind == ConstraintKind.ForeignKey)
        {
            Referenced = table.FindConstraint(a.Name)?.ReferencedTable is { } r && scope.Catalog.FindTable(r) is { } rt ? scope.Facts(rt) : null,
        };

    /// <summary>For a foreign key: the table it references (its validation joins both), when the schema knows it.</summary>
    public TableFacts? Referenced { get; init; }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        var t = table;
        string target = table.Name.Quoted;
        string sql = AsIs.AlterTable(table.Name, action);
        yield return new AsIs(Phase.Cleanup, $"validate.{a.Name.Value}", Message.Of("title.validate", Name(a.Name.Value)), sql)
        {
            Locks = [new LockTaken(LockMode.ShareUpdateExclusive, table.Name, Brief: false)],
            Timeouts = TimeoutPolicy.LongScan,
            Impact = Message.Of("impact.validate-scan", Name(target)),
            Verification = PlanSql.ConstraintValidated(table.Name, a.Name),
            Estimate = foreignKey ? context.Estimator.ForeignKeyValidation(t, Referenced) : context.Estimator.Scan(t),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.validate-scan", Count(t.Rows)),
            Actions = [Message.Of("action.validate-constraint")],
        }.Step(context);
    }
}
