using System.Collections.Immutable;
using System.Text;
using Migplan.Output;
using Migplan.Planning;

namespace Migplan.Rendering;

/// <summary>What writing a plan folder came to: nothing in <see cref="Errors"/> when the plan is in place.</summary>
public sealed record PlanWriteResult(ImmutableArray<string> Errors)
{
    public bool Written => Errors.IsEmpty;
}

/// <summary>
/// Writes a plan folder (migration-plan.md, plan.json, sql/, sql/rollback/ and the <c>.migplan</c> marker) into a
/// temporary directory beside the destination and puts it in place only when complete: nothing half-written is
/// left, and the destination holds the old plan or the new one at every instant. The destination is replaced
/// only when migplan wrote it (see <see cref="OutputFolder"/>), and one run at a time writes it
/// (<see cref="OutputLock"/>). A destination that may not be used, or cannot be written, is an error naming it;
/// nothing is then written.
/// </summary>
public static class PlanWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the plan to <paramref name="outDir"/>; it must not hold the working directory.</summary>
    public static Task<PlanWriteResult> WriteAsync(Plan plan, string outDir, CancellationToken cancellationToken) =>
        WriteAsync(plan, outDir, [], cancellationToken);

    /// <summary>Writes the plan to <paramref name="outDir"/>; it must not hold the working directory or any of <paramref name="inputPaths"/>.</summary>
    public static async Task<PlanWriteResult> WriteAsync(Plan plan, string outDir, IEnumerable<string> inputPaths, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        bool written = false;
        try
        {
            var folder = OutputFolder.Resolve(outDir, inputPaths, out string? refusal);
            if (folder is null)
            {
                return Refused(refusal ?? $"--out {outDir}: cannot be used");
            }

            CreateParent(folder.Parent, created);
            using (var held = OutputLock.TryAcquire(folder.LockPath))
            {
                if (held is null)
                {
                    return Refused($"--out {outDir}: another migplan run is writing {outDir}; nothing was written: try again when it has finished");
                }

                FolderReplacement.RecoverAndClean(folder);
                if (folder.RefusalFromContents() is { } error)
                {
                    return Refused(error);
                }

                try
                {
                    await RenderAsync(plan, folder.TempPath, cancellationToken).ConfigureAwait(false);
                    FolderReplacement.Install(folder, folder.TempPath);
                    written = true;
                }
                finally
                {
                    if (!written && Directory.Exists(folder.TempPath))
                    {
                        Directory.Delete(folder.TempPath, recursive: true);
                    }
                }
            }

            return new PlanWriteResult([]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused($"--out {outDir}: cannot write the plan there: {e.Message}");
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(i => i is IOException or UnauthorizedAccessException))
        {
            return Refused($"--out {outDir}: cannot write the plan there: {e.Flatten().InnerExceptions[0].Message}");
        }
        finally
        {
            if (!written)
            {
                RemoveEmpty(created);
            }
        }
    }

    private static PlanWriteResult Refused(string message) => new([message]);

    private static async Task RenderAsync(Plan plan, string temp, CancellationToken cancellationToken)
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
                PlanJsonWriter.Write(plan, json, Messages.English.Instance);
            },
            cancellationToken);
        // Each worker encodes its scripts into one buffer of its own, reused from file to file.
        Parallel.ForEach(
            plan.Steps,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new byte[ScriptBufferBytes],
            (step, _, buffer) =>
            {
                using (var forward = new Utf8FileWriter(Path.Combine(temp, step.ScriptPath), buffer))
                {
                    SqlScripts.WriteForwardChecked(step, forward, step.ScriptPath, plan.Session);
                }

                using (var rollback = new Utf8FileWriter(Path.Combine(temp, step.RollbackPath), buffer))
                {
                    SqlScripts.WriteRollbackChecked(step, rollback, step.RollbackPath, plan.Session);
                }

                return buffer;
            },
            _ => { });
        await documents.ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(temp, OutputFolder.MarkerFileName), OutputFolder.MarkerText, Utf8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scripts are written in pieces of this size (a grouped script is megabytes), under the large object heap's threshold.</summary>
    private const int ScriptBufferBytes = 1 << 16;

    /// <summary>Creates <paramref name="parent"/> and its missing ancestors, recording those it created (outermost first).</summary>
    private static void CreateParent(string parent, List<string> created)
    {
        for (string? dir = parent; dir is not null && !Path.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            created.Insert(0, dir);
        }

        Directory.CreateDirectory(parent);
    }

    /// <summary>Removes the folders a failed run created, innermost first, as long as they are empty.</summary>
    private static void RemoveEmpty(List<string> created)
    {
        for (int i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                Directory.Delete(created[i], recursive: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
