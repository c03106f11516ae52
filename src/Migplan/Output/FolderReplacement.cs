namespace Migplan.Output;

/// <summary>
/// Puts a complete plan folder in place of the old one so that, at every instant, the output path holds either
/// the old plan or the new one, and cleans up after runs that were killed. Called only under the
/// <see cref="OutputLock"/>, so every leftover found is from a run that has died.
/// <para>
/// On Linux the new folder and the old one are swapped with <c>renameat2(RENAME_EXCHANGE)</c>, then the old one
/// (now under the temporary name) is deleted. Where the exchange is not supported it is two renames: the old
/// plan to <c>.NAME.migplan-old-PID</c>, the new one into place. A run killed between them leaves no output
/// folder: the next run moves the old plan back before anything else.
/// </para>
/// </summary>
internal static class FolderReplacement
{
    /// <summary>
    /// Restores an old plan a killed run left with no output folder, then deletes every other leftover of a
    /// killed run (temporary and old folders); only directories are deleted, never a link or a file.
    /// </summary>
    public static void RecoverAndClean(OutputFolder folder)
    {
        var leftovers = new List<(string Path, bool IsOldPlan)>();
        foreach (string entry in Directory.EnumerateDirectories(folder.Parent))
        {
            if (folder.IsLeftover(Path.GetFileName(entry), out bool isOldPlan) && IsRealDirectory(entry))
            {
                leftovers.Add((entry, isOldPlan));
            }
        }

        if (!Path.Exists(folder.Full))
        {
            var restore = leftovers
                .Where(l => l.IsOldPlan && File.Exists(Path.Combine(l.Path, OutputFolder.MarkerFileName)))
                .OrderByDescending(l => Directory.GetLastWriteTimeUtc(l.Path))
                .Select(l => l.Path)
                .FirstOrDefault();
            if (restore is not null)
            {
                Directory.Move(restore, folder.Full);
                leftovers.RemoveAll(l => l.Path == restore);
            }
        }

        foreach (var (path, _) in leftovers)
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Moves the complete plan at <paramref name="temp"/> to the output path, replacing what is there.</summary>
    public static void Install(OutputFolder folder, string temp)
    {
        if (!Directory.Exists(folder.Full))
        {
            Directory.Move(temp, folder.Full);
            return;
        }

        if (LinuxFiles.Supported && LinuxFiles.TryExchange(temp, folder.Full))
        {
            DeleteOldPlan(temp);
            return;
        }

        string old = folder.OldPath;
        Directory.Move(folder.Full, old);
        try
        {
            Directory.Move(temp, folder.Full);
        }
        catch
        {
            Directory.Move(old, folder.Full);
            throw;
        }

        DeleteOldPlan(old);
    }

    /// <summary>
    /// Deletes the old plan once the new one is in place. A failure here does not undo the run: the plan is
    /// written, and what is left is a leftover the next run deletes.
    /// </summary>
    private static void DeleteOldPlan(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static bool IsRealDirectory(string path) =>
        LinuxFiles.Supported
            ? LinuxFiles.Stat(path, followLinks: false).Kind == FileKind.Directory
            : (File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0;
}
