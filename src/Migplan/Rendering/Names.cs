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

    public static string Phase(Phase phase) => PhaseTitles.Of(phase);

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

    /// <summary>
    /// One line per lock ("ACCESS EXCLUSIVE on public.users (brief)"); a grouped step's many locks of one
    /// mode are summarised as one line naming the first tables and the count.
    /// </summary>
    public static IEnumerable<string> LockLines(IReadOnlyList<LockTaken> locks)
    {
        if (locks.Count <= 4)
        {
            foreach (var l in locks)
            {
                yield return $"{Lock(l.Mode)} on {l.Target}{(l.Brief ? " (brief)" : " (for the whole step)")}";
            }

            yield break;
        }

        foreach (var group in locks.GroupBy(l => (l.Mode, l.Brief)))
        {
            var targets = group.Select(l => l.Target).Distinct(StringComparer.Ordinal).ToList();
            string list = string.Join(", ", targets.Take(3)) + (targets.Count > 3 ? string.Format(System.Globalization.CultureInfo.InvariantCulture, " and {0:N0} more", targets.Count - 3) : string.Empty);
            yield return $"{Lock(group.Key.Mode)} on each of {targets.Count} tables in turn{(group.Key.Brief ? " (brief)" : " (while its statement runs)")}: {list}";
        }
    }
}
