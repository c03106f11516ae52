using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Migplan.IntegrationTests.Support;
using Migplan.Rendering.Psql;

namespace Migplan.IntegrationTests.Inertness;

/// <summary>
/// <see cref="PsqlScript"/> against the real psql 15: seeded random scripts made of the pieces its lexer cares
/// about (quotes of every kind, dollar tags, comments, CR, backslashes, <c>\\</c>, <c>\;</c>, variables,
/// parentheses, function bodies), <c>\qecho</c> with quoted arguments (its output goes where queries' output
/// goes) and <c>\echo M&lt;n&gt;</c> markers, run with <c>ECHO=queries</c> (psql prints
/// every query it sends) and query output sent to /dev/null. psql's stdout must be exactly what the model
/// predicts: each statement's text, and each marker, in order. No shell escapes, backticks or <c>\gexec</c> are
/// generated.
/// </summary>
public sealed partial class PsqlScriptAgreementTests(PgServer server) : PgTest(server)
{
    private const int Seed = 15_0915;
    private const int Scripts = 400;

    private static readonly string[] Pieces =
    [
        "select", "x", "1", "1e", "1a", "1e-", "1.e", "1e1", "1e+5", ".5", "-", "/", "*", "\f", "\r\n", " ", " ", "\t", "\n", "\n", "\r", "'a'", "'\\'", "E'\\''", "e'", "'it''s'", "'",
        "\"q\"", "\"a\\\"", "\"", "U&'\\'", "U&\"u\"", "B'1\\'", "N'", "x'", "$$", "$a$", "$1", "$1a$", "a$b$", "$_$", "$",
        "/*", "*/", "/* /* */", "--", "-- c", ";", ";", "(", ")", "\\\\", "\\;", "\\:", ":foo", ":'foo'", ":\"foo\"",
        "::", "::int", "create", "function", "procedure", "or", "replace", "begin", "end", "case", "\\", "\\nope",
        "\\echo", "\\qecho 'q", "\\qecho \"d", "\\qecho 'a''b' x", "\\qecho 'x\\' y", "\\qecho a\\\\", "\\qecho :'foo'",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RandomScripts_SendTheStatementsAndRunTheMetaCommandsTheModelPredicts(bool standardConformingStrings)
    {
        if (!standardConformingStrings)
        {
            await Db.ExecuteAsync($"ALTER DATABASE {Db.Name} SET standard_conforming_strings = off", Ct);
        }

        var psql = new PsqlRunner(Db.ConnectionString);
        var variables = new Dictionary<string, string> { ["ON_ERROR_STOP"] = "0", ["ECHO"] = "queries" };
        var mismatches = new List<string>();
        int compared = 0;
        for (int index = 0; index < Scripts; index++)
        {
            string script = "\\o /dev/null\n" + Generate(new Random(HashCode.Combine(Seed, index, standardConformingStrings)));
            if (Predict(script, standardConformingStrings) is not { } expected)
            {
                continue;
            }

            var result = await psql.RunSqlAsync(script, Ct, variables);
            compared++;
            if (result.StdOut != expected)
            {
                mismatches.Add($"--- script {index}:\n{Show(script)}\n--- psql printed:\n{Show(result.StdOut)}\n--- the model predicts:\n{Show(expected)}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {Seed}, standard_conforming_strings {(standardConformingStrings ? "on" : "off")}: {compared} scripts compared with psql, {mismatches.Count} differ"));
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ:\n" + string.Join("\n", mismatches.Take(3)));
        Assert.True(compared >= Scripts / 3, $"only {compared} of {Scripts} scripts could be compared");
    }

    private static string Generate(Random random)
    {
        var text = new StringBuilder();
        int marker = 0;
        int count = 8 + random.Next(40);
        for (int i = 0; i < count; i++)
        {
            text.Append(random.Next(8) == 0 ? $" \\echo M{marker++} " : Pieces[random.Next(Pieces.Length)]);
        }

        return text.Append('\n').ToString();
    }

    /// <summary>
    /// What psql prints: each statement's text and a newline; for <c>\echo</c>, its arguments joined by single
    /// spaces; nothing for an unknown command (its error goes to stderr). Null when an <c>\echo</c> has arguments
    /// whose quoting the prediction does not model, or another command that prints (e.g. <c>\x</c>) was formed.
    /// </summary>
    private static string? Predict(string script, bool standardConformingStrings)
    {
        var output = new StringBuilder();
        foreach (var item in PsqlScript.Scan(script, standardConformingStrings).Items)
        {
            switch (item)
            {
                case PsqlStatement statement:
                    output.Append(statement.Text).Append('\n');
                    break;
                case PsqlMetaCommand { Name: "echo" } echo:
                    if (!PlainArguments().IsMatch(echo.Arguments))
                    {
                        return null;
                    }

                    output.Append(string.Join(' ', echo.Arguments.Split([' ', '\t', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries))).Append('\n');
                    break;
                case PsqlMetaCommand { Name: not ("o" or "qecho") } other when PsqlScript.IsKnownCommand(other.Name):
                    return null;
            }
        }

        return output.ToString();
    }

    private static string Show(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9_ \t\r\f]*$")]
    private static partial Regex PlainArguments();
}
