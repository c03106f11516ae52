using System.Buffers;
using System.Globalization;
using System.Text;
using Migplan.Output;

namespace Migplan.Inputs;

/// <summary>
/// Reads one input file (a change file, a Markdown artifact, the schema or the stats) as PostgreSQL would take
/// it: a regular file of at most <see cref="MaxBytes"/> bytes, in UTF-8 (a leading byte order mark is skipped).
/// Anything else is refused with a message naming the path: a FIFO, a device, a socket or a directory is refused
/// from its kind, before it is opened (opening a FIFO blocks, reading a device never ends); invalid UTF-8 is
/// refused at its first bad byte as <c>file:line:column</c>, where PostgreSQL would reject the file too.
/// </summary>
internal static class InputFile
{
    /// <summary>The largest input accepted: 256 MiB.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="path"/> (line ends as in the file), or null with the reason added to <paramref name="errors"/>.</summary>
    public static async Task<string?> ReadAsync(string path, List<string> errors, CancellationToken ct)
    {
        if (Refusal(path) is { } refusal)
        {
            errors.Add($"{path}: {refusal}");
            return null;
        }

        byte[] bytes;
        int length;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                (bytes, length) = await ReadBoundedAsync(stream, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: cannot read: {e.Message}");
            return null;
        }

        if (length > MaxBytes)
        {
            errors.Add($"{path}: {TooLarge(length)}");
            return null;
        }

        return Decode(path, bytes.AsSpan(0, length), errors);
    }

    /// <summary>Why <paramref name="path"/> is not read, from its kind and size; null when it is a regular file within the limit.</summary>
    internal static string? Refusal(string path)
    {
        if (!LinuxFiles.Supported)
        {
            return Directory.Exists(path) ? "is a directory, not a file" : null;
        }

        FileFacts facts;
        try
        {
            facts = LinuxFiles.Stat(path);
        }
        catch (IOException e)
        {
            return $"cannot read: {e.Message}";
        }

        return facts.Kind switch
        {
            FileKind.Regular when facts.Size > MaxBytes => TooLarge(facts.Size),
            FileKind.Regular => null,
            FileKind.Missing => "no such file or directory",
            FileKind.Directory => "is a directory, not a file",
            FileKind.Fifo => "is a FIFO (named pipe), not a regular file: migplan reads inputs only from regular files",
            FileKind.CharacterDevice => "is a character device, not a regular file: migplan reads inputs only from regular files",
            FileKind.BlockDevice => "is a block device, not a regular file: migplan reads inputs only from regular files",
            FileKind.Socket => "is a socket, not a regular file: migplan reads inputs only from regular files",
            _ => "is not a regular file: migplan reads inputs only from regular files",
        };
    }

    /// <summary>
    /// The text of <paramref name="bytes"/>, or null with <c>path:line:column: invalid UTF-8</c> at the first bad byte
    /// (line as counted by line feeds; column in UTF-16 code units, as every diagnostic of a source counts it).
    /// </summary>
    internal static string? Decode(string path, ReadOnlySpan<byte> bytes, List<string> errors)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return StrictUtf8.GetString(bytes);
        }

        int bad = FirstInvalidByte(bytes);
        var before = bytes[..bad];
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        int line = before.Count((byte)'\n') + 1;
        int column = StrictUtf8.GetCharCount(before[lineStart..]) + 1;
        errors.Add(string.Create(CultureInfo.InvariantCulture,
            $"{path}:{line}:{column}: invalid UTF-8 (byte 0x{bytes[bad]:X2}): PostgreSQL rejects the file too; save it as UTF-8"));
        return null;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        char[] scratch = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            System.Text.Unicode.Utf8.ToUtf16(bytes, scratch, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>The whole stream, or its first <see cref="MaxBytes"/> + 1 bytes when it is longer (it grew since it was checked).</summary>
    private static async Task<(byte[] Bytes, int Length)> ReadBoundedAsync(FileStream stream, CancellationToken ct)
    {
        long limit = MaxBytes + 1;
        var buffer = new byte[(int)Math.Min(Math.Max(stream.Length, 0) + 1, limit)];
        int length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
            }

            int read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (buffer, length);
    }

    private static string TooLarge(long size) => string.Create(CultureInfo.InvariantCulture,
        $"is {size:N0} bytes, larger than the {MaxBytes / (1024 * 1024)} MiB an input may be");
}
