namespace Migplan.Output;

/// <summary>
/// The <c>--out</c> folder: where it is, the names migplan uses beside it, and whether migplan may replace it.
/// <para>
/// migplan replaces only what it wrote: a folder holding the <see cref="MarkerFileName"/> marker, an empty folder,
/// or nothing. It never replaces the root, a folder holding the working directory or any input (the folder of an
/// input included), a symbolic link, or a file. Beside the folder it uses <c>.NAME.migplan-lock</c> (held while a
/// run writes), <c>.NAME.migplan-tmp-PID</c> (the new plan being written, then the old one being deleted) and
/// <c>.NAME.migplan-old-PID</c> (the old plan, only where the two folders cannot be swapped atomically).
/// </para>
/// </summary>
internal sealed class OutputFolder
{
    /// <summary>The marker file every plan folder holds; a folder with it may be replaced by the next run.</summary>
    public const string MarkerFileName = ".migplan";

    /// <summary>The marker's text: what the folder is, for whoever finds it.</summary>
    public const string MarkerText =
        "This folder is a plan written by migplan (migplan plan --out). The next run with the same --out replaces it whole.\n";

    private const string TempInfix = ".migplan-tmp-";
    private const string OldInfix = ".migplan-old-";

    private OutputFolder(string shown, string full)
    {
        Shown = shown;
        Full = full;
        Parent = Path.GetDirectoryName(full) ?? full;
        Name = Path.GetFileName(full);
    }

    /// <summary>The path as the user named it (used in messages).</summary>
    public string Shown { get; }

    /// <summary>The absolute path, without a trailing separator.</summary>
    public string Full { get; }

    public string Parent { get; }

    public string Name { get; }

    public string LockPath => Path.Combine(Parent, $".{Name}.migplan-lock");

    public string TempPath => Path.Combine(Parent, $".{Name}{TempInfix}{Environment.ProcessId}");

    public string OldPath => Path.Combine(Parent, $".{Name}{OldInfix}{Environment.ProcessId}");

    /// <summary>
    /// The folder of <paramref name="outDir"/>, or null with the reason it may not be used, from the path alone
    /// (nothing is created): the root, a folder holding the working directory or an input, a link, a file.
    /// </summary>
    public static OutputFolder? Resolve(string outDir, IEnumerable<string> inputPaths, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(outDir))
        {
            error = "--out: the path is empty";
            return null;
        }

        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"--out {outDir}: not a usable path: {e.Message}";
            return null;
        }

        var folder = new OutputFolder(outDir, full);
        error = folder.RefusalFromPath(inputPaths);
        return error is null ? folder : null;
    }

    /// <summary>Why the folder as it now is may not be replaced, or null: it must be missing, empty, or hold the marker.</summary>
    public string? RefusalFromContents()
    {
        if (!Directory.Exists(Full))
        {
            return File.Exists(Full) ? $"--out {Shown}: is a file, not a folder" : null;
        }

        if (File.Exists(Path.Combine(Full, MarkerFileName)) || !Directory.EnumerateFileSystemEntries(Full).Any())
        {
            return null;
        }

        return $"--out {Shown}: the folder is not empty and is not a plan written by migplan (it has no {MarkerFileName} marker): " +
            "migplan replaces only its own plan folders; choose another --out, or empty or remove that folder yourself";
    }

    /// <summary>Whether a name in <see cref="Parent"/> is a leftover of a run on this folder (ours by name).</summary>
    public bool IsLeftover(string name, out bool isOldPlan)
    {
        isOldPlan = false;
        string prefix = "." + Name;
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = name[prefix.Length..];
        string? pid = rest.StartsWith(TempInfix, StringComparison.Ordinal) ? rest[TempInfix.Length..]
            : rest.StartsWith(OldInfix, StringComparison.Ordinal) ? rest[OldInfix.Length..]
            : null;
        isOldPlan = rest.StartsWith(OldInfix, StringComparison.Ordinal);
        return pid is { Length: > 0 } && pid.All(char.IsAsciiDigit);
    }

    private string? RefusalFromPath(IEnumerable<string> inputPaths)
    {
        if (Name.Length == 0)
        {
            return $"--out {Shown}: is the root folder; migplan never replaces it";
        }

        if (LinuxFiles.Supported && LinuxFiles.Stat(Full, followLinks: false).Kind == FileKind.SymbolicLink)
        {
            return $"--out {Shown}: is a symbolic link; name the folder itself";
        }

        if (File.Exists(Full))
        {
            return $"--out {Shown}: is a file, not a folder";
        }

        for (string? above = Parent; above is not null; above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                return $"--out {Shown}: {above} is a file, not a folder";
            }

            if (Directory.Exists(above))
            {
                break;
            }
        }

        string canonical = Canonical(Full);
        if (Contains(canonical, Canonical(Environment.CurrentDirectory)))
        {
            return $"--out {Shown}: holds the working directory; migplan never replaces it";
        }

        foreach (string input in inputPaths)
        {
            if (Contains(canonical, Canonical(Path.GetFullPath(input))))
            {
                return $"--out {Shown}: holds the input {input}; migplan never replaces a folder holding its inputs";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it.</summary>
    private static bool Contains(string folder, string path) =>
        path == folder || path.StartsWith(Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The absolute path with every symbolic link of its existing part resolved (the rest appended as is).</summary>
    private static string Canonical(string full)
    {
        if (!LinuxFiles.Supported)
        {
            return Path.TrimEndingDirectorySeparator(full);
        }

        string existing = Path.TrimEndingDirectorySeparator(full);
        string rest = string.Empty;
        while (true)
        {
            if (LinuxFiles.RealPath(existing) is { } real)
            {
                return rest.Length == 0 ? real : Path.Combine(real, rest);
            }

            string? parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return full;
            }

            rest = rest.Length == 0 ? Path.GetFileName(existing) : Path.Combine(Path.GetFileName(existing), rest);
            existing = parent;
        }
    }
}
