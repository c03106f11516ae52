namespace Migplan.Sql;

/// <summary>
/// The tokens of a piece of SQL text taken from the input (an expression, a condition), by migplan's own
/// lexer: code that rewrites or splits such text works on these, never on characters, so a literal, a quoted
/// name, a dollar quote or a comment is never mistaken for code.
/// </summary>
public static class SqlFragment
{
    private const string FragmentPath = "<fragment>";

    /// <summary>The tokens of <paramref name="text"/>, without the end-of-file token.</summary>
    public static Token[] Tokens(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Tokenize(new SourceText(FragmentPath, text), diagnostics);
        return tokens.AsSpan(0, tokens.Length - 1).ToArray();
    }
}
