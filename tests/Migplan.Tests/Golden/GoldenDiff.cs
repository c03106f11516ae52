using System.Text;

namespace Migplan.Tests.Golden;

/// <summary>
/// Byte-exact comparison of two directory trees, with a readable report of the first difference:
/// missing and extra files, then the first differing file as a unified-style diff of its changed region.
/// </summary>
internal static class GoldenDiff
{
    private const int MaxDiffLines = 20;
    private const int ContextLines = 2;

    /// <summary>Relative paths ('/'-separated) of every file under <paramref name="root"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string root) =>
        !Directory.Exists(root)
            ? []
            : Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .ToList();

    /// <summary>Null when both trees hold the same files with the same bytes; otherwise what differs.</summary>
    public static string? Compare(string expectedRoot, string actualRoot)
    {
        var expected = Files(expectedRoot);
        var actual = Files(actualRoot);
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        var report = new StringBuilder();
        if (expected.Count == 0)
        {
            report.Append("no expected files in ").Append(expectedRoot).Append('\n');
        }
        else
        {
            if (missing.Count > 0)
            {
                report.Append("missing (expected but not produced): ").Append(string.Join(", ", missing)).Append('\n');
            }

            if (extra.Count > 0)
            {
                report.Append("extra (produced but not expected): ").Append(string.Join(", ", extra)).Append('\n');
            }
        }

        foreach (string file in expected.Intersect(actual, StringComparer.Ordinal))
        {
            byte[] e = File.ReadAllBytes(Path.Combine(expectedRoot, file));
            byte[] a = File.ReadAllBytes(Path.Combine(actualRoot, file));
            if (!e.AsSpan().SequenceEqual(a))
            {
                report.Append("first differing file: ").Append(file).Append('\n');
                report.Append(Unified(file, e, a));
                break;
            }
        }

        return report.Length == 0 ? null : report.ToString();
    }

    /// <summary>
    /// The changed region between the common leading and trailing lines, as <c>-</c>/<c>+</c> lines with a
    /// little context; at most <see cref="MaxDiffLines"/> lines of each side.
    /// </summary>
    public static string Unified(string file, byte[] expectedBytes, byte[] actualBytes)
    {
        string expectedText = Encoding.UTF8.GetString(expectedBytes);
        string actualText = Encoding.UTF8.GetString(actualBytes);
        if (expectedText == actualText)
        {
            return $"the texts are equal but the bytes differ (byte order mark or invalid UTF-8): expected {expectedBytes.Length} bytes, actual {actualBytes.Length}\n";
        }

        string[] e = expectedText.Split('\n');
        string[] a = actualText.Split('\n');
        int prefix = 0;
        while (prefix < e.Length && prefix < a.Length && e[prefix] == a[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < e.Length - prefix && suffix < a.Length - prefix && e[^(suffix + 1)] == a[^(suffix + 1)])
        {
            suffix++;
        }

        int eCount = e.Length - prefix - suffix;
        int aCount = a.Length - prefix - suffix;
        int from = Math.Max(0, prefix - ContextLines);
        var sb = new StringBuilder();
        sb.Append("--- expected/").Append(file).Append('\n');
        sb.Append("+++ actual/").Append(file).Append('\n');
        sb.Append($"@@ -{prefix + 1},{eCount} +{prefix + 1},{aCount} @@\n");
        for (int i = from; i < prefix; i++)
        {
            sb.Append(' ').Append(Visible(e[i])).Append('\n');
        }

        AppendSide(sb, '-', e, prefix, eCount);
        AppendSide(sb, '+', a, prefix, aCount);
        for (int i = prefix + eCount; i < Math.Min(e.Length, prefix + eCount + ContextLines); i++)
        {
            sb.Append(' ').Append(Visible(e[i])).Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendSide(StringBuilder sb, char marker, string[] lines, int start, int count)
    {
        for (int i = start; i < start + Math.Min(count, MaxDiffLines); i++)
        {
            sb.Append(marker).Append(Visible(lines[i])).Append('\n');
        }

        if (count > MaxDiffLines)
        {
            sb.Append(marker).Append($" ... {count - MaxDiffLines} more line(s)\n");
        }
    }

    /// <summary>Makes a carriage return and trailing blanks visible, since they are otherwise invisible in a diff.</summary>
    private static string Visible(string line)
    {
        string shown = line.Replace("\r", "\\r", StringComparison.Ordinal);
        int trimmed = shown.TrimEnd(' ', '\t').Length;
        return trimmed == shown.Length ? shown : shown[..trimmed] + "<trailing " + (shown.Length - trimmed) + " blank(s)>";
    }
}
