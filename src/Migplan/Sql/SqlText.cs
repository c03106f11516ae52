using System.Globalization;
using System.Text;

namespace Migplan.Sql;

/// <summary>Small helpers to write SQL text safely: literals and regclass references.</summary>
public static class SqlText
{
    /// <summary>
    /// A string literal that means the same whatever <c>standard_conforming_strings</c> is: quotes doubled, and
    /// when the value holds a backslash, an escape string (<c>E'...'</c>) with backslashes doubled. A plain
    /// <c>'a\'</c> would end early where the setting is off and let the rest of the line run as SQL.
    /// </summary>
    public static string Literal(string value)
    {
        string quoted = value.Replace("'", "''", StringComparison.Ordinal);
        return value.Contains('\\', StringComparison.Ordinal)
            ? "E'" + quoted.Replace("\\", "\\\\", StringComparison.Ordinal) + "'"
            : "'" + quoted + "'";
    }

    /// <summary>
    /// Text made safe to stand on one line of a comment or a document: a line break would end a <c>--</c>
    /// comment and let psql run the rest of the line (a name may hold one), so every control character
    /// (and the Unicode line and paragraph separators) is written as a visible escape such as <c>\n</c>.
    /// </summary>
    public static string OneLine(string text)
    {
        int first = text.AsSpan().IndexOfAny(LineBreaking);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append(' ');
                    break;
                default:
                    if (LineBreaking.Contains(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A <c>--</c> comment line holding <paramref name="text"/> made inert (see <see cref="OneLine"/>).</summary>
    public static string Comment(string text) => "-- " + OneLine(text) + "\n";

    private static readonly System.Buffers.SearchValues<char> LineBreaking = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        "\u007f\u0085\u2028\u2029");

    /// <summary><c>'public.users'::regclass::oid</c>, the name quoted inside the literal (see <see cref="QualifiedName.RegClass"/>).</summary>
    public static string RegClass(QualifiedName name) => name.RegClass;

    /// <summary>A dollar-quote tag that does not occur in <paramref name="body"/>.</summary>
    public static string DollarTag(string body, string baseTag = "migplan") => DollarTagNotIn(body, string.Empty, baseTag);

    /// <summary>A dollar-quote tag that occurs in neither text (a body written in pieces).</summary>
    public static string DollarTagNotIn(ReadOnlySpan<char> body, ReadOnlySpan<char> more, string baseTag = "migplan")
    {
        string tag = "$" + baseTag + "$";
        for (int i = 1; body.IndexOf(tag, StringComparison.Ordinal) >= 0 || more.IndexOf(tag, StringComparison.Ordinal) >= 0; i++)
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

    /// <summary>
    /// The body of a block <see cref="DoBlock"/> wrote (<c>DO $tag$\nbody$tag$;\n</c>, the tag not in the body), or null
    /// for any other text.
    /// </summary>
    public static string? DoBlockBody(string sql) => DoBlockBodyRange(sql) is var (start, length) ? sql.Substring(start, length) : null;

    /// <summary>Whether <paramref name="sql"/> is a block <see cref="DoBlock"/> wrote (see <see cref="DoBlockBody"/>), without copying it.</summary>
    public static bool IsDoBlock(string sql) => DoBlockBodyRange(sql) is not null;

    /// <summary>Where the body of a block <see cref="DoBlock"/> wrote is (see <see cref="DoBlockBody"/>), or null.</summary>
    public static (int Start, int Length)? DoBlockBodyRange(string sql)
    {
        if (!sql.StartsWith("DO $", StringComparison.Ordinal))
        {
            return null;
        }

        int close = sql.IndexOf("$\n", 4, StringComparison.Ordinal);
        if (close < 0 || sql.AsSpan(4, close - 4).ContainsAnyExcept(TagChars))
        {
            return null;
        }

        var tag = sql.AsSpan(3, close - 2);
        int bodyStart = close + 2;
        int bodyEnd = sql.Length - tag.Length - 2;
        if (bodyEnd < bodyStart || !sql.AsSpan(bodyEnd).StartsWith(tag, StringComparison.Ordinal) || !sql.AsSpan(sql.Length - 2).SequenceEqual(";\n"))
        {
            return null;
        }

        var body = sql.AsSpan(bodyStart, bodyEnd - bodyStart);
        return body.IndexOf(tag, StringComparison.Ordinal) >= 0 ? null : (bodyStart, bodyEnd - bodyStart);
    }

    private static readonly System.Buffers.SearchValues<char> TagChars = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

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
