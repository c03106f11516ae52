using System.Text.RegularExpressions;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>How many statements of each kind the corpus has, and how many of them migplan carries "not analysed".</summary>
public sealed partial class CorpusStatementKinds
{
    private readonly SortedDictionary<string, (int Total, int NotAnalysed)> kinds = new(StringComparer.Ordinal);

    public int Total => kinds.Values.Sum(k => k.Total);

    public int NotAnalysed => kinds.Values.Sum(k => k.NotAnalysed);

    public IReadOnlyDictionary<string, (int Total, int NotAnalysed)> Kinds => kinds;

    /// <summary>Counts the statements of one migration as migplan's parser reads it (an OpaqueStatement not read as a definition = not analysed).</summary>
    public void Add(string file, string sql)
    {
        foreach (var statement in SqlParser.Parse(new SourceText(file, sql)).Statements)
        {
            string kind = KindOf(statement.Text);
            var (total, notAnalysed) = kinds.GetValueOrDefault(kind);
            kinds[kind] = (total + 1, notAnalysed + (statement is OpaqueStatement { Defines: null } ? 1 : 0));
        }
    }

    /// <summary>The statement's leading keywords: <c>CREATE FUNCTION</c> (OR REPLACE and the like left out), <c>COMMENT ON TABLE</c>, <c>UPDATE</c>.</summary>
    public static string KindOf(string text)
    {
        var words = Words().Matches(text).Select(m => m.Value.ToUpperInvariant())
            .Where(w => w is not ("OR" or "REPLACE" or "UNIQUE" or "TEMP" or "TEMPORARY" or "TRUSTED" or "PROCEDURAL" or "DEFAULT" or "CONSTRAINT" or "UNLOGGED"))
            .Take(3).ToList();
        if (words.Count == 0)
        {
            return "(empty)";
        }

        return words[0] switch
        {
            "CREATE" or "ALTER" or "DROP" when words.Count > 1 => words[0] + " " + words[1],
            "COMMENT" when words.Count > 2 => string.Join(' ', words),
            _ => words[0],
        };
    }

    /// <summary>A Markdown table, most frequent not-analysed kinds first.</summary>
    public string Table()
    {
        var lines = new List<string>
        {
            $"{NotAnalysed} of {Total} statements not analysed ({100.0 * NotAnalysed / Math.Max(1, Total):F1}%)",
            "",
            "| kind | statements | not analysed |",
            "| --- | ---: | ---: |",
        };
        lines.AddRange(kinds.OrderByDescending(k => k.Value.NotAnalysed).ThenByDescending(k => k.Value.Total).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => $"| {k.Key} | {k.Value.Total} | {k.Value.NotAnalysed} |"));
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"[A-Za-z_]+")]
    private static partial Regex Words();
}
