using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>ENABLE/DISABLE TRIGGER: a brief SHARE ROW EXCLUSIVE lock (writes wait, reads continue).</summary>
public sealed class SetTriggerStateOperation(QualifiedName table, SetTriggerStateAction action) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return new AsIs(Phase.SchemaChanges, $"{(a.Enable ? "enable" : "disable")}_trigger_{slugBase}", Message.Of(a.Enable ? "title.enable-trigger" : "title.disable-trigger", Name(a.Trigger?.Value ?? a.Target), Name(slugBase)), sql)
        {
            Locks = [new LockTaken(LockMode.ShareRowExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.brief-write-lock", Name(target)),
            Rollback = new Rollback($"ALTER TABLE {target} {(a.Enable ? "DISABLE" : "ENABLE")} TRIGGER {a.Trigger?.Quoted ?? a.Target};\n", DataLoss.None, Message.Of("rollback.restore-trigger-state")),
            Verification = new Verification(
                $"SELECT pg_catalog.count(*) FROM pg_trigger WHERE tgrelid = {SqlText.RegClass(table)} AND {Scope(a)} AND tgenabled <> '{(a.Enable ? 'O' : 'D')}';", "0"),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of(a.Enable ? "risk.enable-trigger" : "risk.disable-trigger"),
            Actions = [Message.Of("action.set-trigger-state")],
        }.Step(context);
    }

    /// <summary>The triggers the action names: one by name, or every trigger (ALL) or every user trigger (USER).</summary>
    private static string Scope(SetTriggerStateAction a) =>
        a.Trigger is { } name ? $"tgname = {SqlText.Literal(name.Value)}" : a.Target.Equals("ALL", StringComparison.OrdinalIgnoreCase) ? "true" : "NOT tgisinternal";
}
