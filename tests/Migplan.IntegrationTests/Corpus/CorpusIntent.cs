using System.Text.RegularExpressions;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>
/// What a plan does on purpose beyond the migration as written, done to the as-written database too so that the
/// replay goes on from the same schema (as <see cref="PlanRehearsal.AssertEndsLikeNaiveAsync"/>'s intent does):
/// a column's type widened as written leaves its sequence as it was (`AS integer`), and the plan widens the sequence
/// with it (issue 11 item 3).
/// </summary>
public static partial class CorpusIntent
{
    /// <summary>
    /// When every line of <paramref name="differences"/> is a sequence whose type alone differs, alters each to the plan's
    /// type on the as-written database and says so; otherwise null (nothing done).
    /// </summary>
    public static async Task<string?> WidenSequencesAsync(string differences, PsqlRunner asWritten, CancellationToken ct)
    {
        var lines = differences.Split('\n');
        var planned = lines.Select(l => PlannedSequence().Match(l)).Where(m => m.Success).ToList();
        bool onlySequences = lines.All(l => l.StartsWith("- sequence ", StringComparison.Ordinal) || PlannedSequence().IsMatch(l))
            && lines.Count(l => l.StartsWith("- sequence ", StringComparison.Ordinal)) == planned.Count;
        if (!onlySequences || planned.Count == 0)
        {
            return null;
        }

        var alters = planned.Select(m => $"ALTER SEQUENCE {Quoted(m.Groups["name"].Value)} AS {m.Groups["type"].Value};").ToList();
        var run = await asWritten.RunSqlAsync(string.Join("\n", alters), ct);
        Assert.True(run.Succeeded, $"widening the sequences as the plan did: {run.StdErr}");
        return "the plan widened on purpose, done to the as-written database too: " + string.Join(" ", alters);
    }

    private static string Quoted(string name) =>
        string.Join(".", name.Split('.').Select(p => "\"" + p.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    [GeneratedRegex(@"^\+ sequence (?<name>[a-z0-9_]+\.[a-z0-9_]+) as (?<type>smallint|integer|bigint) ")]
    private static partial Regex PlannedSequence();
}
