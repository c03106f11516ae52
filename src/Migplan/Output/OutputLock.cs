namespace Migplan.Output;

/// <summary>
/// The lock one run holds on an output folder while it writes: the file <c>.NAME.migplan-lock</c> beside the
/// folder, opened with <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Linux, released by the kernel
/// when the process dies, however it dies). The file is deleted when the lock is released; a run that opened
/// the file just before it was deleted finds its lock on a file that is no longer there, and tries again.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    private const int Attempts = 5;

    private readonly string _path;
    private readonly FileStream _stream;

    private OutputLock(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    /// <summary>The lock, or null when another run holds it.</summary>
    /// <exception cref="IOException">The lock file cannot be created (the folder is not writable, ...).</exception>
    /// <exception cref="UnauthorizedAccessException">The lock file cannot be created.</exception>
    public static OutputLock? TryAcquire(string path)
    {
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                return null;
            }

            if (!LinuxFiles.Supported || IsStillAt(stream, path))
            {
                return new OutputLock(path, stream);
            }

            stream.Dispose();
        }

        return null;
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        finally
        {
            _stream.Dispose();
        }
    }

    /// <summary>
    /// Whether the open file is the one at <paramref name="path"/>: the holder before us deletes the file as it
    /// releases it, so a lock taken on the deleted file would lock nothing.
    /// </summary>
    private static bool IsStillAt(FileStream stream, string path)
    {
        var open = LinuxFiles.Stat(stream.SafeFileHandle);
        var named = LinuxFiles.Stat(path, followLinks: false);
        return named.Kind != FileKind.Missing && open.Device == named.Device && open.Inode == named.Inode;
    }

    /// <summary>A sharing violation: EWOULDBLOCK from flock on Linux (11) and macOS (35), the sharing or lock violation on Windows.</summary>
    private static bool IsHeldElsewhere(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
