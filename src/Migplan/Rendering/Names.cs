namespace Migplan.Rendering;

/// <summary>Display names of plan facts, shared by every renderer.</summary>
public static class Names
{
    public static string Lock(LockMode mode) => PlanIds.Lock(mode);

    public static string Phase(Phase phase) => Messages.English.Of(PhaseTitles.Of(phase));

    public static string DataLossText(DataLoss loss) => loss switch
    {
        DataLoss.None => "none",
        DataLoss.NewObjectsOnly => "only what was written to objects this plan created",
        DataLoss.ExistingData => "existing data",
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

    /// <summary>What a verification must return, said for a person.</summary>
    public static string Expectation(Expectation e) => e.Kind switch
    {
        ExpectationKind.Value => e.Value ?? string.Empty,
        ExpectationKind.NoRows => "no rows",
        ExpectationKind.Increase => e.Value is null ? "more than before the step" : "the value before the step plus " + e.Value,
        ExpectationKind.RowsChanged => "the number of rows the step changed (the row total of its last NOTICE line)",
        ExpectationKind.Manual => "checked by the reviewer: " + (e.Judge is null ? string.Empty : Messages.English.Of(e.Judge)),
        _ => throw new System.Diagnostics.UnreachableException(e.Kind.ToString()),
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
            yield return $"{Lock(group.Key.Mode)} on each of {targets.Count} relations in turn{(group.Key.Brief ? " (brief)" : " (while its statement runs)")}: {list}";
        }
    }
}
