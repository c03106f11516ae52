using Migplan.Rendering.Psql;

namespace Migplan.Tests.Fuzz;

/// <summary>
/// What a generated plan folder must not hold: a forward or rollback script that, read by psql (modelled by
/// <see cref="PsqlScript"/>) with standard_conforming_strings on or off, has a meta-command other than the ones
/// migplan writes itself, a variable interpolation, or ends inside a quote or comment. A line break smuggled
/// out of a comment shows up here as a meta-command (or as SQL psql would send: see the on-server tests).
/// </summary>
internal static class ScriptInertness
{
    public static IEnumerable<string> Scripts(string planDir)
    {
        string sql = Path.Combine(planDir, "sql");
        if (!Directory.Exists(sql))
        {
            return [];
        }

        return Directory.GetFiles(sql, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
    }

    /// <summary>One finding: its kind (meta-command, interpolation, open quote) and <c>sql/NN_x.sql:LINE: what (setting)</c>.</summary>
    public sealed record Finding(string Kind, string Detail)
    {
        public override string ToString() => $"{Kind}: {Detail}";
    }

    public static IReadOnlyList<Finding> Findings(string planDir)
    {
        var findings = new List<Finding>();
        foreach (string script in Scripts(planDir))
        {
            string relative = Path.GetRelativePath(planDir, script).Replace(Path.DirectorySeparatorChar, '/');
            findings.AddRange(Findings(relative, File.ReadAllText(script)));
        }

        return findings;
    }

    public static IEnumerable<Finding> Findings(string name, string script)
    {
        foreach (bool standard in new[] { true, false })
        {
            string setting = standard ? "on" : "off";
            var scan = PsqlScript.Scan(script, standard);
            foreach (var item in scan.Unexpected(PsqlScript.OwnMetaCommands))
            {
                string kind = item is PsqlMetaCommand ? "meta-command" : "interpolation";
                yield return new Finding(kind, $"{name}:{item.Line}: {FuzzMutator.Escape(item.ToString())} (standard_conforming_strings {setting})");
            }

            if (scan.OpenAtEnd is { } open)
            {
                yield return new Finding("open at end", $"{name}: ends inside {open} (standard_conforming_strings {setting})");
            }
        }
    }
}
