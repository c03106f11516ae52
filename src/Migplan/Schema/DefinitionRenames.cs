using System.Text;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// Keeps the definitions the catalog stores for rollbacks (an index's CREATE INDEX, a foreign key's
/// <c>FOREIGN KEY (...) REFERENCES ...</c>) in step with later renames, so a rollback written after
/// <c>RENAME COLUMN note TO body</c> rebuilds the index on <c>body</c>. It works on the tokens of migplan's own
/// lexer, never on characters: a literal, a quoted name or a comment is never taken for a column.
/// </summary>
internal static class DefinitionRenames
{
    /// <summary>The index definition with column <paramref name="old"/> of its table called <paramref name="renamed"/>.</summary>
    public static CreateIndexStatement RenameColumn(CreateIndexStatement index, string old, Identifier renamed) => index with
    {
        Elements = [.. index.Elements.Select(e => e.Column?.Value == old
            ? e with { Column = renamed, Text = ReplaceFirstName(e.Text, old, renamed) }
            : e.Expression is null ? e : e with { Text = RenameInExpression(e.Text, old, renamed), Expression = RenameColumn(e.Expression, old, renamed) })],
        Include = [.. index.Include.Select(i => i.Value == old ? renamed : i)],
        Where = index.Where is null ? null : RenameColumn(index.Where, old, renamed),
    };

    /// <summary>The index definition on its renamed table (the statement's table name only; the rollback names the table itself).</summary>
    public static CreateIndexStatement RenameTable(CreateIndexStatement index, QualifiedName renamed) => index with { Table = renamed };

    /// <summary>
    /// A foreign key's definition with a column renamed: among its own columns (<paramref name="own"/>, the first
    /// parenthesised list) or among the referenced ones (the list after REFERENCES name).
    /// </summary>
    public static string RenameForeignKeyColumn(string definition, bool own, string old, Identifier renamed)
    {
        var tokens = SqlFragment.Tokens(definition);
        int references = Array.FindIndex(tokens, t => t.Kind == TokenKind.Identifier && t.GetSpan(definition).Equals("references", StringComparison.OrdinalIgnoreCase));
        int from = own ? 0 : references;
        if (from < 0)
        {
            return definition;
        }

        int open = Array.FindIndex(tokens, from, t => t.Kind == TokenKind.LeftParen);
        if (open < 0 || (own && references >= 0 && open > references) || (!own && !OnlyNameBetween(tokens, references + 1, open)))
        {
            return definition;
        }

        var edits = new List<(Token Token, string Text)>();
        for (int i = open + 1; i < tokens.Length && tokens[i].Kind != TokenKind.RightParen; i++)
        {
            if (tokens[i].IsName && Lexer.IdentifierValue(definition, tokens[i]) == old)
            {
                edits.Add((tokens[i], renamed.Quoted));
            }
        }

        return Apply(definition, edits);
    }

    /// <summary>
    /// The referenced columns a foreign key's definition lists (the list after REFERENCES name); empty when it lists
    /// none (it references the primary key then).
    /// </summary>
    public static IReadOnlyList<string> ReferencedColumns(string definition)
    {
        var tokens = SqlFragment.Tokens(definition);
        int references = Array.FindIndex(tokens, t => t.Kind == TokenKind.Identifier && t.GetSpan(definition).Equals("references", StringComparison.OrdinalIgnoreCase));
        int open = references < 0 ? -1 : Array.FindIndex(tokens, references, t => t.Kind == TokenKind.LeftParen);
        if (open < 0 || !OnlyNameBetween(tokens, references + 1, open))
        {
            return [];
        }

        var columns = new List<string>();
        for (int i = open + 1; i < tokens.Length && tokens[i].Kind != TokenKind.RightParen; i++)
        {
            if (tokens[i].IsName)
            {
                columns.Add(Lexer.IdentifierValue(definition, tokens[i]));
            }
        }

        return columns;
    }

    /// <summary>A foreign key's definition with its referenced table renamed (the name after REFERENCES).</summary>
    public static string RenameReferencedTable(string definition, QualifiedName renamed)
    {
        var tokens = SqlFragment.Tokens(definition);
        int references = Array.FindIndex(tokens, t => t.Kind == TokenKind.Identifier && t.GetSpan(definition).Equals("references", StringComparison.OrdinalIgnoreCase));
        if (references < 0 || references + 1 >= tokens.Length || !tokens[references + 1].IsName)
        {
            return definition;
        }

        int last = references + 1;
        while (last + 2 < tokens.Length && tokens[last + 1].Kind == TokenKind.Dot && tokens[last + 2].IsName)
        {
            last += 2;
        }

        var sb = new StringBuilder(definition.Length + 16);
        sb.Append(definition, 0, tokens[references + 1].Start).Append(renamed.Quoted).Append(definition, tokens[last].End, definition.Length - tokens[last].End);
        return sb.ToString();
    }

    private static SqlExpression RenameColumn(SqlExpression e, string old, Identifier renamed) => e with
    {
        Text = RenameInExpression(e.Text, old, renamed),
        Columns = [.. e.Columns.Select(c => c.Column.Value == old ? c with { Column = renamed } : c)],
    };

    /// <summary>
    /// Replaces each reference to the column: a name token of that value that is not a function's name (followed by a
    /// parenthesis), a qualifier (followed by a dot), a field or a qualified column (preceded by a dot) or a type (after ::).
    /// </summary>
    private static string RenameInExpression(string text, string old, Identifier renamed)
    {
        var tokens = SqlFragment.Tokens(text);
        var edits = new List<(Token Token, string Text)>();
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (!t.IsName || Lexer.IdentifierValue(text, t) != old
                || (i > 0 && tokens[i - 1].Kind is TokenKind.Dot or TokenKind.DoubleColon)
                || (i + 1 < tokens.Length && tokens[i + 1].Kind is TokenKind.LeftParen or TokenKind.Dot))
            {
                continue;
            }

            edits.Add((t, renamed.Quoted));
        }

        return Apply(text, edits);
    }

    private static string ReplaceFirstName(string text, string old, Identifier renamed)
    {
        var tokens = SqlFragment.Tokens(text);
        return tokens.Length > 0 && tokens[0].IsName && Lexer.IdentifierValue(text, tokens[0]) == old ? Apply(text, [(tokens[0], renamed.Quoted)]) : text;
    }

    private static bool OnlyNameBetween(Token[] tokens, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!tokens[i].IsName && tokens[i].Kind != TokenKind.Dot)
            {
                return false;
            }
        }

        return to > from;
    }

    private static string Apply(string text, List<(Token Token, string Text)> edits)
    {
        if (edits.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        int copied = 0;
        foreach (var (token, replacement) in edits)
        {
            sb.Append(text, copied, token.Start - copied).Append(replacement);
            copied = token.End;
        }

        return sb.Append(text, copied, text.Length - copied).ToString();
    }
}
