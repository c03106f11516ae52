using Migplan.Planning;

namespace Migplan.Rendering;

/// <summary>Display names of plan facts, shared by every renderer.</summary>
public static class Names
{
    public static string Lock(LockMode mode) => mode switch
    {
        LockMode.None => "none",
        LockMode.AccessShare => "ACCESS SHARE",
        LockMode.RowShare => "ROW SHARE",
        LockMode.RowExclusive => "ROW EXCLUSIVE",
        LockMode.ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
        LockMode.Share => "SHARE",
        LockMode.ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        LockMode.Exclusive => "EXCLUSIVE",
        LockMode.AccessExclusive => "ACCESS EXCLUSIVE",
        _ => throw new System.Diagnostics.UnreachableException(mode.ToString()),
    };

    public static string Phase(Phase phase) => phase switch
    {
        Planning.Phase.SchemaChanges => "1. Schema Changes",
        Planning.Phase.DataMigration => "2. Data Migration",
        Planning.Phase.Cleanup => "3. Cleanup",
        _ => throw new System.Diagnostics.UnreachableException(phase.ToString()),
    };

    public static string PhaseId(Phase phase) => phase switch
    {
        Planning.Phase.SchemaChanges => "schema_changes",
        Planning.Phase.DataMigration => "data_migration",
        Planning.Phase.Cleanup => "cleanup",
        _ => throw new System.Diagnostics.UnreachableException(phase.ToString()),
    };

    public static string DataLossId(DataLoss loss) => loss switch
    {
        DataLoss.None => "none",
        DataLoss.DataLoss => "data_loss",
        DataLoss.RestoreFromBackup => "restore_from_backup",
        DataLoss.Unknown => "unknown",
        _ => throw new System.Diagnostics.UnreachableException(loss.ToString()),
    };

    public static string DataLossText(DataLoss loss) => loss switch
    {
        DataLoss.None => "safe",
        DataLoss.DataLoss => "data loss",
        DataLoss.RestoreFromBackup => "restore from backup",
        DataLoss.Unknown => "unknown (not analysed)",
        _ => throw new System.Diagnostics.UnreachableException(loss.ToString()),
    };

    public static string Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Low => "Low",
        RiskLevel.Medium => "Medium",
        RiskLevel.High => "High",
        _ => throw new System.Diagnostics.UnreachableException(risk.ToString()),
    };
}
