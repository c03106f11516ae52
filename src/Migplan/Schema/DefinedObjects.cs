using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>What kind of object a <see cref="DefinedObject"/> is.</summary>
public enum DefinedKind
{
    View,
    MaterializedView,
    Function,
    Procedure,
    Trigger,
    Policy,
    Rule,
}

/// <summary>
/// A view, function, trigger, policy or rule the schema (or the change) defines with a statement migplan does not
/// model: its kind, name (as the plan writes it, and its own name unqualified), the table it is on (triggers, policies, rules) and every word written in it, folded as
/// PostgreSQL folds names (string and dollar-quoted bodies included), so what mentions a name is a textual match.
/// </summary>
public sealed record DefinedObject(DefinedKind Kind, string Name, string LocalName, QualifiedName? On, FrozenSet<string> Words)
{
    /// <summary>The statement that defined it, as written (no final semicolon): what a rollback writes to define it again.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>What the statement was read as, when it was (see <see cref="Sql.Ast.CreateDefinition"/>); null for a form not read.</summary>
    public Sql.Ast.CreateDefinition? Created { get; init; }

    /// <summary>The same definition written as CREATE OR REPLACE (from its own tokens on), or null when it was not read.</summary>
    public string? AsReplacement => Created is { } c ? "CREATE OR REPLACE " + Text[c.KindOffset..] : null;

    /// <summary>True when the name is written in the object's text as a word (quoted or not): a textual match.</summary>
    public bool Mentions(string name) => Words.Contains(name);
}

/// <summary>
/// The views, functions, triggers, policies and rules defined so far, in statement order; a DROP removes one and a
/// CREATE OR REPLACE replaces it. Their names, words and defining statements are kept: enough to say what may depend
/// on a table or a column (see the planner's rename dependents) and to define again a function, procedure, view or
/// trigger read as a definition (kept under its identity, see <see cref="DefinedIdentity"/> and docs/definitions.md).
/// </summary>
public sealed partial class DefinedObjects
{
    private readonly Dictionary<string, DefinedObject> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);

    public IEnumerable<DefinedObject> All => _objects.Values;

    /// <summary>Records what the statement creates or drops, if it is a CREATE or DROP of such an object (read as a definition when it was).</summary>
    public void Record(Sql.Ast.OpaqueStatement statement, string defaultSchema)
    {
        switch (statement.Defines)
        {
            case Sql.Ast.DropDefinition drop:
                foreach (var target in drop.Targets)
                {
                    if (KeyOf(target, defaultSchema) is { } key)
                    {
                        _objects.Remove(key);
                        _dropped.Add(key);
                    }
                }

                return;
            case Sql.Ast.CreateDefinition create when Read(statement.Text, defaultSchema) is { } read:
                _objects[DefinedIdentity.Key(create.Target, defaultSchema)] = read.Object with { Text = statement.Text, Created = create };
                _dropped.Remove(DefinedIdentity.Key(create.Target, defaultSchema));
                return;
            default:
                Record(statement.Text, defaultSchema);
                return;
        }
    }

    /// <summary>True when a DROP recorded so far removed the object <paramref name="target"/> names and nothing created it again: it is known not to exist.</summary>
    public bool WasDropped(Sql.Ast.DefinedName target, string defaultSchema) => _dropped.Contains(DefinedIdentity.Key(target, defaultSchema));

    /// <summary>The object <paramref name="target"/> names, as recorded so far; null when none is known.</summary>
    public DefinedObject? Find(Sql.Ast.DefinedName target, string defaultSchema) =>
        KeyOf(target, defaultSchema) is { } key ? _objects[key] : null;

    /// <summary>The key of the recorded object <paramref name="target"/> names: a routine written without arguments is the only one of its name.</summary>
    private string? KeyOf(Sql.Ast.DefinedName target, string defaultSchema)
    {
        string key = DefinedIdentity.Key(target, defaultSchema);
        if (_objects.ContainsKey(key))
        {
            return key;
        }

        if (target.Arguments is null && target.Kind is Sql.Ast.DefinitionKind.Function or Sql.Ast.DefinitionKind.Procedure)
        {
            var overloads = _objects.Keys.Where(k => k.StartsWith(key + "(", StringComparison.Ordinal)).Take(2).ToList();
            return overloads.Count == 1 ? overloads[0] : null;
        }

        return null;
    }

    /// <summary>Records what the statement text creates or drops, if it is a CREATE or DROP of such an object.</summary>
    public void Record(string text, string defaultSchema)
    {
        if (Read(text, defaultSchema) is not { } read)
        {
            return;
        }

        if (read.Drops)
        {
            _objects.Remove(read.Key);
            return;
        }

        _objects[read.Key] = read.Object with { Text = text };
    }

    /// <summary>The object a CREATE or DROP names, by its text: its key (kind and name), whether it is dropped, and the object.</summary>
    private static (string Key, bool Drops, DefinedObject Object)? Read(string text, string defaultSchema)
    {
        var m = Defining().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var kind = KindOf(m.Groups["kind"].Value);
        var parts = m.Groups["part"].Captures.Select(c => Unquote(c.Value)).ToList();
        bool perTable = kind is DefinedKind.Trigger or DefinedKind.Policy or DefinedKind.Rule;
        QualifiedName? on = null;
        if (kind is DefinedKind.Trigger or DefinedKind.Policy && On().Match(text, m.Index + m.Length) is { Success: true } onMatch)
        {
            var names = onMatch.Groups["part"].Captures.Select(c => new Identifier(Unquote(c.Value))).ToList();
            on = names.Count > 1 ? new QualifiedName(names[0], names[1]) : new QualifiedName(new Identifier(defaultSchema), names[0]);
        }

        string name = perTable ? parts[^1] + (on is null ? string.Empty : " ON " + on.Quoted)
            : parts.Count > 1 ? string.Join(".", parts.Select(p => new Identifier(p).Quoted)) : new QualifiedName(new Identifier(defaultSchema), new Identifier(parts[0])).Quoted;
        bool drops = m.Groups["verb"].Value.StartsWith("d", StringComparison.OrdinalIgnoreCase);
        return (kind + " " + name, drops, new DefinedObject(kind, name, parts[^1], on, drops ? FrozenSet<string>.Empty : WordsOf(text)));
    }

    /// <summary>Every word written in <paramref name="text"/>, quoted or not, as PostgreSQL would fold it (strings and bodies included).</summary>
    public static FrozenSet<string> WordsOf(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match w in Word().Matches(text))
        {
            words.Add(w.Groups["quoted"].Success ? w.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : Identifier.Fold(w.Value));
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }

    private static string Unquote(string part) =>
        part.StartsWith('"') ? part[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : Identifier.Fold(part);

    private static DefinedKind KindOf(string written) => string.Join(' ', written.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant() switch
    {
        "VIEW" or "RECURSIVE VIEW" => DefinedKind.View,
        "MATERIALIZED VIEW" => DefinedKind.MaterializedView,
        "FUNCTION" => DefinedKind.Function,
        "PROCEDURE" => DefinedKind.Procedure,
        "TRIGGER" or "CONSTRAINT TRIGGER" => DefinedKind.Trigger,
        "POLICY" => DefinedKind.Policy,
        "RULE" => DefinedKind.Rule,
        var other => throw new System.Diagnostics.UnreachableException(other),
    };

    private const string Part = "(?<part>\"(?:[^\"]|\"\")+\"|[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_$\\u00C0-\\uFFFF]*)";

    [GeneratedRegex(
        "^\\s*(?<verb>DROP|CREATE(?:\\s+OR\\s+REPLACE)?)\\s+(?:(?:TEMP|TEMPORARY)\\s+)?(?<kind>(?:CONSTRAINT\\s+)?TRIGGER|MATERIALIZED\\s+VIEW|(?:RECURSIVE\\s+)?VIEW|FUNCTION|PROCEDURE|POLICY|RULE)\\s+" +
        "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?" + Part + "(?:\\s*\\.\\s*" + Part + ")?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Defining();

    [GeneratedRegex("\\G.*?\\bON\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?" + Part + "(?:\\s*\\.\\s*" + Part + ")?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex On();

    [GeneratedRegex("\"(?<quoted>(?:[^\"]|\"\")*)\"|[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_$\\u00C0-\\uFFFF]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
