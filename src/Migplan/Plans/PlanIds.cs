namespace Migplan.Plans;

/// <summary>The names plan.json gives to the model's enumerations, both ways.</summary>
public static class PlanIds
{
    public static string Phase(Phase phase) => phase switch
    {
        Plans.Phase.SchemaChanges => "schema_changes",
        Plans.Phase.DataMigration => "data_migration",
        Plans.Phase.Cleanup => "cleanup",
        _ => throw new System.Diagnostics.UnreachableException(phase.ToString()),
    };

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

    public static string DataLoss(DataLoss loss) => loss switch
    {
        Plans.DataLoss.None => "none",
        Plans.DataLoss.NewObjectsOnly => "new_objects_only",
        Plans.DataLoss.ExistingData => "existing_data",
        Plans.DataLoss.RestoreFromBackup => "restore_from_backup",
        Plans.DataLoss.Unknown => "unknown",
        _ => throw new System.Diagnostics.UnreachableException(loss.ToString()),
    };

    public static string Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        _ => throw new System.Diagnostics.UnreachableException(risk.ToString()),
    };

    public static string Expectation(ExpectationKind kind) => kind switch
    {
        ExpectationKind.Value => "value",
        ExpectationKind.NoRows => "no_rows",
        ExpectationKind.Increase => "increase",
        ExpectationKind.RowsChanged => "rows_changed",
        ExpectationKind.Manual => "manual",
        _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
    };

    public static string SizeSource(SizeSource source) => source switch
    {
        Plans.SizeSource.StatsFile => "stats_file",
        Plans.SizeSource.LiveServer => "live_server",
        Plans.SizeSource.Default => "default",
        Plans.SizeSource.NewTable => "new_table",
        _ => throw new System.Diagnostics.UnreachableException(source.ToString()),
    };

    public static string ArgKind(ArgKind kind) => kind switch
    {
        Plans.ArgKind.Text => "text",
        Plans.ArgKind.Name => "name",
        Plans.ArgKind.Sql => "sql",
        Plans.ArgKind.Count => "count",
        Plans.ArgKind.Number => "number",
        Plans.ArgKind.Bytes => "bytes",
        Plans.ArgKind.Seconds => "seconds",
        Plans.ArgKind.Message => "message",
        Plans.ArgKind.List => "list",
        _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
    };

    public static bool TryParse<T>(string id, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (name(v) == id)
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }
}
