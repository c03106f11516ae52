using System.Text;
using Migplan.Planning;

namespace Migplan.Rendering;

/// <summary>
/// Writes a plan folder (migration-plan.md, plan.json, sql/, sql/rollback/) into a temporary directory
/// beside the destination and moves it into place only when complete: nothing half-written is left.
/// </summary>
public static class PlanWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(Plan plan, string outDir, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(outDir);
        string parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        Directory.CreateDirectory(parent);
        string name = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        string temp = Path.Combine(parent, $".{name}.migplan-tmp-{Environment.ProcessId}");
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(temp, "sql", "rollback"));
            var documents = Task.Run(
                () =>
                {
                    using (var md = new StreamWriter(Path.Combine(temp, "migration-plan.md"), false, Utf8, 1 << 16) { NewLine = "\n" })
                    {
                        MarkdownRenderer.Write(plan, md);
                    }

                    using var json = new FileStream(Path.Combine(temp, "plan.json"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                    JsonRenderer.Write(plan, json);
                },
                cancellationToken);
            Parallel.ForEach(plan.Steps, new ParallelOptions { CancellationToken = cancellationToken }, step =>
            {
                using (var forward = new StreamWriter(Path.Combine(temp, step.ScriptPath), false, Utf8))
                {
                    SqlScripts.WriteForward(step, forward);
                }

                using var rollback = new StreamWriter(Path.Combine(temp, step.RollbackPath), false, Utf8);
                SqlScripts.WriteRollback(step, rollback);
            });
            await documents.ConfigureAwait(false);

            string? old = null;
            if (Directory.Exists(full))
            {
                old = Path.Combine(parent, $".{name}.migplan-old-{Environment.ProcessId}");
                Directory.Move(full, old);
            }

            Directory.Move(temp, full);
            if (old is not null)
            {
                Directory.Delete(old, recursive: true);
            }
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }
}
