using System.Globalization;
using System.Text.Json;

namespace Migplan.Verify;

/// <summary>Writes verify-report.json (see docs/verify.md for its fields).</summary>
public static class VerifyReportJson
{
    public const string FileName = "verify-report.json";

    public static void Write(VerifyReport report, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("format", 1);
        w.WriteBoolean("passed", report.Passed);
        w.WriteString("server", report.Server);
        w.WriteString("serverVersion", report.ServerVersion);
        w.WriteString("database", report.Database);
        if (report.Rows is { } rows)
        {
            w.WriteNumber("rows", rows);
        }
        else
        {
            w.WriteNull("rows");
        }

        w.WriteString("planSha256", report.PlanSha256);
        w.WriteNumber("durationMs", Ms(report.Duration));
        w.WriteStartArray("steps");
        foreach (var s in report.Steps)
        {
            Step(w, s);
        }

        w.WriteEndArray();
        w.WriteStartArray("rollbacks");
        foreach (var r in report.Rollbacks)
        {
            w.WriteStartObject();
            w.WriteNumber("point", r.Point);
            w.WriteString("afterStep", r.StepId);
            w.WriteString("status", r.Status);
            w.WriteBoolean("rowsCompared", r.RowsCompared);
            w.WriteString("detail", r.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("equivalence");
        w.WriteString("status", report.Equivalence.Status);
        w.WriteString("detail", report.Equivalence.Detail);
        w.WriteEndObject();
        Strings(w, "failures", report.Failures);
        Strings(w, "notes", report.Notes);
        w.WriteEndObject();
    }

    private static void Step(Utf8JsonWriter w, StepReport s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteNumber("number", s.Number);
        w.WriteBoolean("analysed", s.Analysed);
        w.WriteNumber("durationMs", Ms(s.Duration));
        w.WriteStartArray("commands");
        foreach (var c in s.Commands)
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index + 1);
            w.WriteBoolean("skipped", c.Skipped);
            w.WriteNumber("rows", c.Rows);
            w.WriteNumber("durationMs", Ms(c.Duration));
            w.WriteString("error", c.Error is { } e ? $"{e.MessageText} (SQLSTATE {e.SqlState})" : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("locks");
        foreach (var l in s.Locks)
        {
            w.WriteStartObject();
            w.WriteString("relation", l.Relation);
            w.WriteString("mode", PlanIds.Lock(l.Mode));
            w.WriteString("declared", l.Declared is { } d ? PlanIds.Lock(d) : null);
            w.WriteString("countedAs", l.CountedAs);
            w.WriteString("verdict", Verdict(l.Verdict));
            w.WriteNumber("heldMs", Ms(l.Held));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (s.LongestStrongHold is { } h)
        {
            w.WriteStartObject("longestStrongLock");
            w.WriteString("relation", h.Relation);
            w.WriteString("mode", PlanIds.Lock(h.Mode));
            w.WriteNumber("heldMs", Ms(h.Held));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("longestStrongLock");
        }

        w.WriteBoolean("rewrite", !s.Rewritten.IsEmpty);
        Strings(w, "rewritten", s.Rewritten);
        w.WritePropertyName("verification");
        Check(w, s.Verification);
        w.WriteStartArray("checks");
        foreach (var (label, result) in s.Checks)
        {
            w.WriteStartObject();
            w.WriteString("label", label);
            w.WritePropertyName("result");
            Check(w, result);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("failedCommand", s.FailedCommand);
        w.WriteString("error", s.Error);
        w.WriteEndObject();
    }

    private static void Check(Utf8JsonWriter w, CheckResult? c)
    {
        if (c is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("status", c.Status);
        w.WriteString("expected", c.Expected);
        w.WriteString("actual", c.Actual);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    internal static string Verdict(LockVerdict v) => v switch
    {
        LockVerdict.Declared => "declared",
        LockVerdict.Undeclared => "undeclared",
        LockVerdict.Stronger => "stronger_than_declared",
        LockVerdict.NewObject => "new_object",
        LockVerdict.NotCompared => "not_compared",
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    internal static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 1, MidpointRounding.AwayFromZero);

    internal static string MsText(TimeSpan t) => Ms(t).ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
