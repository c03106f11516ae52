using System.Text.RegularExpressions;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Ordering;

/// <summary>
/// What the ordering check can tell of a statement migplan does not analyse: every name written in it (any of them
/// may be something it reads or changes), and, for a DROP or CREATE [OR REPLACE] of a trigger, view, function and the
/// like, which object it drops or (re)creates.
/// </summary>
internal static partial class OpaqueNames
{
    public static Footprint Footprint(Statement statement, string defaultSchema)
    {
        string text = statement.Text;
        var replaced = Replacement(text, defaultSchema);
        var f = new Footprint { Opaque = true, NamesOnly = NamesOnlyStatement().IsMatch(text), Replaced = replaced?.Object, DropsReplaced = replaced?.Drops ?? false };
        f.Words.UnionWith(WordsOf(text));
        return f;
    }

    /// <summary>Every name written in <paramref name="text"/>: quoted ones as they are, unquoted ones folded to lower case.</summary>
    public static IEnumerable<string> WordsOf(string text)
    {
        foreach (Match m in Word().Matches(text))
        {
            yield return m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : Identifier.Fold(m.Value);
        }
    }

    /// <summary>"KIND name" of the object a DROP or CREATE [OR REPLACE] of a trigger, view, function... names first; null for other statements.</summary>
    internal static (string Object, bool Drops)? Replacement(string text, string defaultSchema)
    {
        var m = Replacing().Match(text);
        if (!m.Success)
        {
            return null;
        }

        string kind = WhiteSpace().Replace(m.Groups["kind"].Value.ToUpperInvariant(), " ");
        var parts = m.Groups["part"].Captures.Select(c => c.Value.StartsWith('"') ? c.Value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : Identifier.Fold(c.Value)).ToList();
        bool perTable = kind is "TRIGGER" or "CONSTRAINT TRIGGER" or "POLICY" or "RULE";
        string name = parts.Count > 1 || perTable ? string.Join(".", parts) : defaultSchema + "." + parts[0];
        bool drops = m.Groups["verb"].Value.StartsWith("d", StringComparison.OrdinalIgnoreCase);
        return (kind.Replace("CONSTRAINT ", string.Empty, StringComparison.Ordinal) + " " + name, drops);
    }

    [GeneratedRegex("\"(?<quoted>(?:[^\"]|\"\")*)\"|[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_$\\u00C0-\\uFFFF]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(
        "^\\s*(?<verb>DROP|CREATE(?:\\s+OR\\s+REPLACE)?)\\s+(?<kind>(?:CONSTRAINT\\s+)?TRIGGER|MATERIALIZED\\s+VIEW|VIEW|FUNCTION|PROCEDURE|AGGREGATE|POLICY|RULE|DOMAIN|TYPE)\\s+" +
        "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(?<part>\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\s*\\.\\s*(?<part>\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Replacing();

    [GeneratedRegex("^\\s*(?:COMMENT\\s+ON|GRANT|REVOKE|SECURITY\\s+LABEL)\\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamesOnlyStatement();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();
}
