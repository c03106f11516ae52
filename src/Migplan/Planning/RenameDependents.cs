using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// Something that uses a name a rename changes. <paramref name="Kind"/>: "view", "materialized view", "function",
/// "procedure", "trigger", "policy", "rule", "index", "constraint" or "foreign key". <paramref name="Textual"/>: found
/// by a textual match of its text (the schema's CREATE statement, or a function's body on the live server), not by a
/// recorded dependency. <paramref name="Follows"/>: PostgreSQL refers to the table and column by number there, so the
/// rename carries over; false for a function or procedure body, which names them and fails once they are renamed.
/// <paramref name="Live"/>: read from the live catalog (plan --conn).
/// </summary>
internal sealed record RenameDependent(string Kind, string Name, bool Textual, bool Follows, bool Live)
{
    public Message Describe() => Message.Of(Textual ? "dependent-item.textual" : Live ? "dependent-item.live" : "dependent-item.schema",
        Message.Of("dependent-kind." + Kind.Replace(' ', '-')), MessageArg.Name(Name));
}

/// <summary>
/// What depends on a table or a column that a rename (RENAME COLUMN, RENAME TO, SET SCHEMA) changes: from the schema
/// model (indexes, constraints, foreign keys; views, functions, triggers, policies and rules by a textual match of their
/// definitions) and, with --conn, from the live catalog (pg_depend, and function bodies by a textual match).
/// </summary>
internal static class RenameDependents
{
    public static ImmutableArray<RenameDependent> OfTable(PlanningScope scope, Table table)
    {
        var found = new List<RenameDependent>();
        string name = table.Name.Name.Value;
        found.AddRange(table.Indexes.Select(i => Exact("index", i.Name.Quoted)));
        found.AddRange(table.Constraints.Where(c => c.Name is not null && c.Kind != ConstraintKind.NotNull)
            .Select(c => Exact(c.Kind == ConstraintKind.ForeignKey ? "foreign key" : "constraint", table.Name.Quoted + "." + c.Name!.Quoted)));
        found.AddRange(scope.Catalog.ReferencingForeignKeys(table).Where(r => r.Table != table && r.Constraint.Name is not null)
            .Select(r => Exact("foreign key", r.Table.Name.Quoted + "." + r.Constraint.Name!.Quoted)));
        var triggerWords = TriggerFunctionNames(scope.Catalog, table);
        foreach (var o in scope.Catalog.Objects.All)
        {
            bool uses = o.On is { } on ? on.Equals(table.Name) : o.Mentions(name) || IsFunction(o) && triggerWords.Contains(o.LocalName);
            if (uses)
            {
                found.Add(Text(o));
            }
        }

        found.AddRange(LiveUses(scope, table, null));
        return Distinct(found);
    }

    public static ImmutableArray<RenameDependent> OfColumn(PlanningScope scope, Table table, Identifier column)
    {
        var found = new List<RenameDependent>();
        string c = column.Value;
        found.AddRange(table.Indexes.Where(i => i.Columns.Any(x => x?.Value == c) || IndexMentions(i, c)).Select(i => Exact("index", i.Name.Quoted)));
        found.AddRange(table.Constraints.Where(k => k.Name is not null && k.Kind != ConstraintKind.NotNull
                && (k.Columns.Any(x => x.Value == c) || k.Check?.Columns.Any(r => r.Column.Value == c) == true))
            .Select(k => Exact(k.Kind == ConstraintKind.ForeignKey ? "foreign key" : "constraint", table.Name.Quoted + "." + k.Name!.Quoted)));
        found.AddRange(scope.Catalog.ReferencingForeignKeys(table).Where(r => r.Constraint.Name is not null && ReferencesColumn(r.Constraint, c))
            .Select(r => Exact("foreign key", r.Table.Name.Quoted + "." + r.Constraint.Name!.Quoted)));
        var triggerWords = TriggerFunctionNames(scope.Catalog, table);
        foreach (var o in scope.Catalog.Objects.All.Where(o => o.Mentions(c)))
        {
            bool onTable = o.On is { } on ? on.Equals(table.Name) : o.Mentions(table.Name.Name.Value) || IsFunction(o) && triggerWords.Contains(o.LocalName);
            if (onTable)
            {
                found.Add(Text(o));
            }
        }

        found.AddRange(LiveUses(scope, table, c));
        return Distinct(found);
    }

    /// <summary>
    /// The step's actions for its dependents: those that follow the rename, and those that name the old name in their
    /// text and must be changed with it. <paramref name="what"/> is the renamed table or column.
    /// </summary>
    public static IEnumerable<Message> Actions(ImmutableArray<RenameDependent> dependents, MessageArg what)
    {
        var byName = dependents.Where(d => !d.Follows).ToList();
        var follow = dependents.Where(d => d.Follows).ToList();
        if (byName.Count > 0)
        {
            yield return Message.Of("action.dependents-by-name", what, MessageLists.Of(byName.Select(d => d.Describe())));
        }

        if (follow.Count > 0)
        {
            yield return Message.Of("action.dependents-follow", what, MessageLists.Of(follow.Select(d => d.Describe())));
        }

        if (dependents.IsEmpty)
        {
            yield return Message.Of("action.no-dependents-found", what);
        }
    }

    /// <summary>The step's risk reason with what does not follow the rename, when anything does not.</summary>
    public static Message Risk(Message reason, ImmutableArray<RenameDependent> dependents)
    {
        var byName = dependents.Where(d => !d.Follows).ToList();
        return byName.Count == 0 ? reason : Message.Of("risk.dependents-by-name", reason, MessageLists.Of(byName.Select(d => d.Describe())));
    }

    private static RenameDependent Exact(string kind, string name) => new(kind, name, Textual: false, Follows: true, Live: false);

    private static RenameDependent Text(DefinedObject o) => new(KindName(o.Kind), o.Name, Textual: true, Follows: !IsFunction(o), Live: false);

    private static bool IsFunction(DefinedObject o) => o.Kind is DefinedKind.Function or DefinedKind.Procedure;

    private static string KindName(DefinedKind kind) => kind switch
    {
        DefinedKind.View => "view",
        DefinedKind.MaterializedView => "materialized view",
        DefinedKind.Function => "function",
        DefinedKind.Procedure => "procedure",
        DefinedKind.Trigger => "trigger",
        DefinedKind.Policy => "policy",
        DefinedKind.Rule => "rule",
        _ => throw new System.Diagnostics.UnreachableException(kind.ToString()),
    };

    /// <summary>Every word of the table's triggers' definitions: the functions they call are among them.</summary>
    private static HashSet<string> TriggerFunctionNames(Catalog catalog, Table table) =>
        [.. catalog.Objects.All.Where(o => o.Kind == DefinedKind.Trigger && o.On is { } on && on.Equals(table.Name)).SelectMany(o => o.Words)];

    private static bool IndexMentions(Schema.Index index, string column) =>
        index.Definition is { } d && (d.Elements.Any(e => e.Expression?.Columns.Any(r => r.Column.Value == column) == true) || d.Where?.Columns.Any(r => r.Column.Value == column) == true);

    /// <summary>True when the foreign key's REFERENCES part names the column (its definition follows renames, see DefinitionRenames).</summary>
    private static bool ReferencesColumn(Constraint fk, string column)
    {
        if (fk.Definition is not { } definition)
        {
            return false;
        }

        int at = definition.IndexOf("REFERENCES", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        return DefinedObjects.WordsOf(definition[at..]).Contains(column);
    }

    private static IEnumerable<RenameDependent> LiveUses(PlanningScope scope, Table table, string? column)
    {
        if (scope.Live is not { } live || table.CreatedInChange)
        {
            return [];
        }

        string key = table.Name.Quoted;
        return live.Uses.Where(u => u.Table == key && (column is null || u.Column == column))
            .Select(u => new RenameDependent(u.Kind, u.Name, u.Textual, Follows: u.Kind != "function", Live: true));
    }

    /// <summary>One entry per object (the live catalog's word preferred over a textual match), in a stable order.</summary>
    private static ImmutableArray<RenameDependent> Distinct(List<RenameDependent> found) =>
    [
        .. found.GroupBy(d => (d.Kind, Key: Unquoted(d.Name)))
            .Select(g => g.OrderBy(d => d.Textual).ThenByDescending(d => d.Live).First())
            .OrderBy(d => d.Follows).ThenBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal),
    ];

    /// <summary>The name without quotes and without a function's argument types (the live catalog writes them, a schema's name does not).</summary>
    private static string Unquoted(string name)
    {
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        return (paren > 0 ? name[..paren] : name).Replace("\"", string.Empty, StringComparison.Ordinal);
    }
}
