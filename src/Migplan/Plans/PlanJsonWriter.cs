using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Migplan.Plans;

/// <summary>
/// Writes plan.json (<c>"format": 2</c>, described by docs/plan.schema.json): the whole plan as data, what
/// verify and apply execute. <see cref="PlanJsonReader"/> reads it back to the same model. Each message is written
/// as its id and arguments, for machines, and its text in <paramref name="messages"/>' language, for people reading
/// the file or its diff (see docs/plan-format.md).
/// </summary>
public static class PlanJsonWriter
{
    public static byte[] ToBytes(Plan plan, IMessageCatalog messages)
    {
        using var stream = new MemoryStream();
        Write(plan, stream, messages);
        return stream.ToArray();
    }

    public static void Write(Plan plan, Stream stream, IMessageCatalog messages)
    {
        new Writer(messages).Write(plan, stream);
    }

    private sealed class Writer(IMessageCatalog messages)
    {
        public void Write(Plan plan, Stream stream)
        {
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                w.WriteNumber("format", Plan.Format);
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
                    if (!a.Blocks.IsDefaultOrEmpty || a.Kind == "artifact")
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
                Message(w, "reason", plan.MaintenanceWindowReason);
                w.WriteEndObject();
                Settings(w, "session", plan.Session);
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
                w.WriteStartArray("notes");
                foreach (var n in plan.Notes)
                {
                    w.WriteStartObject();
                    w.WriteString("origin", n.Origin);
                    Message(w, "text", n.Text);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                Messages(w, "prerequisites", plan.Prerequisites);
                Messages(w, "assumptions", plan.Assumptions);
                Strings(w, "monitoredTables", plan.MonitoredTables);
                w.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }

        /// <summary>"tables": every table the plan touches, its sizes and the source of each.</summary>
        private static void WriteTables(Utf8JsonWriter w, Plan plan)
        {
            w.WriteStartArray("tables");
            foreach (var t in plan.Tables)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Table);
                w.WriteNumber("rows", t.Rows);
                w.WriteString("rowsSource", PlanIds.SizeSource(t.RowsSource));
                w.WriteNumber("heapBytes", t.HeapBytes);
                w.WriteString("heapBytesSource", PlanIds.SizeSource(t.HeapSource));
                if (t.IndexBytes is { } i)
                {
                    w.WriteNumber("indexBytes", i);
                }
                else
                {
                    w.WriteNull("indexBytes");
                }

                w.WriteString("indexBytesSource", PlanIds.SizeSource(t.IndexSource));
                OptionalString(w, "note", t.Note);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private void WriteStep(Utf8JsonWriter w, Step s)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteNumber("number", s.Number);
            w.WriteString("phase", PlanIds.Phase(s.Phase));
            OptionalString(w, "kind", s.Kind);
            Message(w, "title", s.Title);
            w.WriteString("script", s.ScriptPath);
            w.WriteBoolean("analysed", s.Analysed);
            w.WriteBoolean("destructive", s.Destructive);
            w.WriteBoolean("transactional", s.Transactional);
            Timeouts(w, s.Timeouts);
            Settings(w, "settings", s.Settings);
            Commands(w, s.Commands);
            w.WriteStartArray("locks");
            foreach (var l in s.Locks)
            {
                w.WriteStartObject();
                w.WriteString("mode", PlanIds.Lock(l.Mode));
                Relation(w, "relation", l.Relation);
                w.WriteString("duration", l.Brief ? "brief" : "step");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Message(w, "impact", s.Impact);
            w.WriteStartObject("gate");
            w.WriteStartArray("checks");
            foreach (var check in s.Gate.Checks)
            {
                Verification(w, null, check);
            }

            w.WriteEndArray();
            Messages(w, "confirm", s.Gate.Confirm);
            w.WriteEndObject();
            if (!s.GoNoGo.IsEmpty)
            {
                w.WriteStartArray("goNoGo");
                foreach (var check in s.GoNoGo)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("check");
                    Verification(w, null, check.Check);
                    w.WriteStartObject("cost");
                    w.WriteNumber("seconds", Math.Round(check.Cost.Seconds, 1));
                    Message(w, "basis", check.Cost.Basis);
                    w.WriteEndObject();
                    w.WriteBoolean("blocking", check.Blocking);
                    w.WriteBoolean("optional", check.Optional);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartObject("rollback");
            w.WriteString("script", s.RollbackPath);
            w.WriteString("dataLoss", PlanIds.DataLoss(s.Rollback.Loss));
            Message(w, "description", s.Rollback.Description);
            OptionalMessage(w, "byHand", s.Rollback.ByHand);
            Timeouts(w, s.Rollback.Timeouts);
            Settings(w, "settings", s.RollbackSettings);
            Commands(w, s.Rollback.Commands);
            w.WriteEndObject();
            Verification(w, "verification", s.Verification);
            w.WriteStartObject("estimate");
            w.WriteNumber("seconds", Math.Round(s.Estimate.Seconds, 1));
            Message(w, "basis", s.Estimate.Basis);
            w.WriteEndObject();
            w.WriteStartObject("risk");
            w.WriteString("level", PlanIds.Risk(s.Risk));
            Message(w, "reason", s.RiskReason);
            w.WriteEndObject();
            Messages(w, "actions", s.Actions);
            w.WriteEndObject();
        }

        private static void Relation(Utf8JsonWriter w, string? name, Sql.QualifiedName relation)
        {
            if (name is null)
            {
                w.WriteStartObject();
            }
            else
            {
                w.WriteStartObject(name);
            }

            OptionalString(w, "schema", relation.Schema?.Value);
            w.WriteString("name", relation.Name.Value);
            w.WriteEndObject();
        }

        private void Commands(Utf8JsonWriter w, ImmutableArray<Command> commands)
        {
            w.WriteStartArray("commands");
            foreach (var c in commands)
            {
                w.WriteStartObject();
                OptionalMessage(w, "label", c.Label);
                LongString(w, "sql", c.Sql);
                w.WriteBoolean("outsideTransaction", c.OutsideTransaction);
                w.WriteBoolean("rerunnable", c.Rerunnable);
                OptionalString(w, "onlyIf", c.OnlyIf);
                if (c.LockRetry is { } retry)
                {
                    w.WriteStartObject("lockRetry");
                    w.WriteNumber("attemptTimeoutMs", retry.AttemptTimeoutMs);
                    w.WriteNumber("attempts", retry.Attempts);
                    w.WriteNumber("maxBackoffMs", retry.MaxBackoffMs);
                    w.WriteNumber("budgetMs", retry.BudgetMs);
                    if (!retry.Relations.IsEmpty)
                    {
                        w.WriteStartArray("relations");
                        foreach (var r in retry.Relations)
                        {
                            Relation(w, null, r);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
                if (w.BytesPending > 64 * 1024)
                {
                    w.Flush();
                }
            }

            w.WriteEndArray();
        }

        private void Verification(Utf8JsonWriter w, string? name, Verification v)
        {
            if (name is null)
            {
                w.WriteStartObject();
            }
            else
            {
                w.WriteStartObject(name);
            }

            OptionalMessage(w, "label", v.Label);
            LongString(w, "sql", v.Sql);
            w.WriteStartObject("expect");
            w.WriteString("kind", PlanIds.Expectation(v.Expect.Kind));
            OptionalString(w, "value", v.Expect.Value);
            if (v.Expect.Judge is { } judge)
            {
                Message(w, "judge", judge);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void Timeouts(Utf8JsonWriter w, Timeouts? t)
        {
            if (t is null)
            {
                w.WriteNull("timeouts");
                return;
            }

            w.WriteStartObject("timeouts");
            w.WriteString("policy", t.Policy);
            w.WriteString("lockTimeout", t.LockTimeout);
            w.WriteString("statementTimeout", t.StatementTimeout);
            w.WriteEndObject();
        }

        private static void Settings(Utf8JsonWriter w, string name, ImmutableArray<Setting> settings)
        {
            w.WriteStartArray(name);
            foreach (var s in settings)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("value", s.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private static void OptionalString(Utf8JsonWriter w, string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        /// <summary>Writes a string property in segments, so megabytes of SQL need no escaping buffer of their size.</summary>
        private static void LongString(Utf8JsonWriter w, string name, string value)
        {
            const int Segment = 16 * 1024;
            if (value.Length <= Segment)
            {
                w.WriteString(name, value);
                return;
            }

            w.WritePropertyName(name);
            var rest = value.AsSpan();
            while (rest.Length > Segment)
            {
                int cut = char.IsHighSurrogate(rest[Segment - 1]) ? Segment - 1 : Segment;
                w.WriteStringValueSegment(rest[..cut], isFinalSegment: false);
                rest = rest[cut..];
            }

            w.WriteStringValueSegment(rest, isFinalSegment: true);
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

        private void OptionalMessage(Utf8JsonWriter w, string name, Message? m)
        {
            if (m is not null)
            {
                Message(w, name, m);
            }
        }

        private void Messages(Utf8JsonWriter w, string name, ImmutableArray<Message> list)
        {
            w.WriteStartArray(name);
            foreach (var m in list)
            {
                Message(w, null, m);
            }

            w.WriteEndArray();
        }

        /// <summary>A message: <c>{"id", "args": [{"kind", "value"}], "text"}</c>; a nested message is its id and args only.</summary>
        private void Message(Utf8JsonWriter w, string? name, Message m, bool withText = true)
        {
            if (name is null)
            {
                w.WriteStartObject();
            }
            else
            {
                w.WriteStartObject(name);
            }

            w.WriteString("id", m.Id);
            w.WriteStartArray("args");
            foreach (var a in m.Args)
            {
                w.WriteStartObject();
                w.WriteString("kind", PlanIds.ArgKind(a.Kind));
                if (a.Nested is { } nested)
                {
                    Message(w, "value", nested, withText: false);
                }
                else if (a.Kind == ArgKind.List)
                {
                    w.WriteStartArray("value");
                    foreach (var item in a.Items)
                    {
                        Message(w, null, item, withText: false);
                    }

                    w.WriteEndArray();
                }
                else
                {
                    LongString(w, "value", a.Value);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (withText)
            {
                LongString(w, "text", messages.Text(m));
            }

            w.WriteEndObject();
        }
    }
}
