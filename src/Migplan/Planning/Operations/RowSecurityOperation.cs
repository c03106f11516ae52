using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ENABLE, DISABLE, FORCE or NO FORCE ROW LEVEL SECURITY: a catalog change under a brief ACCESS EXCLUSIVE lock
/// (measured on PostgreSQL 15), whose effect on every query is immediate: enabled with no policy, roles other than
/// the owner see no row. Its rollback restores the setting the schema says the table had.
/// </summary>
public sealed class RowSecurityOperation(QualifiedName table, RowSecurityAction action, bool before) : Operation(action.Location)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string words = Words(a.Force, a.On);
        string undo = Words(a.Force, before);
        string column = a.Force ? "relforcerowsecurity" : "relrowsecurity";
        string risk = before == a.On ? "risk.row-security-unchanged" : !a.On ? "risk.row-security-off" : a.Force ? "risk.force-row-security" : "risk.enable-row-security";
        yield return new AsIs(Phase.SchemaChanges, $"row_security.{table.Name.Value}", Message.Of("title.row-security", Text(words), Name(table.Name.Value)), AsIs.AlterTable(table, action))
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.add-column-brief", Name(table)),
            Rollback = new Rollback($"ALTER TABLE {table.Quoted} {undo} ROW LEVEL SECURITY;\n", DataLoss.None, Message.Of("rollback.restore-row-security")),
            Verification = new Verification($"SELECT {column} FROM pg_class WHERE oid = {SqlText.RegClass(table)};", a.On ? "t" : "f"),
            Risk = before == a.On ? RiskLevel.Low : a.On ? RiskLevel.High : RiskLevel.Medium,
            RiskReason = Message.Of(risk),
            Actions = [Message.Of("action.row-security")],
        }.Step(context);
    }

    /// <summary>The words of the subcommand that turns the setting (FORCE or not) on or off.</summary>
    private static string Words(bool force, bool on) => (force, on) switch
    {
        (false, true) => "ENABLE",
        (false, false) => "DISABLE",
        (true, true) => "FORCE",
        (true, false) => "NO FORCE",
    };
}
