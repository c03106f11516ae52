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

    /// <summary>The longest name PostgreSQL keeps, in bytes (NAMEDATALEN - 1).</summary>
    public const int MaxNameBytes = 63;

    /// <summary>
    /// A constraint or index name the way PostgreSQL makes one (makeObjectName): <c>name1_name2_label</c>, where,
    /// if that is longer than 63 bytes, the longer of name1 and name2 is shortened first, byte by byte, and
    /// each part is then cut back to a whole character (pg_mbcliplen): a multibyte character is never split.
    /// </summary>
    public static Identifier MakeName(string name1, string? name2, string label)
    {
        int name1Bytes = Encoding.UTF8.GetByteCount(name1);
        int name2Bytes = name2 is null ? 0 : Encoding.UTF8.GetByteCount(name2);
        int overhead = (name2 is null ? 0 : 1) + Encoding.UTF8.GetByteCount(label) + 1;
        int available = MaxNameBytes - overhead;
        while (name1Bytes + name2Bytes > available)
        {
            if (name1Bytes > name2Bytes)
            {
                name1Bytes--;
            }
            else
            {
                name2Bytes--;
            }
        }

        string first = ClipBytes(name1, name1Bytes);
        return new Identifier(name2 is null ? first + "_" + label : first + "_" + ClipBytes(name2, name2Bytes) + "_" + label);
    }

    /// <summary>The longest prefix of <paramref name="text"/> of whole characters that fits in <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string ClipBytes(string text, int maxBytes)
    {
        int bytes = 0;
        int i = 0;
        while (i < text.Length)
        {
            int width = char.IsSurrogatePair(text, i) ? 2 : 1;
            int size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            i += width;
        }

        return text[..i];
    }
}
