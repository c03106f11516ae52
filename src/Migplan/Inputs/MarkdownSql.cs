using System.Text;
using Migplan.Sql;

namespace Migplan.Inputs;

/// <summary>The ```sql fenced blocks of a Markdown artifact, each a source positioned in the file.</summary>
public static class MarkdownSql
{
    private static readonly string[] SqlInfo = ["sql", "postgresql", "postgres", "pgsql", "psql", "plpgsql"];

    public static IEnumerable<SourceText> Extract(string path, string markdown)
    {
        var lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            int indent = lines[i].Length - trimmed.Length;
            if (indent > 3 || !(trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                continue;
            }

            char fenceChar = trimmed[0];
            int fenceLength = trimmed.TakeWhile(c => c == fenceChar).Count();
            string info = trimmed[fenceLength..].Trim().Split(' ', '{')[0].ToLowerInvariant();
            int start = i + 1;
            int end = start;
            while (end < lines.Length && !IsClosingFence(lines[end], fenceChar, fenceLength))
            {
                end++;
            }

            if (SqlInfo.Contains(info))
            {
                var body = new StringBuilder();
                for (int j = start; j < end; j++)
                {
                    body.Append(lines[j]).Append('\n');
                }

                yield return new SourceText(path, body.ToString(), firstLine: start + 1);
            }

            i = end;
        }
    }

    private static bool IsClosingFence(string line, char fenceChar, int length)
    {
        string t = line.Trim();
        return t.Length >= length && t.All(c => c == fenceChar);
    }
}
