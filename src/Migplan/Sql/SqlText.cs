using System.Globalization;
using System.Text;

namespace Migplan.Sql;

/// <summary>Small helpers to write SQL text safely: literals and regclass references.</summary>
public static class SqlText
{
    /// <summary>A standard string literal (standard_conforming_strings = on): quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><c>'public.users'::regclass</c>, the name quoted inside the literal.</summary>
    public static string RegClass(QualifiedName name) => name.RegClass;

    /// <summary>A dollar-quote tag that does not occur in <paramref name="body"/>.</summary>
    public static string DollarTag(string body, string baseTag = "migplan")
    {
        string tag = "$" + baseTag + "$";
        for (int i = 1; body.Contains(tag, StringComparison.Ordinal); i++)
        {
            tag = "$" + baseTag + i.ToString(CultureInfo.InvariantCulture) + "$";
        }

        return tag;
    }

    /// <summary>An anonymous code block: <c>DO $tag$ body $tag$;</c> with a tag the body does not contain.</summary>
    public static string DoBlock(string body)
    {
        string tag = DollarTag(body);
        return $"DO {tag}\n{body}{tag};\n";
    }

    /// <summary>The index of the quote that closes the quoted text starting at <paramref name="start"/> (doubled quotes are escapes).</summary>
    public static int SkipQuoted(string text, int start, char quote)
    {
        for (int j = start + 1; j < text.Length; j++)
        {
            if (text[j] == quote)
            {
                if (j + 1 < text.Length && text[j + 1] == quote)
                {
                    j++;
                    continue;
                }

                return j;
            }
        }

        return text.Length - 1;
    }

    /// <summary>Indents every line of <paramref name="text"/> by <paramref name="spaces"/> spaces.</summary>
    public static string Indent(string text, int spaces)
    {
        var sb = new StringBuilder(text.Length + (spaces * 16));
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (start > 0)
            {
                sb.Append('\n');
            }

            if (end > start)
            {
                sb.Append(' ', spaces).Append(text, start, end - start);
            }

            start = end + 1;
        }

        return sb.ToString();
    }

    /// <summary>
    /// A constraint or index name the way PostgreSQL makes one: parts joined by '_' and truncated so the
    /// name fits in 63 bytes (NAMEDATALEN - 1).
    /// </summary>
    public static Identifier MakeName(string table, string? column, string suffix)
    {
        const int max = 63;
        string baseName = column is null ? table : table + "_" + column;
        int room = max - suffix.Length - 1;
        while (Encoding.UTF8.GetByteCount(baseName) > room)
        {
            baseName = baseName[..^1];
        }

        return new Identifier(baseName + "_" + suffix);
    }

    /// <summary>The name PostgreSQL gives an index created without one: table, columns (or the function of an expression), "idx".</summary>
    public static Identifier DefaultIndexName(string table, IEnumerable<Ast.IndexElement> elements) =>
        MakeName(table, string.Join("_", elements.Select(e => e.Column?.Value ?? e.Expression?.Functions.FirstOrDefault() ?? "expr")), "idx");
}
