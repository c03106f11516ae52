using System.Collections.Immutable;

namespace Migplan.Rendering.Psql;

/// <summary>One thing psql acts on while it reads a script: a statement, a meta-command, a variable interpolation.</summary>
/// <param name="Line">The 1-based line of the script where the item starts.</param>
public abstract record PsqlItem(int Line);

/// <summary>
/// A query psql sends to the server: its text as psql builds it (whitespace and <c>--</c> comments before it left
/// out, those inside it kept, <c>\;</c> and <c>\:</c> turned into <c>;</c> and <c>:</c>, lines joined with <c>\n</c>).
/// </summary>
/// <param name="Terminator">What sent it: <c>;</c>, <c>end of file</c>, or the meta-command (e.g. <c>\gexec</c>).</param>
public sealed record PsqlStatement(string Text, int Line, string Terminator) : PsqlItem(Line);

/// <summary>A backslash command: its name (without the backslash) and the text of its arguments, trimmed.</summary>
public sealed record PsqlMetaCommand(string Name, string Arguments, int Line) : PsqlItem(Line)
{
    /// <summary><c>\name arguments</c>, as it would be written.</summary>
    public override string ToString() => Arguments.Length == 0 ? "\\" + Name : $"\\{Name} {Arguments}";
}

/// <summary>How a variable is interpolated.</summary>
public enum PsqlVariableForm
{
    /// <summary><c>:name</c>: the value as is.</summary>
    Plain,

    /// <summary><c>:'name'</c>: the value as a SQL literal.</summary>
    Literal,

    /// <summary><c>:"name"</c>: the value as a SQL identifier.</summary>
    Identifier,

    /// <summary><c>:{?name}</c>: whether the variable is set.</summary>
    Test,
}

/// <summary>A variable reference psql replaces before the text goes on (outside quotes and comments).</summary>
public sealed record PsqlInterpolation(string Variable, PsqlVariableForm Form, int Line) : PsqlItem(Line)
{
    public override string ToString() => Form switch
    {
        PsqlVariableForm.Plain => ":" + Variable,
        PsqlVariableForm.Literal => $":'{Variable}'",
        PsqlVariableForm.Identifier => $":\"{Variable}\"",
        PsqlVariableForm.Test => $":{{?{Variable}}}",
        _ => throw new System.Diagnostics.UnreachableException(Form.ToString()),
    };
}

/// <summary>What <see cref="PsqlScript.Scan"/> found, in the order psql would act on it.</summary>
/// <param name="OpenAtEnd">What the script ends inside of (a string literal, a comment, ...), or null.</param>
public sealed record PsqlScan(ImmutableArray<PsqlItem> Items, string? OpenAtEnd)
{
    public IEnumerable<PsqlStatement> Statements => Items.OfType<PsqlStatement>();

    public IEnumerable<PsqlMetaCommand> MetaCommands => Items.OfType<PsqlMetaCommand>();

    public IEnumerable<PsqlInterpolation> Interpolations => Items.OfType<PsqlInterpolation>();

    /// <summary>
    /// The items a generated script must not have: every meta-command not written exactly as one of
    /// <paramref name="allowedMetaCommands"/> (e.g. <c>\set AUTOCOMMIT on</c>, <c>\gexec</c>) and every interpolation.
    /// </summary>
    public IReadOnlyList<PsqlItem> Unexpected(IEnumerable<string> allowedMetaCommands)
    {
        var allowed = allowedMetaCommands.ToHashSet(StringComparer.Ordinal);
        return [.. Items.Where(i => i switch
        {
            PsqlMetaCommand m => !allowed.Contains(m.ToString()),
            PsqlInterpolation => true,
            _ => false,
        })];
    }
}
