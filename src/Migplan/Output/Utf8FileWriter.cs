using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Migplan.Output;

/// <summary>
/// Writes text to a new file as UTF-8 (no byte order mark) through a buffer the caller owns and reuses from file to
/// file, so writing hundreds of files allocates no buffer per file. The text is encoded as a StreamWriter with
/// <c>new UTF8Encoding(false)</c> would encode it (a surrogate pair may be split between two writes).
/// </summary>
internal sealed class Utf8FileWriter : TextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Room kept free for one character's bytes, whatever the encoder holds back.</summary>
    private const int Slack = 16;

    private readonly SafeFileHandle _file;
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private readonly byte[] _buffer;
    private int _used;
    private long _offset;

    /// <param name="path">The file, created (or truncated).</param>
    /// <param name="buffer">The bytes to encode into: at least 1 KiB, not used by anything else until this writer is disposed.</param>
    public Utf8FileWriter(string path, byte[] buffer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer.Length, 1024);
        _buffer = buffer;
        _file = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.Read);
    }

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_buffer.Length - _used < Slack)
            {
                Flush();
            }

            _encoder.Convert(buffer, _buffer.AsSpan(_used), flush: false, out int chars, out int bytes, out _);
            _used += bytes;
            buffer = buffer[chars..];
        }
    }

    public override void Flush()
    {
        RandomAccess.Write(_file, _buffer.AsSpan(0, _used), _offset);
        _offset += _used;
        _used = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_file.IsClosed)
        {
            try
            {
                if (_buffer.Length - _used < Slack)
                {
                    Flush();
                }

                _encoder.Convert(ReadOnlySpan<char>.Empty, _buffer.AsSpan(_used), flush: true, out _, out int bytes, out _);
                _used += bytes;
                Flush();
            }
            finally
            {
                _file.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
