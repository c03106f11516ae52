using System.Globalization;
using System.Text;

namespace Migplan.Verify;

/// <summary>Writes verify-report.md: the outcome, the failures, then per step its locks, rewrites and verification; rollbacks; equivalence.</summary>
public static class VerifyReportMarkdown
{
    public const string FileName = "verify-report.md";

    public static string Render(VerifyReport r)
    {
        var sb = new StringBuilder();
        string I(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        sb.Append("# Verify report\n\n");
        sb.Append(I($"**{(r.Passed ? "PASSED" : "FAILED")}** on PostgreSQL {r.ServerVersion} ({r.Server}, scratch databases {r.Database}*), in {VerifyReportJson.MsText(r.Duration)}.\n\n"));
        foreach (var note in r.Notes)
        {
            sb.Append("- ").Append(note).Append('\n');
        }

        sb.Append('\n');
        if (!r.Failures.IsEmpty)
        {
            sb.Append("## Failures\n\n");
            foreach (var f in r.Failures)
            {
                sb.Append("- ").Append(Indent(f)).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("## Steps\n\n| Step | Duration | Locks observed | Longest strong lock | Rewrite | Verification |\n|---|---|---|---|---|---|\n");
        foreach (var s in r.Steps)
        {
            string locks = s.Locks.IsEmpty ? "none" : string.Join("; ", s.Locks.Select(l =>
                $"{PlanIds.Lock(l.Mode)} on {l.Relation}{(l.CountedAs is { } t ? $" (as {t})" : string.Empty)}{(l.Verdict == LockVerdict.Declared ? string.Empty : " — " + VerifyReportJson.Verdict(l.Verdict).Replace('_', ' '))}"));
            string hold = s.LongestStrongHold is { } h ? $"{PlanIds.Lock(h.Mode)} on {h.Relation}, {VerifyReportJson.MsText(h.Held)}" : "none";
            string rewrite = s.Rewritten.IsEmpty ? "no" : "yes: " + string.Join(", ", s.Rewritten);
            string verification = s.Error is not null ? "step failed: " + s.Error
                : s.Verification is { } v ? $"{v.Status} (expected {v.Expected}{(v.Actual is null ? string.Empty : ", got " + v.Actual)})" : "-";
            sb.Append(I($"| {s.Id} | {VerifyReportJson.MsText(s.Duration)} | {Cell(locks)} | {Cell(hold)} | {Cell(rewrite)} | {Cell(verification)} |\n"));
        }

        sb.Append("\n## Rollbacks\n\n| From point | Result | Rows compared | Detail |\n|---|---|---|---|\n");
        foreach (var b in r.Rollbacks)
        {
            sb.Append(I($"| after {b.StepId} | {b.Status.Replace('_', ' ')} | {(b.RowsCompared ? "yes" : "no")} | {Cell(b.Detail ?? string.Empty)} |\n"));
        }

        sb.Append("\n## Equivalence with the change as written\n\n");
        sb.Append(r.Equivalence.Status switch
        {
            "equal" => "The plan ends with the same schema and the same rows as the change as written.\n",
            "different" => "The plan's end state differs from the change as written's:\n\n```\n" + r.Equivalence.Detail + "\n```\n",
            "naive_failed" => "Not compared: " + r.Equivalence.Detail + " (a fault of the change as written, not of the plan).\n",
            _ => "Not compared: " + r.Equivalence.Detail + ".\n",
        });
        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    private static string Indent(string text) => text.Replace("\n", "\n  ", StringComparison.Ordinal);
}
