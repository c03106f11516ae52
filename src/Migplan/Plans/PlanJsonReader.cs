using System.Collections.Immutable;
using System.Text.Json;
using Migplan.Sql;

namespace Migplan.Plans;

/// <summary>plan.json is not a plan this version can read: what is wrong, and where (a JSON path).</summary>
public sealed class PlanFormatException(string message) : Exception(message);

/// <summary>
/// Reads plan.json (<c>"format": 2</c>) back into the plan model, checking what executors rely on: every field
/// present with its type, known names for phases, locks, data-loss classes and expectations, setting names that
/// are plain names (a script writes them unquoted), and each step's settings agreeing with its timeouts.
/// </summary>
public static class PlanJsonReader
{
    /// <summary>Reads plan.json; every message must be one <paramref name="messages"/> knows, with as many arguments as it takes.</summary>
    public static Plan Read(string path, IMessageCatalog messages)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, messages, path);
    }

    public static Plan Read(Stream stream, IMessageCatalog messages, string path = "plan.json")
    {
        JsonDocument doc;
        try
        {
            // Messages nest: a grouped step's risk reason holds its first member's, which may hold another.
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new PlanFormatException($"{path}: not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var r = new Reader(path, messages);
            return r.Plan(doc.RootElement);
        }
    }

    private sealed class Reader(string path, IMessageCatalog messages)
    {
        public Plan Plan(JsonElement root)
        {
            Object(root, "$");
            int format = Int(root, "$", "format");
            if (format != Plans.Plan.Format)
            {
                throw Fail("$.format", $"format {format} is not supported (this version reads format {Plans.Plan.Format}); re-plan with this version");
            }

            var inputs = Array(root, "$", "inputs").Select((e, i) => Input(e, $"$.inputs[{i}]")).ToImmutableArray();
            var window = Member(root, "$", "maintenanceWindow");
            var steps = Array(root, "$", "steps").Select((e, i) => Step(e, $"$.steps[{i}]")).ToImmutableArray();
            var notes = Array(root, "$", "notes").Select((e, i) => new PlanNote(String(e, $"$.notes[{i}]", "origin"), Message(e, $"$.notes[{i}]", "text"))).ToImmutableArray();
            return new Plan(String(root, "$", "project"), String(root, "$", "stage"), Int(root, "$", "pgVersion"), String(root, "$", "inputsHash"), inputs, steps, notes,
                Messages(root, "$", "assumptions"), Messages(root, "$", "prerequisites"), Strings(root, "$", "monitoredTables"),
                Bool(window, "$.maintenanceWindow", "needed"), Message(window, "$.maintenanceWindow", "reason"))
            {
                Session = Settings(root, "$", "session"),
                Tables = [.. Array(root, "$", "tables").Select((t, i) => Table(t, $"$.tables[{i}]"))],
            };
        }

        private TableSize Table(JsonElement e, string at)
        {
            var index = Prop(e, at, "indexBytes");
            long? indexBytes = index.ValueKind == JsonValueKind.Null ? null : Long(e, at, "indexBytes");
            return new TableSize(String(e, at, "name"), Long(e, at, "rows"), Enum<SizeSource>(e, at, "rowsSource", PlanIds.SizeSource),
                Long(e, at, "heapBytes"), Enum<SizeSource>(e, at, "heapBytesSource", PlanIds.SizeSource),
                indexBytes, Enum<SizeSource>(e, at, "indexBytesSource", PlanIds.SizeSource), OptionalString(e, at, "note"));
        }

        private InputArtifact Input(JsonElement e, string at)
        {
            var input = new InputArtifact(String(e, at, "name"), String(e, at, "kind"), String(e, at, "sha256"));
            if (e.TryGetProperty("blocks", out var blocks))
            {
                input = input with { Blocks = [.. Elements(blocks, at + ".blocks").Select((b, i) => new LineRange(Int(b, $"{at}.blocks[{i}]", "firstLine"), Int(b, $"{at}.blocks[{i}]", "lastLine")))] };
            }

            return input;
        }

        private Step Step(JsonElement e, string at)
        {
            Object(e, at);
            string id = String(e, at, "id");
            var timeouts = Timeouts(e, at);
            var settings = Settings(e, at, "settings");
            var rollbackElement = Member(e, at, "rollback");
            var rollback = Rollback(rollbackElement, at + ".rollback");
            var rollbackSettings = Settings(rollbackElement, at + ".rollback", "settings");
            var carried = Extra(rollbackSettings, rollback.Timeouts);
            var extra = Extra(settings, timeouts);
            var gateElement = Member(e, at, "gate");
            var gate = new Gate(
                [.. Array(gateElement, at + ".gate", "checks").Select((c, i) => Verification(c, $"{at}.gate.checks[{i}]"))],
                Messages(gateElement, at + ".gate", "confirm"));
            var estimate = Member(e, at, "estimate");
            var risk = Member(e, at, "risk");
            var step = new Step(id, Int(e, at, "number"), Enum<Phase>(e, at, "phase", PlanIds.Phase), Message(e, at, "title"),
                Commands(e, at), [.. Array(e, at, "locks").Select((l, i) => Lock(l, $"{at}.locks[{i}]"))], Message(e, at, "impact"), timeouts,
                rollback, Verification(Member(e, at, "verification"), at + ".verification"),
                new Estimate(Number(estimate, at + ".estimate", "seconds"), Message(estimate, at + ".estimate", "basis")),
                Bool(e, at, "destructive"), Enum<RiskLevel>(risk, at + ".risk", "level", PlanIds.Risk), Message(risk, at + ".risk", "reason"),
                Messages(e, at, "actions"), Bool(e, at, "analysed"))
            {
                Kind = OptionalString(e, at, "kind"),
                ExtraSettings = extra.Length >= carried.Length ? extra[..(extra.Length - carried.Length)] : [],
                Carried = carried,
                Gate = gate,
                GoNoGo = GoNoGo(e, at),
            };
            Agree(step.Settings, settings, at + ".settings");
            Agree(step.RollbackSettings, rollbackSettings, at + ".rollback.settings");
            if (String(e, at, "script") != step.ScriptPath || String(rollbackElement, at + ".rollback", "script") != step.RollbackPath)
            {
                throw Fail(at + ".script", $"the scripts of step {id} must be {step.ScriptPath} and {step.RollbackPath}");
            }

            if (Bool(e, at, "transactional") != step.Transactional)
            {
                throw Fail(at + ".transactional", "does not agree with the commands' outsideTransaction flags");
            }

            return step;
        }

        /// <summary>A step's go/no-go checks (optional member): each a query expecting a value or no rows, with its cost.</summary>
        private ImmutableArray<GoNoGoCheck> GoNoGo(JsonElement e, string at) =>
            !e.TryGetProperty("goNoGo", out _) ? [] :
            [
                .. Array(e, at, "goNoGo").Select((c, i) =>
                {
                    string where = $"{at}.goNoGo[{i}]";
                    var check = Verification(Member(c, where, "check"), where + ".check");
                    if (check.Expect.Kind is not (ExpectationKind.Value or ExpectationKind.NoRows) || check.Sql.Length == 0)
                    {
                        throw Fail(where + ".check", "a go/no-go check is a query expecting a value or no rows");
                    }

                    var cost = Member(c, where, "cost");
                    return new GoNoGoCheck(check, new Estimate(Number(cost, where + ".cost", "seconds"), Message(cost, where + ".cost", "basis")))
                    {
                        Blocking = Bool(c, where, "blocking"),
                        Optional = Bool(c, where, "optional"),
                    };
                }),
            ];

        private Rollback Rollback(JsonElement e, string at) =>
            new(Commands(e, at), Enum<DataLoss>(e, at, "dataLoss", PlanIds.DataLoss), Message(e, at, "description"))
            {
                ByHand = OptionalMessage(e, at, "byHand"),
                Timeouts = Timeouts(e, at),
            };

        private ImmutableArray<Command> Commands(JsonElement e, string at) =>
        [
            .. Array(e, at, "commands").Select((c, i) =>
            {
                string where = $"{at}.commands[{i}]";
                var command = new Command(String(c, where, "sql"))
                {
                    Label = OptionalMessage(c, where, "label"),
                    OutsideTransaction = Bool(c, where, "outsideTransaction"),
                    Rerunnable = Bool(c, where, "rerunnable"),
                    OnlyIf = OptionalString(c, where, "onlyIf"),
                };
                return c.TryGetProperty("lockRetry", out var retry) && retry.ValueKind != JsonValueKind.Null
                    ? command with { LockRetry = LockRetryOf(retry, where + ".lockRetry", command) }
                    : command;
            }),
        ];

        /// <summary>A command's lock-retry policy, refused when its numbers are out of range or the script could not hold the command in its loop.</summary>
        private LockRetry LockRetryOf(JsonElement e, string at, Command command)
        {
            var retry = new LockRetry(Int(e, at, "attemptTimeoutMs"), Int(e, at, "attempts"), Int(e, at, "maxBackoffMs"), Int(e, at, "budgetMs"))
            {
                Relations = e.TryGetProperty("relations", out _) ? [.. Array(e, at, "relations").Select((r, i) => RelationOf(r, $"{at}.relations[{i}]"))] : [],
            };
            return retry.Problem(command) is { } problem ? throw Fail(at, problem) : retry;
        }

        private LockTaken Lock(JsonElement e, string at)
        {
            var relation = RelationOf(Member(e, at, "relation"), at + ".relation");
            string duration = String(e, at, "duration");
            if (duration is not ("brief" or "step"))
            {
                throw Fail(at + ".duration", $"\"{duration}\" is not brief or step");
            }

            return new LockTaken(Enum<LockMode>(e, at, "mode", PlanIds.Lock), relation, duration == "brief");
        }

        private QualifiedName RelationOf(JsonElement relation, string at)
        {
            string? schema = OptionalString(relation, at, "schema");
            return new QualifiedName(schema is null ? null : new Identifier(schema), new Identifier(String(relation, at, "name")));
        }

        private Verification Verification(JsonElement e, string at)
        {
            var expect = Member(e, at, "expect");
            var kind = Enum<ExpectationKind>(expect, at + ".expect", "kind", PlanIds.Expectation);
            var judge = OptionalMessage(expect, at + ".expect", "judge");
            return new Verification(String(e, at, "sql"), new Expectation(kind, OptionalString(expect, at + ".expect", "value"), judge))
            {
                Label = OptionalMessage(e, at, "label"),
            };
        }

        private Timeouts? Timeouts(JsonElement e, string at)
        {
            var t = Member(e, at, "timeouts", nullable: true);
            return t.ValueKind == JsonValueKind.Null ? null
                : new Timeouts(String(t, at + ".timeouts", "policy"), String(t, at + ".timeouts", "lockTimeout"), String(t, at + ".timeouts", "statementTimeout"));
        }

        private ImmutableArray<Setting> Settings(JsonElement e, string at, string name) =>
        [
            .. Array(e, at, name).Select((s, i) =>
            {
                string where = $"{at}.{name}[{i}]";
                string settingName = String(s, where, "name");
                if (!IsSettingName(settingName))
                {
                    throw Fail(where + ".name", $"\"{settingName}\" is not a setting name (lower-case letters, digits, '_' and '.')");
                }

                return new Setting(settingName, String(s, where, "value"));
            }),
        ];

        /// <summary>The settings that are neither the application name nor the timeouts.</summary>
        private static ImmutableArray<Setting> Extra(ImmutableArray<Setting> settings, Timeouts? timeouts) =>
            [.. settings.Where(s => s.Name != "application_name" && (timeouts is null || s.Name is not ("lock_timeout" or "statement_timeout")))];

        private void Agree(ImmutableArray<Setting> expected, ImmutableArray<Setting> written, string at)
        {
            if (!expected.SequenceEqual(written))
            {
                throw Fail(at, "do not agree with the step's id, timeouts and other settings");
            }
        }

        private static bool IsSettingName(string name) =>
            name.Length is > 0 and <= 63 && name[0] is >= 'a' and <= 'z' && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.');

        private JsonElement Member(JsonElement e, string at, string name, bool nullable = false)
        {
            Object(e, at);
            if (!e.TryGetProperty(name, out var value))
            {
                throw Fail(at, $"\"{name}\" is missing");
            }

            if (value.ValueKind == JsonValueKind.Null && nullable)
            {
                return value;
            }

            return value.ValueKind == JsonValueKind.Object ? value : throw Fail($"{at}.{name}", "must be an object");
        }

        private IEnumerable<JsonElement> Array(JsonElement e, string at, string name)
        {
            Object(e, at);
            return e.TryGetProperty(name, out var value) ? Elements(value, $"{at}.{name}") : throw Fail(at, $"\"{name}\" is missing");
        }

        private IEnumerable<JsonElement> Elements(JsonElement value, string at) =>
            value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Fail(at, "must be an array");

        private ImmutableArray<Message> Messages(JsonElement e, string at, string name) =>
            [.. Array(e, at, name).Select((m, i) => MessageAt(m, $"{at}.{name}[{i}]"))];

        private Message? OptionalMessage(JsonElement e, string at, string name) =>
            e.TryGetProperty(name, out var m) && m.ValueKind != JsonValueKind.Null ? MessageAt(m, $"{at}.{name}") : null;

        private Message Message(JsonElement e, string at, string name) => MessageAt(Prop(e, at, name), $"{at}.{name}");

        /// <summary>A message from its id and arguments (its text is for people and is not read back).</summary>
        private Message MessageAt(JsonElement e, string at)
        {
            string id = String(e, at, "id");
            var args = Array(e, at, "args").Select((a, i) =>
            {
                string where = $"{at}.args[{i}]";
                var kind = Enum<ArgKind>(a, where, "kind", PlanIds.ArgKind);
                return kind switch
                {
                    ArgKind.Message => MessageArg.Of(MessageAt(Member(a, where, "value"), where + ".value")),
                    ArgKind.List => MessageArg.List(Array(a, where, "value").Select((m, k) => MessageAt(m, $"{where}.value[{k}]"))),
                    _ => new MessageArg(kind, String(a, where, "value")),
                };
            }).ToImmutableArray();
            if (!messages.TryArity(id, out int arity))
            {
                throw Fail(at + ".id", $"\"{id}\" is not a known message");
            }

            if (arity != args.Length)
            {
                throw Fail(at + ".args", $"message {id} takes {arity} argument(s), not {args.Length}");
            }

            foreach (var (a, i) in args.Select((a, i) => (a, i)))
            {
                if (a.Kind is ArgKind.Count or ArgKind.Number or ArgKind.Bytes or ArgKind.Seconds
                    && !double.TryParse(a.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    throw Fail($"{at}.args[{i}].value", $"\"{a.Value}\" is not a number");
                }
            }

            return new Message(id, args);
        }

        private ImmutableArray<string> Strings(JsonElement e, string at, string name) =>
            [.. Array(e, at, name).Select((v, i) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Fail($"{at}.{name}[{i}]", "must be a string"))];

        private string String(JsonElement e, string at, string name) =>
            OptionalString(e, at, name) ?? throw Fail(at, $"\"{name}\" is missing");

        private string? OptionalString(JsonElement e, string at, string name)
        {
            Object(e, at);
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail($"{at}.{name}", "must be a string");
        }

        private int Int(JsonElement e, string at, string name) =>
            Prop(e, at, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int n) ? n : throw Fail($"{at}.{name}", "must be an integer");

        private long Long(JsonElement e, string at, string name) =>
            Prop(e, at, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out long n) ? n : throw Fail($"{at}.{name}", "must be an integer");

        private double Number(JsonElement e, string at, string name) =>
            Prop(e, at, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : throw Fail($"{at}.{name}", "must be a number");

        private bool Bool(JsonElement e, string at, string name) =>
            Prop(e, at, name).ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Fail($"{at}.{name}", "must be true or false"),
            };

        private T Enum<T>(JsonElement e, string at, string name, Func<T, string> names)
            where T : struct, Enum
        {
            string id = String(e, at, name);
            return PlanIds.TryParse(id, names, out T value) ? value : throw Fail($"{at}.{name}", $"\"{id}\" is not a known {typeof(T).Name}");
        }

        private JsonElement Prop(JsonElement e, string at, string name)
        {
            Object(e, at);
            return e.TryGetProperty(name, out var value) ? value : throw Fail(at, $"\"{name}\" is missing");
        }

        private void Object(JsonElement e, string at)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Fail(at, "must be an object");
            }
        }

        private PlanFormatException Fail(string at, string message) => new($"{path}: {at}: {message}");
    }
}
