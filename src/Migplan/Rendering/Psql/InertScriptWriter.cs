using System.Text;

namespace Migplan.Rendering.Psql;

/// <summary>
/// Writes a script through to <paramref name="inner"/> while psql's reading of it (<see cref="PsqlLexer"/>,
/// starting as on a server whose standard_conforming_strings is off) follows along in bounded chunks, so even a
/// grouped script of megabytes is checked without a second copy of it. <see cref="Check"/> then fails when psql
/// would act on anything migplan does not write itself: another meta-command, a variable interpolation, or text
/// left open at the end. That means input text escaped where it was written, a bug: the plan must not be written.
/// </summary>
internal sealed class InertScriptWriter(TextWriter inner, string path) : TextWriter
{
    /// <summary>Chunks stay under the large object heap's threshold (85,000 bytes): large strings are collected only
    /// with the oldest generation, and a megabyte script fed in large chunks added about 40 MB to the peak.</summary>
    private const int ChunkChars = 1 << 14;

    private readonly PsqlLexer _lexer = new(standardConformingStrings: false, keepStatements: false);
    private readonly StringBuilder _chunk = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        inner.Write(value);
        _chunk.Append(value);
        FeedWhenFull();
    }

    public override void Write(string? value)
    {
        inner.Write(value);
        _chunk.Append(value);
        FeedWhenFull();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        inner.Write(buffer, index, count);
        _chunk.Append(buffer, index, count);
        FeedWhenFull();
    }

    /// <exception cref="InvalidOperationException">psql would act on something migplan did not write.</exception>
    public void Check()
    {
        _lexer.Feed(_chunk.ToString());
        _chunk.Clear();
        var scan = _lexer.Finish();
        var unexpected = scan.Unexpected(PsqlScript.OwnMetaCommands);
        if (unexpected.Count > 0 || scan.OpenAtEnd is not null)
        {
            string what = unexpected.Count > 0 ? $"psql would act on {unexpected[0]} at line {unexpected[0].Line}" : $"the script ends inside {scan.OpenAtEnd}";
            throw new InvalidOperationException($"{path}: {what}, which migplan did not write; no plan was written");
        }
    }

    private void FeedWhenFull()
    {
        if (_chunk.Length >= ChunkChars)
        {
            _lexer.Feed(_chunk.ToString());
            _chunk.Clear();
        }
    }
}
