using System.Text.RegularExpressions;
using Migplan.Rendering;

namespace Migplan.Tests.Golden;

/// <summary>
/// Rules every generated script of every golden plan keeps so that it runs only what the plan shows when a DBA
/// runs it as a superuser: the session is pinned before the first statement, and built-in functions are called
/// schema-qualified, so an object someone else created in a schema of the search path cannot stand in for one.
/// </summary>
public sealed partial class ScriptSessionInvariantTests
{
    /// <summary>Constructs that look like calls but are grammar, not functions found through the search path.</summary>
    private static readonly HashSet<string> Grammar = new(StringComparer.Ordinal)
    {
        "coalesce", "greatest", "least", "nullif", "exists", "row", "in", "any", "all", "array", "values", "cast", "extract",
        "position", "substring", "trim", "overlay", "if", "not", "and", "or", "when", "then", "using", "on", "key", "check", "include",
    };

    public static TheoryData<string> Cases() => new(GoldenCase.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryScriptWithAStatement_PinsEncodingStringSyntaxAndSearchPath_BeforeItsFirstStatement(string name)
    {
        foreach (var file in Scripts(name))
        {
            var lines = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)).ToList();
            if (lines.Count == 0)
            {
                continue; // a rollback that only explains what to do by hand
            }

            Assert.True(lines.Count >= 5, file);
            Assert.Equal(
                ["\\set AUTOCOMMIT on", "SET client_encoding = 'UTF8';", "SET standard_conforming_strings = on;", $"SET search_path = {SessionSettings.SearchPath};"],
                lines.Take(4));
            Assert.StartsWith("SET application_name = ", lines[4], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryFunctionTheScriptsCall_IsQualified_UnlessTheInputWroteIt(string name)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in Directory.EnumerateFiles(GoldenCase.InputDirectory(name), "*", SearchOption.AllDirectories))
        {
            foreach (Match m in Call().Matches(File.ReadAllText(input).ToLowerInvariant()))
            {
                written.Add(m.Groups[1].Value);
            }
        }

        foreach (var file in Scripts(name))
        {
            string code = Literal().Replace(Comment().Replace(File.ReadAllText(file), string.Empty), "''");
            foreach (Match m in Call().Matches(code))
            {
                string function = m.Groups[1].Value;
                Assert.True(Grammar.Contains(function) || written.Contains(function), $"{file}: {function}( is called unqualified");
            }
        }
    }

    private static IEnumerable<string> Scripts(string name) =>
        Directory.EnumerateFiles(Path.Combine(GoldenCase.ExpectedDirectory(name), "sql"), "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![\w.$""])([a-z_][a-z0-9_]*)\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"'(?:[^']|'')*'|""(?:[^""]|"""")*""")]
    private static partial Regex Literal();
}
