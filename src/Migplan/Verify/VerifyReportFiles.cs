using System.Text;

namespace Migplan.Verify;

/// <summary>Writes verify-report.json and verify-report.md into the plan directory, each to a temporary file first and then renamed over.</summary>
public static class VerifyReportFiles
{
    public static async Task WriteAsync(string planDir, VerifyReport report, CancellationToken ct)
    {
        using var json = new MemoryStream();
        VerifyReportJson.Write(report, json);
        await WriteFileAsync(Path.Combine(planDir, VerifyReportJson.FileName), json.ToArray(), ct).ConfigureAwait(false);
        await WriteFileAsync(Path.Combine(planDir, VerifyReportMarkdown.FileName), Encoding.UTF8.GetBytes(VerifyReportMarkdown.Render(report)), ct).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(string path, byte[] bytes, CancellationToken ct)
    {
        string temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllBytesAsync(temp, bytes, ct).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
