using System.Text;

namespace Migplan.Rendering.Psql;

/// <summary>
/// Writes a script through to <paramref name="inner"/> while psql's reading of it (<see cref="PsqlLexer"/>,
/// starting as on a server whose standard_conforming_strings is off) follows along, reading each written part in
/// place, so even a grouped script of megabytes is checked without a copy of it. <see cref="Check"/> then fails when psql
/// would act on anything migplan does not write itself: another meta-command, a variable interpolation, or text
/// left open at the end. That means input text escaped where it was written, a bug: the plan must not be written.
/// </summary>
internal sealed class InertScriptWriter(TextWriter inner, string path) : TextWriter
{
    private readonly PsqlLexer _lexer = new(standardConformingStrings: false, keepStatements: false);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        inner.Write(value);
        _lexer.Feed(new ReadOnlySpan<char>(in value));
    }

    public override void Write(string? value)
    {
        inner.Write(value);
        _lexer.Feed(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        inner.Write(buffer, index, count);
        _lexer.Feed(buffer.AsSpan(index, count));
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        inner.Write(buffer);
        _lexer.Feed(buffer);
    }

    /// <exception cref="InvalidOperationException">psql would act on something migplan did not write.</exception>
    public void Check()
    {
        var scan = _lexer.Finish();
        var unexpected = scan.Unexpected(PsqlScript.OwnMetaCommands);
        if (unexpected.Count > 0 || scan.OpenAtEnd is not null)
        {
            string what = unexpected.Count > 0 ? $"psql would act on {unexpected[0]} at line {unexpected[0].Line}" : $"the script ends inside {scan.OpenAtEnd}";
            throw new InvalidOperationException($"{path}: {what}, which migplan did not write; no plan was written");
        }
    }
}
