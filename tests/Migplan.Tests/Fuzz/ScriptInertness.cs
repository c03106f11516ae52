using System.Text.RegularExpressions;
using Migplan.Rendering.Psql;

namespace Migplan.Tests.Fuzz;

/// <summary>
/// What a generated plan folder must not hold: a forward or rollback script that, read by psql (modelled by
/// <see cref="PsqlScript"/>) with standard_conforming_strings on or off, has a meta-command other than the ones
/// migplan writes itself, a variable interpolation, or ends inside a quote or comment. A line break smuggled
/// out of a comment shows up here as a meta-command, or as a statement psql would send that is not one of the
/// step's own (plan.json <c>sql</c>; for a rollback with a by-hand part, the stop block rendered from its data first) nor a one-line session setting of the preamble (SET / RESET /
/// <c>SELECT pg_catalog.set_config(...)</c>).
/// </summary>
internal static partial class ScriptInertness
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

        string json = Path.Combine(planDir, "plan.json");
        if (File.Exists(json))
        {
            findings.AddRange(StatementFindings(planDir, json));
        }

        return findings;
    }

    /// <summary>Each script must send its step's statements, preceded only by one-line session settings.</summary>
    private static IEnumerable<Finding> StatementFindings(string planDir, string planJson)
    {
        var plan = Migplan.Plans.PlanJsonReader.Read(planJson, Migplan.Rendering.Messages.English.Instance);
        foreach (var step in plan.Steps)
        {
            // A rollback that cannot undo its step stops first: exactly the block rendered from its data (byHand, class, title).
            string stop = step.Rollback.StopsUnlessAccepted ? Migplan.Rendering.RollbackStop.Block(step) : string.Empty;
            // The pre-migration step's go/no-go checks follow its commands: exactly the blocks rendered from their data.
            string checks = Migplan.Rendering.GoNoGoScript.Text(step.GoNoGo);
            foreach (var (script, commands, before, after) in new[] { (step.ScriptPath, step.Commands, string.Empty, checks), (step.RollbackPath, step.Rollback.Commands, stop, string.Empty) })
            {
                string sql = before + Sent(commands, step.Locks) + after;
                string path = Path.Combine(planDir, script);
                if (!File.Exists(path))
                {
                    continue;
                }

                // Not the first line of a file, as in the script (psql drops a byte order mark only there).
                var expected = PsqlScript.Scan("\n" + sql).Statements.Select(s => s.Text).ToList();
                var actual = PsqlScript.Scan(File.ReadAllText(path)).Statements.ToList();
                int preamble = actual.Count - expected.Count;
                if (preamble < 0 || !actual.Skip(preamble).Select(s => s.Text).SequenceEqual(expected))
                {
                    yield return new Finding("statements differ", $"{script}: psql would send {actual.Count} statement(s), the step has {expected.Count}");
                    continue;
                }

                foreach (var extra in actual.Take(preamble).Where(s => !SessionSetting().IsMatch(s.Text)))
                {
                    yield return new Finding("smuggled statement", $"{script}:{extra.Line}: {FuzzMutator.Escape(extra.Text)}");
                }
            }
        }
    }

    /// <summary>
    /// What the commands send: each one's SQL; for a command with a condition the query that yields it to \gexec; for
    /// a command with a lock-retry policy the DO block that holds it (its statement verbatim inside, checked here), after
    /// the one function those blocks call, defined before the first.
    /// </summary>
    private static string Sent(System.Collections.Immutable.ImmutableArray<Migplan.Plans.Command> commands, System.Collections.Immutable.ImmutableArray<Migplan.Plans.LockTaken> locks)
    {
        var sb = new System.Text.StringBuilder();
        bool helper = false;
        foreach (var c in commands)
        {
            if (c.OnlyIf is { } condition)
            {
                sb.Append($"SELECT {Migplan.Sql.SqlText.Literal(c.Sql.TrimEnd().TrimEnd(';'))} WHERE {condition}\n\\gexec\n");
            }
            else if (c.LockRetry is not null && !c.OutsideTransaction)
            {
                string wrapped = Migplan.Rendering.LockRetryScript.Wrap(c, locks);
                string held = Migplan.Sql.SqlText.DoBlockBody(c.Sql) is { } body ? body.TrimEnd() : c.Sql;
                if (!wrapped.Contains(held, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("the lock-retry block does not hold the statement verbatim: " + c.Sql);
                }

                // The function the blocks call after a failed attempt: defined once, before the first.
                if (!helper)
                {
                    sb.Append(Migplan.Rendering.LockRetryScript.Helper);
                    helper = true;
                }

                sb.Append(wrapped);
            }
            else
            {
                sb.Append(c.Sql);
            }
        }

        return sb.ToString();
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

    [GeneratedRegex(@"^(?:SET|RESET|SELECT pg_catalog\.set_config\()[^\r\n]*;$")]
    private static partial Regex SessionSetting();
}
