using System.Text;
using System.Text.RegularExpressions;

namespace Migplan.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a golden input: byte and line edits plus a hostile dictionary (line breaks inside quoted
/// names and enum labels, psql meta-commands, quoting and dollar tags, comment openers, variables, unbalanced
/// parentheses, NUL, lone UTF-16 surrogates, emoji, long names, passwords, Markdown fences and HTML comments).
/// The same seed and index always give the same input.
/// </summary>
internal static partial class FuzzMutator
{
    /// <summary>What a successful attack would leave behind: a file of this name in the working directory.</summary>
    public const string Marker = "MIGPLAN_FUZZ_MARKER";

    /// <summary>A password appended in a whole CREATE ROLE statement; no output or message may show it (issue 9, item 12).</summary>
    public const string Secret = "Fuzz9Secret7";

    /// <summary>The statement carrying <see cref="Secret"/>, as appended.</summary>
    public const string RoleWithPassword = $"CREATE ROLE migplan_fuzz LOGIN PASSWORD '{Secret}';";

    private static readonly string LongName = new('n', 70);

    private static readonly string LongMultibyteName = string.Concat(Enumerable.Repeat("é", 40)) + "😀";

    /// <summary>Pieces inserted anywhere, including inside quotes.</summary>
    public static readonly string[] Dictionary =
    [
        "\n", "\r", "\r\n", $"\\! touch {Marker}", $"\n\\! touch {Marker}\n", $"\r\\! touch {Marker}\r", "\\\\",
        "\\echo checking \\\\ ", "\\echo x", "\\gexec", "\\set AUTOCOMMIT off", "'\\'", "E'\\\\'", "\\'", "$migplan$", "$$",
        "$a$", "/*", "*/", "--", ":foo", ":'foo'", ":\"foo\"", "::", "(", ")", "((", "%", "%s", "\0", "\uD800", "\uDC00",
        "😀", "\uFEFF", LongName, LongMultibyteName, "PASSWORD 'Hunter2Secret'", "\"", "'", ";", "\\", "`touch x`",
        "\n```sql\n", "\n```\n", "<!--", "-->", "\n    ```text\n", "U&'\\0041'", "$1", "\t", "\f", "ROW(", "\"user(id)\"",
    ];

    /// <summary>Hostile names: each is a valid quoted identifier in the input.</summary>
    private static readonly string[] HostileNames =
    [
        $"\"x\n\\! touch {Marker} #\"", $"\"x\r\\! touch {Marker} #\"", "\"ends\\\"", "\"a$migplan$b\"", "\"a$$b\"",
        "\"a'b\"", "\"a\"\"b\"", "\"user(id)\"", $"\"{LongName}\"", $"\"{LongMultibyteName}\"", "\"a*/b\"", "\"a/*b\"",
        "\"--x\"", "\":foo\"", "\"a\\\\ b\"", "\"%s\"",
    ];

    /// <summary>Whole statements appended to a change; <c>{t}</c> is a table of the schema, <c>{c}</c> one of its columns.</summary>
    private static readonly string[] HostileStatements =
    [
        $"ALTER TABLE {{t}} ADD COLUMN \"x\n\\! touch {Marker} #\" text;",
        $"ALTER TABLE {{t}} ADD COLUMN \"x\r\\! touch {Marker} #\" text;",
        $"CREATE TYPE migplan_fuzz AS ENUM ('a', 'x\n\\! touch {Marker} #');",
        "\\echo checking \\\\ DROP TABLE {t};",
        "ALTER TABLE {t} ADD COLUMN \"ends\\\" text DEFAULT 'a\\';",
        "ALTER TABLE {t} ADD COLUMN c text DEFAULT '$migplan$ x $migplan$';",
        "ALTER TABLE {t} ADD CONSTRAINT \"k$migplan$\" CHECK ({c} IS NOT NULL) NOT VALID;",
        "UPDATE {t} SET {c} = ({c} WHERE {c} IS NULL;",
        "CREATE TABLE migplan_fuzz (a int, PRIMARY KEY (zz));",
        RoleWithPassword,
        "ALTER TABLE {t} ADD COLUMN v varchar(99999999999999999999);",
        "ALTER TABLE {t} ADD CHECK ({c} IS NOT NULL), ADD CHECK ({c} IS NOT NULL);",
        "CREATE INDEX ON {t} ({c}); CREATE INDEX ON {t} ({c});",
        "UPDATE {t} SET {c} = {c} WHERE \"user(id)\" = 1;",
        "ALTER TABLE {t} RENAME COLUMN {c} TO \"a\nb\";",
        "COMMENT ON TABLE {t} IS 'x\n\\! id';",
    ];

    public static string Mutate(string text, string schema, Random random)
    {
        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            text = random.Next(9) switch
            {
                0 or 1 => Insert(text, random, Pick(Dictionary, random), random.Next(text.Length + 1)),
                2 => InsideQuotes(text, random),
                3 => ReplaceName(text, random),
                4 => AppendStatement(text, schema, random),
                5 => DeleteRange(text, random),
                6 => LineEdit(text, random),
                7 => Insert(text, random, ((char)random.Next(0, 0x80)).ToString(), random.Next(text.Length + 1)),
                _ => Insert(text, random, Pick(Dictionary, random) + Pick(Dictionary, random), random.Next(text.Length + 1)),
            };
        }

        return text;
    }

    private static string Pick(string[] items, Random random) => items[random.Next(items.Length)];

    private static string Insert(string text, Random random, string piece, int at) =>
        string.Concat(text.AsSpan(0, Math.Min(at, text.Length)), piece, text.AsSpan(Math.Min(at, text.Length)));

    /// <summary>Right after a quote character, so the piece lands inside a quoted name or literal.</summary>
    private static string InsideQuotes(string text, Random random)
    {
        var quotes = QuoteCharacters().Matches(text);
        if (quotes.Count == 0)
        {
            return Insert(text, random, Pick(Dictionary, random), random.Next(text.Length + 1));
        }

        var quote = quotes[random.Next(quotes.Count)];
        return Insert(text, random, Pick(Dictionary, random), quote.Index + 1);
    }

    /// <summary>A word of the input replaced by a hostile quoted name.</summary>
    private static string ReplaceName(string text, Random random)
    {
        var words = Words().Matches(text);
        if (words.Count == 0)
        {
            return text + Pick(HostileNames, random);
        }

        var word = words[random.Next(words.Count)];
        return string.Concat(text.AsSpan(0, word.Index), Pick(HostileNames, random), text.AsSpan(word.Index + word.Length));
    }

    private static string AppendStatement(string text, string schema, Random random)
    {
        var tables = Tables().Matches(schema);
        var picked = tables.Count == 0 ? null : tables[random.Next(tables.Count)];
        string table = picked?.Groups["table"].Value ?? "users";
        var columns = Columns().Matches(picked?.Groups["body"].Value ?? string.Empty);
        string column = columns.Count == 0 ? "id" : columns[random.Next(columns.Count)].Groups["column"].Value;
        string statement = Pick(HostileStatements, random).Replace("{t}", table, StringComparison.Ordinal).Replace("{c}", column, StringComparison.Ordinal);
        return text.EndsWith('\n') || text.Length == 0 ? text + statement + "\n" : text + "\n" + statement + "\n";
    }

    private static string DeleteRange(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        int start = random.Next(text.Length);
        int length = Math.Min(text.Length - start, 1 + random.Next(12));
        return text.Remove(start, length);
    }

    private static string LineEdit(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int a = random.Next(lines.Count);
        int b = random.Next(lines.Count);
        switch (random.Next(3))
        {
            case 0:
                lines.Insert(b, lines[a]);
                break;
            case 1:
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            default:
                lines.RemoveAt(a);
                break;
        }

        return string.Join('\n', lines);
    }

    /// <summary>Shows control characters and lone surrogates, so a failing input can be read and rebuilt.</summary>
    public static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            b.Append(c switch
            {
                '\n' => "\\n\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return b.ToString();
    }

    [GeneratedRegex("[\"']")]
    private static partial Regex QuoteCharacters();

    [GeneratedRegex(@"\b[a-z_][a-z0-9_]*\b")]
    private static partial Regex Words();

    [GeneratedRegex(@"CREATE TABLE (?:IF NOT EXISTS )?(?<table>[A-Za-z0-9_.""]+)\s*\((?<body>.*?)\n\);", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Tables();

    [GeneratedRegex(@"^\s+(?<column>[a-z_][a-z0-9_]*)\s+(?:bigint|int|integer|text|varchar|boolean|timestamptz|numeric|uuid)", RegexOptions.Multiline)]
    private static partial Regex Columns();
}
