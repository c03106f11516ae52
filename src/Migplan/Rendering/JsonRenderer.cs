using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Migplan.Planning;

namespace Migplan.Rendering;

/// <summary>plan.json (<c>"format": 1</c>): the whole plan as data, for verify and apply.</summary>
public static class JsonRenderer
{
    public static byte[] Render(Plan plan)
    {
        using var stream = new MemoryStream();
        Write(plan, stream);
        return stream.ToArray();
    }

    public static void Write(Plan plan, Stream stream)
    {
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("format", 1);
            w.WriteString("project", plan.Project);
            w.WriteString("stage", plan.Stage);
            w.WriteNumber("pgVersion", plan.PgVersion);
            w.WriteString("inputsHash", plan.InputsHash);
            w.WriteStartArray("inputs");
            foreach (var a in plan.Inputs)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("kind", a.Kind);
                w.WriteString("sha256", a.Sha256);
                if (a.Kind == "artifact")
                {
                    w.WriteStartArray("blocks");
                    foreach (var b in a.Blocks)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("firstLine", b.First);
                        w.WriteNumber("lastLine", b.Last);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteTables(w, plan);
            w.WriteNumber("estimatedSeconds", Math.Round(plan.TotalSeconds, 1));
            w.WriteStartObject("maintenanceWindow");
            w.WriteBoolean("needed", plan.MaintenanceWindowNeeded);
            w.WriteString("reason", plan.MaintenanceWindowReason);
            w.WriteEndObject();
            w.WriteStartArray("steps");
            foreach (var s in plan.Steps)
            {
                WriteStep(w, s);
                if (w.BytesPending > 64 * 1024)
                {
                    w.Flush(); // keep the writer's buffer small: a large plan's JSON is tens of megabytes
                }
            }

            w.WriteEndArray();
            w.WriteStartObject("timeoutPolicies");
            foreach (var t in plan.Steps.Select(s => s.Timeouts).OfType<Timeouts>().DistinctBy(t => t.Policy).OrderBy(t => t.Policy, StringComparer.Ordinal))
            {
                w.WriteString(t.Policy, t.OnTimeout);
            }

            w.WriteEndObject();
            w.WriteStartArray("notes");
            foreach (var n in plan.Notes)
            {
                w.WriteStartObject();
                w.WriteString("origin", n.Origin);
                w.WriteString("text", n.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Strings(w, "prerequisites", plan.Prerequisites);
            Strings(w, "assumptions", plan.Assumptions);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteStep(Utf8JsonWriter w, Step s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteNumber("number", s.Number);
        w.WriteString("phase", Names.PhaseId(s.Phase));
        w.WriteString("title", s.Title);
        w.WriteString("script", s.ScriptPath);
        WritePieces(w, "sql", s.SqlPieces);
        w.WriteBoolean("transactional", s.Transactional);
        w.WriteBoolean("analysed", s.Analysed);
        w.WriteBoolean("destructive", s.Destructive);
        w.WriteStartArray("locks");
        foreach (var l in s.Locks)
        {
            w.WriteStartObject();
            w.WriteString("mode", Names.Lock(l.Mode));
            w.WriteString("target", l.Target);
            w.WriteBoolean("brief", l.Brief);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (s.Timeouts is { } t)
        {
            w.WriteStartObject("timeouts");
            w.WriteString("lockTimeout", t.LockTimeout);
            w.WriteString("statementTimeout", t.StatementTimeout);
            w.WriteString("policy", t.Policy);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("timeouts");
        }

        w.WriteString("impact", s.Impact);
        w.WriteStartObject("rollback");
        w.WriteString("script", s.RollbackPath);
        WriteLongString(w, "sql", s.Rollback.Sql);
        w.WriteString("dataLoss", Names.DataLossId(s.Rollback.Loss));
        w.WriteString("description", s.Rollback.Description);
        w.WriteEndObject();
        w.WriteStartObject("verification");
        WriteLongString(w, "sql", s.Verification.Sql);
        w.WriteString("expected", s.Verification.Expected);
        w.WriteEndObject();
        w.WriteStartObject("estimate");
        w.WriteNumber("seconds", Math.Round(s.Estimate.Seconds, 1));
        w.WriteString("basis", s.Estimate.Basis);
        w.WriteEndObject();
        w.WriteStartObject("risk");
        w.WriteString("level", Names.Risk(s.Risk).ToLowerInvariant());
        w.WriteString("reason", s.RiskReason);
        w.WriteEndObject();
        Strings(w, "actions", s.Actions);
        w.WriteEndObject();
    }

    /// <summary>Writes a string property in segments, so a grouped step's megabytes of SQL need no escaping buffer of their size.</summary>
    private static void WriteLongString(Utf8JsonWriter w, string name, string value) => WritePieces(w, name, [value]);

    /// <summary>Writes a string property made of one or more pieces (a grouped step's SQL) as one JSON string, in segments.</summary>
    private static void WritePieces(Utf8JsonWriter w, string name, ImmutableArray<string> pieces)
    {
        const int Segment = 16 * 1024;
        if (pieces.Length == 0 || pieces.Length == 1 && pieces[0].Length <= Segment)
        {
            w.WriteString(name, pieces.Length == 0 ? string.Empty : pieces[0]);
            return;
        }

        w.WritePropertyName(name);
        for (int p = 0; p < pieces.Length; p++)
        {
            var rest = pieces[p].AsSpan();
            while (rest.Length > Segment)
            {
                int cut = char.IsHighSurrogate(rest[Segment - 1]) ? Segment - 1 : Segment;
                w.WriteStringValueSegment(rest[..cut], isFinalSegment: false);
                rest = rest[cut..];
            }

            w.WriteStringValueSegment(rest, isFinalSegment: p == pieces.Length - 1);
        }
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

    /// <summary>"tables": every table the plan touches, its sizes and the source of each ("stats.json", "live server", "default", "new table").</summary>
    private static void WriteTables(Utf8JsonWriter w, Plan plan)
    {
        w.WriteStartArray("tables");
        foreach (var t in plan.Tables)
        {
            w.WriteStartObject();
            w.WriteString("name", t.Table);
            w.WriteNumber("rows", t.Rows);
            w.WriteString("rowsSource", MarkdownSections.SourceName(t.RowsSource));
            w.WriteNumber("heapBytes", t.HeapBytes);
            w.WriteString("heapBytesSource", MarkdownSections.SourceName(t.HeapSource));
            if (t.IndexBytes is { } i)
            {
                w.WriteNumber("indexBytes", i);
            }
            else
            {
                w.WriteNull("indexBytes");
            }

            w.WriteString("indexBytesSource", MarkdownSections.SourceName(t.IndexSource));
            if (t.Note is not null)
            {
                w.WriteString("note", t.Note);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
