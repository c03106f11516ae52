using System.Globalization;
using Migplan.Planning;
using Migplan.Rendering.Messages;

namespace Migplan.Rendering;

/// <summary>
/// The one-screen summary that opens migration-plan.md (one row per step: its gate, the tables it locks with the mode
/// and how long the lock is held, its run time and the data-loss class of its rollback), and the table of the
/// pre-migration step's go/no-go checks. Formats facts only.
/// </summary>
internal static class MarkdownSummary
{
    /// <summary>The summary table; a grouped step is one row like any other.</summary>
    public static void Summary(TextWriter w, Plan plan)
    {
        w.Write("## Summary\n\n");
        w.Write("| Step | Gate before it | Locks (mode on table: held) | Time | Rollback loses |\n|---|---|---|---:|---|\n");
        foreach (var s in plan.Steps)
        {
            string title = Cell(English.Of(s.Title)) + (s.Analysed ? string.Empty : " (NOT ANALYSED)");
            string time = s.Estimate.Known ? Estimator.Duration(s.Estimate.Seconds) : "not estimated";
            string rollback = Names.DataLossText(s.Rollback.Loss) + (s.Rollback.StopsUnlessAccepted ? " (stops unless accepted)" : string.Empty);
            w.Write($"| {s.Number}. {title} | {Gate(s)} | {Locks(s)} | {time} | {Cell(rollback)} |\n");
        }

        int optional = plan.Steps.Sum(s => s.GoNoGo.Count(c => c.Optional));
        w.Write($"\nTotal: about {Estimator.Duration(plan.TotalSeconds)}");
        w.Write(optional == 0 ? "." : string.Format(CultureInfo.InvariantCulture, ", without the {0} optional go/no-go check{1} of step 1.", optional, optional == 1 ? string.Empty : "s"));
        w.Write(" A brief lock is held for milliseconds once granted; waiting for it is bounded by lock_timeout (or the step's lock retries).\n\n");
    }

    /// <summary>The go/no-go checks of a step, as a table under its Execution Steps entry: what each checks, expects and costs, and whether it runs unasked.</summary>
    public static void GoNoGo(TextWriter w, Step step)
    {
        if (step.GoNoGo.IsEmpty)
        {
            return;
        }

        w.Write($"- Go/no-go checks (run at the end of `{step.ScriptPath}`; a failed one stops the script, naming it):\n\n");
        w.Write("  | # | Check | Expected | Cost | Runs |\n  |---:|---|---|---|---|\n");
        for (int i = 0; i < step.GoNoGo.Length; i++)
        {
            var c = step.GoNoGo[i];
            string runs = c.Optional ? $"only with `{GoNoGoCheck.RunOptionalSetting}=on`" : "always";
            string expected = c.Blocking ? Names.Expectation(c.Check.Expect) : "informative";
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"  | {i + 1} | {Cell(English.Of(c.Check.Label ?? Message.Of("check.step-pre-check")))} {Code(c.Check.Sql)} | {Cell(expected)} | {Estimator.Duration(c.Cost.Seconds)}: {Cell(English.Of(c.Cost.Basis))} | {runs} |\n"));
        }

        w.Write('\n');
    }

    /// <summary>What must hold before the step, in a few words each.</summary>
    private static string Gate(Step s)
    {
        var parts = s.Gate.Confirm.Select(c => ShortConfirm(c.Id)).ToList();
        if (!s.Gate.Checks.IsDefaultOrEmpty)
        {
            parts.Add(s.Gate.Checks.Length == 1 ? "1 check" : $"{s.Gate.Checks.Length} checks");
        }

        if (!s.GoNoGo.IsEmpty)
        {
            int optional = s.GoNoGo.Count(c => c.Optional);
            parts.Add($"runs {s.GoNoGo.Length} go/no-go check{(s.GoNoGo.Length == 1 ? string.Empty : "s")}{(optional == 0 ? string.Empty : $" ({optional} optional)")}");
        }

        return parts.Count == 0 ? "—" : Cell(string.Join("; ", parts));
    }

    private static string ShortConfirm(string id) => id switch
    {
        "confirm.backup-restore-tested" => "backup and restore tested",
        "confirm.release-writes-added-columns" => "release writing the new columns is live",
        "confirm.backfills-verified" => "backfills verified",
        "confirm.release-stops-using-dropped" => "release no longer using what is dropped is live",
        "confirm.unanalysed-reviewed" => "reviewed by hand",
        _ => "a confirmation (see the step)",
    };

    /// <summary>Each lock with how long it is held: milliseconds (brief) or the step's time.</summary>
    private static string Locks(Step s)
    {
        if (s.Locks.IsEmpty)
        {
            return "none";
        }

        string whole = s.Estimate.Known ? "the step, " + Estimator.Duration(s.Estimate.Seconds) : "the step";
        if (s.Locks.Length > 4)
        {
            return Cell(string.Join("; ", Names.LockLines(s.Locks)));
        }

        return Cell(string.Join("; ", s.Locks.Select(l => $"{Names.Lock(l.Mode)} on {l.Target}: {(l.Brief ? "brief" : whole)}")));
    }

    /// <summary>Prose in a table cell: one line, inert, and no bare pipe to end the cell.</summary>
    private static string Cell(string text) => MarkdownText.Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Code(string sql) => MarkdownText.CodeSpan(sql).Replace("|", "\\|", StringComparison.Ordinal);
}
