using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Analysis;
using Migplan.Planning.Operations;
using Migplan.Planning.Ordering;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

public sealed record PlanOptions
{
    public string Project { get; init; } = "migration";

    public string Stage { get; init; } = "Database Migration";

    public const int DefaultPgVersion = PgCapabilities.DefaultVersion;

    public int PgVersion { get; init; } = DefaultPgVersion;

    public bool PgVersionGiven { get; init; }

    public int BatchSize { get; init; } = 10_000;

    /// <summary>Plans with more steps than this group steps of one kind on different tables (see StepGrouping).</summary>
    public int GroupAbove { get; init; } = 200;

    public ThroughputModel Throughput { get; init; } = new();
}

/// <summary>Everything the planner reads, already loaded: change sources in order, schema sources, stats.</summary>
public sealed record PlanInputs(
    IReadOnlyList<SourceText> Change,
    IReadOnlyList<SourceText> Schema,
    IReadOnlyDictionary<string, TableStats>? Stats,
    ImmutableArray<InputArtifact> Artifacts,
    string InputsHash)
{
    /// <summary>What a live server told beyond its schema and sizes (plan --conn); null otherwise.</summary>
    public Live.LiveFacts? Live { get; init; }
}

/// <summary>A plan, or the errors that prevented it (each <c>file:line:column: message</c>).</summary>
public sealed record PlanOutcome(Plan? Plan, ImmutableArray<string> Errors);

/// <summary>parse → schema → operations → ordered, numbered steps.</summary>
public static class Planner
{
    public static PlanOutcome Plan(PlanInputs inputs, PlanOptions options)
    {
        var caps = new PgCapabilities(options.PgVersion);
        var loaded = CatalogLoader.Load(inputs.Schema, inputs.Stats, inputs.Live?.InvalidIndexes ?? []);
        var catalog = loaded.Catalog;
        catalog.CommentsCarried = inputs.Live is null; // a live reading writes no COMMENT ON
        var diagnostics = new List<Diagnostic>(loaded.Diagnostics);
        var unmatchedStats = loaded.UnmatchedStats.ToList();
        var loadedTables = catalog.Tables.Select(t => (t.Name.Quoted, t)).ToList();
        var facts = new ChangeFacts();
        var statementPlanner = new StatementPlanner(new PlanningScope(catalog, caps, options.Throughput, facts) { Live = inputs.Live, Loaded = LoadedNames.Of(catalog) });
        var changeApplier = new SchemaApplier(catalog, strict: true, diagnostics);
        var operations = new List<Operation>();
        var carriedOf = new List<ImmutableArray<Setting>>();
        var session = new CarriedSession();
        var tables = new TableIdentities();
        var order = new WrittenOrder();
        var notes = new List<PlanNote>();
        var blocks = new TransactionBlocks();
        foreach (var source in inputs.Change)
        {
            var parsed = SqlParser.Parse(source);
            diagnostics.AddRange(parsed.Diagnostics);
            foreach (var written in parsed.Statements)
            {
                // Unnamed constraints and indexes get the names PostgreSQL will give them, for the planner and the catalog alike.
                var statement = StatementNaming.Name(catalog, written);

                if (blocks.Observe(statement) is { } failsAsWritten)
                {
                    notes.Add(new PlanNote(statement.Location.ToString(), failsAsWritten));
                }

                // Plan against the schema as it is just before the statement, then apply it.
                var planned = statementPlanner.Plan(statement).ToList();
                tables.Record(catalog, statement, planned);
                var footprints = order.Record(catalog, statement, planned);
                int before = diagnostics.Count;
                changeApplier.Apply(statement);
                if (diagnostics.Count > before)
                {
                    tables.Forget(planned.Count);
                    order.Forget(planned.Count);
                    continue; // refers to something missing: reported, not planned
                }

                Footprints.AfterApply(catalog, statement, footprints);

                operations.AddRange(planned);
                for (int k = 0; k < planned.Count; k++)
                {
                    carriedOf.Add(session.Current);
                }

                if (session.Apply(statement) is { } carriedNote)
                {
                    notes.Add(new PlanNote(statement.Location.ToString(), carriedNote));
                }
                else
                {
                    NoteSessionStatements(statement, notes);
                }
            }
        }

        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToImmutableArray();
        if (errors.Length > 0)
        {
            return new PlanOutcome(null, errors);
        }

        notes.AddRange(facts.NoOps.Select(n => new PlanNote(n.At.ToString(), Message.Of("note.nothing-to-do-if-exists", Name(n.Missing)))));
        if (operations.Count == 0 && facts.NoOps.Count > 0)
        {
            return new PlanOutcome(null, [.. facts.NoOps.Select(n => $"{n.At}: Nothing to do: {n.Missing.Quoted} is not in the schema, and the statement says IF EXISTS. The change has nothing else to plan.")]);
        }

        if (operations.Count == 0)
        {
            string names = string.Join(", ", inputs.Artifacts.Where(a => a.Kind != "schema" && a.Kind != "stats").Select(a => a.Name));
            return new PlanOutcome(null, [$"{(names.Length == 0 ? "input" : names)}: the change is empty: no SQL statement to plan (a Markdown artifact contributes only its ```sql blocks)"]);
        }

        facts.RecordIndexesAtEnd(catalog);

        // What the assumptions need of the catalog; the catalog itself is not needed past this point.
        var tablesWithoutStats = catalog.Tables.Where(t => t.Stats is null && !t.CreatedInChange).Select(t => t.Name.Key).Order(StringComparer.Ordinal).ToList();
        var sizes = TableSizes.Collect(loadedTables, catalog.Tables, options.Throughput);
        loadedTables.Clear();
        var context = new PlanContext(caps, new Estimator(options.Throughput), options.BatchSize, new ChangeView(facts));
        ResolveIndexOrder(operations, facts, notes);
        NoteNotNullOrder(facts, notes, inputs.Change);
        var preChecks = new List<GoNoGoCheck>();
        var isNewTable = LockRetries.IsNewTable(sizes);
        var steps = RollbackRenames.Follow(Order([.. operations.Select((op, i) => (Operation)new InputOrdered(op, i))], carriedOf, context, tables, order, notes, options.GroupAbove, preChecks, isNewTable), isNewTable);
        notes.AddRange(context.Notes);
        return new PlanOutcome(PlanAssembler.Assemble(inputs, options, tablesWithoutStats, steps, notes, unmatchedStats, preChecks, sizes), []);
    }

    private static void NoteSessionStatements(Statement statement, List<PlanNote> notes)
    {
        switch (statement)
        {
            case TransactionStatement t:
                notes.Add(new PlanNote(t.Location.ToString(), Message.Of("note.transaction-replaced", Code(t.Text))));
                break;
            case LockTableStatement l:
                notes.Add(new PlanNote(l.Location.ToString(), Message.Of("note.lock-table-not-held", Code(l.Text), MessageLists.Names(l.Tables.Select(t => t.Quoted)), Text(l.Mode))));
                break;
            case SetStatement s when s.Name is "lock_timeout" or "statement_timeout":
                notes.Add(new PlanNote(s.Location.ToString(), Message.Of("note.timeout-replaced", Code(s.Text))));
                break;
            case SetStatement s:
                notes.Add(new PlanNote(s.Location.ToString(), Message.Of("note.session-setting-not-repeated", Code(s.Text))));
                break;
        }
    }

    private static void ResolveIndexOrder(List<Operation> operations, ChangeFacts facts, List<PlanNote> notes)
    {
        var positions = new Dictionary<Operation, int>(ReferenceEqualityComparer.Instance);
        for (int k = 0; k < operations.Count; k++)
        {
            positions[operations[k]] = k;
        }

        foreach (var (op, table, columns, earlier) in facts.PendingIndexes)
        {
            var backfilled = columns.Where(c => facts.Backfilled.Contains(table + "." + c)).ToList();
            if (backfilled.Count == 0)
            {
                continue;
            }

            int i = positions[op];
            operations[i] = op.AfterBackfill();
            if (!earlier)
            {
                var origin = facts.BackfillOrigins[table + "." + backfilled[0]];
                notes.Add(new PlanNote(op.Origin.ToString(),
                    Message.Of("note.index-after-backfill", Name(op.IndexName.Name.Value), Text(origin.ToString()))));
            }
        }
    }

    private static void NoteNotNullOrder(ChangeFacts facts, List<PlanNote> notes, IReadOnlyList<SourceText> sources)
    {
        foreach (var (key, origin) in facts.NotNullOrigins)
        {
            if (facts.BackfillOrigins.TryGetValue(key, out var backfill) && IsBefore(origin, backfill, sources))
            {
                notes.Add(new PlanNote(origin.ToString(),
                    Message.Of("note.not-null-after-backfill", Name(key), Text(backfill.ToString()))));
            }
        }
    }

    /// <summary>True when <paramref name="a"/> comes first in the change (sources in input order, then offsets).</summary>
    private static bool IsBefore(SourceLocation a, SourceLocation b, IReadOnlyList<SourceText> sources)
    {
        int sa = IndexOf(sources, a.Source);
        int sb = IndexOf(sources, b.Source);
        return sa != sb ? sa < sb : a.Span.Start < b.Span.Start;
    }

    private static int IndexOf(IReadOnlyList<SourceText> sources, SourceText source)
    {
        for (int i = 0; i < sources.Count; i++)
        {
            if (ReferenceEquals(sources[i], source))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Orders drafts by phase, group and input order. A rename is a barrier for its table: it runs no
    /// earlier than any UPDATE, DELETE or INSERT written before it on that table (it may still use the old
    /// name), and nothing written after it on that table runs before it (it may use the new name). Then no statement
    /// moves past a later one that depends on it (<see cref="WrittenOrder"/>), and an unanalysed drop and re-create of
    /// one object becomes one step (<see cref="Replacements"/>).
    /// </summary>
    private static List<StepDraft> Order(List<Operation> operations, List<ImmutableArray<Setting>> carriedOf, PlanContext context, TableIdentities tables, WrittenOrder written, List<PlanNote> notes, int groupAbove, List<GoNoGoCheck> preChecks, Func<string, bool> isNewTable)
    {
        var perOperation = new List<List<StepDraft>>(operations.Count);
        var highest = new Dictionary<int, Phase>();
        var floor = new Dictionary<int, Phase>();
        for (int i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            int? table = tables.TableOf(i);
            var drafts = op.Steps(context).ToList();
            if (!carriedOf[i].IsEmpty)
            {
                for (int j = 0; j < drafts.Count; j++)
                {
                    drafts[j] = drafts[j] with { Carried = carriedOf[i] };
                }
            }

            foreach (var d in drafts)
            {
                preChecks.AddRange(d.PreChecks);
            }

            if (table is { } id)
            {
                var minimum = floor.GetValueOrDefault(id, Phase.SchemaChanges);
                if (tables.IsRename(i) && highest.TryGetValue(id, out var before) && before > minimum)
                {
                    minimum = before;
                    notes.Add(new PlanNote(op.Origin.ToString(),
                        Message.Of("note.rename-after-earlier-steps", PhaseTitles.Of(minimum))));
                }

                for (int j = 0; j < drafts.Count; j++)
                {
                    if (drafts[j].Phase < minimum)
                    {
                        drafts[j] = drafts[j] with { Phase = minimum };
                    }

                    // Only UPDATE, DELETE and INSERT: their text is not analysed for every name it uses. What any
                    // other statement needs of the old name is in its footprint (see WrittenOrder).
                    if (written.IsDml(i) && (!highest.TryGetValue(id, out var h) || drafts[j].Phase > h))
                    {
                        highest[id] = drafts[j].Phase;
                    }
                }

                if (tables.IsRename(i))
                {
                    floor[id] = minimum;
                }
            }

            perOperation.Add(drafts);
        }

        written.Keep(perOperation, operations, notes, tables.TableOf);
        Replacements.Merge(perOperation, written, notes, operations);
        var keyed = new List<(StepDraft Draft, int Op, int Sub)>();
        for (int i = 0; i < perOperation.Count; i++)
        {
            for (int j = 0; j < perOperation[i].Count; j++)
            {
                keyed.Add((perOperation[i][j], i, j));
            }
        }

        perOperation.Clear();
        var ordered = keyed
            .OrderBy(k => k.Draft.Phase)
            .ThenBy(k => k.Draft.Group)
            .ThenBy(k => k.Op)
            .ThenBy(k => k.Sub)
            .Select(k => new StepGrouping.Item(LockRetries.Apply(k.Draft, isNewTable), written.IsHeld(k.Op) ? null : tables.TableOf(k.Op), k.Op, k.Sub)) // held by a dependency: a barrier
            .ToList();
        // Lock retries are given before grouping, so that each grouped statement's names the holders of its own tables only.
        keyed.Clear(); // ordered holds every step now; let grouping release them as it goes
        if (ordered.Count <= groupAbove)
        {
            return ordered.Select(k => k.Draft).ToList();
        }

        return StepGrouping.Group(ordered);
    }

    internal static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }

            if (sb.Length >= 48)
            {
                break;
            }
        }

        return sb.ToString().Trim('_') is { Length: > 0 } s ? s : "step";
    }

    internal static string Number(int n, int width) => n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
