using Migplan.Sql;
using Migplan.Sql.Ast;

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
        yield return new AsIs(Phase.SchemaChanges, $"{(a.Enable ? "enable" : "disable")}_trigger_{slugBase}", $"{(a.Enable ? "Enable" : "Disable")} trigger {a.Trigger?.Value ?? a.Target} on {slugBase}", sql)
        {
            Locks = [new LockTaken(LockMode.ShareRowExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = $"SHARE ROW EXCLUSIVE on {target} for milliseconds once granted: writes wait while it waits (at most lock_timeout); reads continue.",
            Rollback = new Rollback($"ALTER TABLE {target} {(a.Enable ? "DISABLE" : "ENABLE")} TRIGGER {a.Trigger?.Quoted ?? a.Target};\n", DataLoss.None, "Restores the trigger's state."),
            Verification = new Verification(
                $"SELECT pg_catalog.count(*) FROM pg_trigger WHERE tgrelid = {SqlText.RegClass(table)} AND {Scope(a)} AND tgenabled <> '{(a.Enable ? 'O' : 'D')}';", "0"),
            Risk = RiskLevel.Medium,
            RiskReason = a.Enable ? "Brief write lock." : "Brief write lock; while disabled, whatever the trigger maintains is not maintained.",
            Actions = ["Change the trigger's state."],
        }.Step(context);
    }

    /// <summary>The triggers the action names: one by name, or every trigger (ALL) or every user trigger (USER).</summary>
    private static string Scope(SetTriggerStateAction a) =>
        a.Trigger is { } name ? $"tgname = {SqlText.Literal(name.Value)}" : a.Target.Equals("ALL", StringComparison.OrdinalIgnoreCase) ? "true" : "NOT tgisinternal";
}
