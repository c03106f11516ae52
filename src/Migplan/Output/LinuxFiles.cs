using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Migplan.Output;

/// <summary>What a path names, as <c>statx(2)</c> reports it, without opening it.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>What <see cref="LinuxFiles.Stat"/> found: the kind, the size in bytes and the file's identity.</summary>
internal readonly record struct FileFacts(FileKind Kind, long Size, ulong Device, ulong Inode);

/// <summary>
/// The few Linux calls .NET does not offer: <c>statx(2)</c> (the kind of a file without opening it, which
/// blocks on a FIFO; the identity of an open file), <c>renameat2(2)</c> with <c>RENAME_EXCHANGE</c> (swap two
/// folders atomically) and <c>realpath(3)</c> (a path with every symbolic link resolved). The statx struct is
/// read at its fixed, architecture-independent offsets. On other systems <see cref="Supported"/> is false and callers fall back to what .NET offers.
/// </summary>
internal static class LinuxFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const uint StatxSize = 0x200;
    private const uint RenameExchange = 2;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The facts of <paramref name="path"/>, following symbolic links unless <paramref name="followLinks"/> is false.</summary>
    /// <exception cref="IOException">statx failed other than with "no such file".</exception>
    public static FileFacts Stat(string path, bool followLinks = true)
    {
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno | StatxSize, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Enoent or Enotdir)
            {
                return new FileFacts(FileKind.Missing, 0, 0, 0);
            }

            throw new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        return Facts(buffer);
    }

    /// <summary>The facts of an open file.</summary>
    public static FileFacts Stat(SafeFileHandle handle)
    {
        var buffer = new byte[256];
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxType | StatxIno | StatxSize, buffer) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return Facts(buffer);
    }

    /// <summary>
    /// Swaps two existing paths atomically. False when the kernel or the file system does not support the
    /// exchange (the caller falls back to two renames); throws for any other failure.
    /// </summary>
    public static bool TryExchange(string first, string second)
    {
        if (renameat2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        const int Enosys = 38, Einval = 22, Eopnotsupp = 95;
        if (errno is Enosys or Einval or Eopnotsupp)
        {
            return false;
        }

        throw new IOException($"cannot swap {first} with {second}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    /// <summary>The canonical absolute path of an existing path (every symbolic link resolved), or null when it cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        nint resolved = realpath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    private static FileFacts Facts(byte[] buffer)
    {
        ushort mode = BitConverter.ToUInt16(buffer, 28);
        ulong inode = BitConverter.ToUInt64(buffer, 32);
        long size = (long)BitConverter.ToUInt64(buffer, 40);
        ulong device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileFacts(kind, size, device, inode);
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the library free of unsafe code; both calls are blittable.
    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [In, Out] byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint resolved);

    [DllImport("libc")]
    private static extern void free(nint pointer);
#pragma warning restore SYSLIB1054
}
