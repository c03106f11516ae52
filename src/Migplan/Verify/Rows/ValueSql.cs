using System.Globalization;
using Migplan.Sql;

namespace Migplan.Verify.Rows;

/// <summary>
/// The SQL of one column's value for series number <c>g</c>, of the column's base type (a domain's base; the caller
/// casts it to the column's type). Distinct values are derived from <c>g</c> alone (one per row, never repeated);
/// the others from a hash of <c>g</c> and a salt (the seed, the table, the column), so the same seed gives the same rows.
/// </summary>
internal static class ValueSql
{
    private const string Epoch = "'2021-01-01 00:00:00'";

    /// <summary>The value, or null for a type the generator does not know.</summary>
    public static string? For(RowsColumn column, bool distinct, string g, long salt) =>
        For(column.BaseName, column.BaseCategory, column.BaseTypmod, column.ElementName, column.ElementCategory, column.EnumLabels, column.Name, distinct, g, salt);

    /// <summary><c>abs(hash(g) % modulo)</c>: 0 .. modulo - 1, the same for the same g and salt.</summary>
    public static string Pick(string g, long salt, long modulo) =>
        $"abs(pg_catalog.hashint8extended({g}, {Num(salt)}) % {Num(modulo)})";

    private static string? For(
        string name, char category, int typmod, string? element, char elementCategory, IReadOnlyList<string> labels,
        string column, bool distinct, string g, long salt)
    {
        string Hash(long modulo) => Pick(g, salt, modulo);
        switch (name)
        {
            case "int2":
                return distinct ? g : $"(1 + {Hash(100)})";
            case "int4" or "int8":
                return distinct || LooksLikeKey(column) ? g : $"(1 + {Hash(1000)})";
            case "numeric":
                return distinct ? g : Numeric(typmod, g, salt);
            case "float4" or "float8":
                return distinct ? $"{g}::float8" : $"({Hash(100_000)} / 100.0)::float8";
            case "money":
                return $"({(distinct ? g : Hash(100_000))} / 100.0)::numeric";
            case "bool":
                return distinct ? $"({g} % 2 = 0)" : $"({Hash(2)} = 0)";
            case "date":
                return distinct ? $"(date '2021-01-01' + ({g} % 2000000)::int4)" : $"(date '2021-01-01' + {Hash(2190)}::int4)";
            case "timestamp":
                return $"(timestamp {Epoch} + {Offset(distinct, g, salt)})";
            case "timestamptz":
                return $"(timestamptz '2021-01-01 00:00:00+00' + {Offset(distinct, g, salt)})";
            case "time" or "timetz":
                return $"(time '00:00' + {(distinct ? $"({g} % 86400)" : Hash(86400))} * interval '1 second')";
            case "interval":
                return distinct ? $"({g} * interval '1 second')" : $"({Hash(100_000)} * interval '1 minute')";
            case "uuid":
                return $"pg_catalog.md5({Num(salt)} || ':' || {g})::uuid";
            case "json" or "jsonb":
                return $"pg_catalog.json_build_object('n', {g}, 'v', {Hash(1000)})";
            case "bytea":
                return $"pg_catalog.decode(pg_catalog.md5({Num(salt)} || ':' || {g}), 'hex')";
            case "inet" or "cidr":
                return $"('10.0.0.0'::inet + {(distinct ? g : Hash(65536))})";
            default:
                break;
        }

        switch (category)
        {
            case 'S':
                return column.Contains("mail", StringComparison.OrdinalIgnoreCase)
                    ? $"('user' || {g} || '@example.com')"
                    : $"({g} || '-' || {SqlText.Literal(column)})";
            case 'E' when labels.Count > 0:
                return Label(labels, distinct ? $"(({g} - 1) % {labels.Count})" : Hash(labels.Count));
            case 'A' when element is not null:
                var item = For(element, elementCategory, -1, null, ' ', labels, column, distinct, g, salt);
                return item is null ? null : $"ARRAY[{item}]";
            default:
                return null;
        }
    }

    /// <summary>An integer column named like a key (<c>id</c>, <c>*_id</c>, <c>*_no</c>, <c>number</c>): distinct values.</summary>
    private static bool LooksLikeKey(string column)
    {
        string c = column.ToLowerInvariant();
        return c == "id" || c.EndsWith("_id", StringComparison.Ordinal) || c.EndsWith("id", StringComparison.Ordinal)
            || c.EndsWith("_no", StringComparison.Ordinal) || c.Contains("number", StringComparison.Ordinal);
    }

    /// <summary>Minutes from the start for distinct values; any second of six years otherwise.</summary>
    private static string Offset(bool distinct, string g, long salt) =>
        distinct ? $"{g} * interval '1 minute'" : $"{Pick(g, salt, 189_216_000)} * interval '1 second'";

    /// <summary>A value within numeric(p, s): an integer part that fits, and cents where the scale has room for them.</summary>
    private static string Numeric(int typmod, string g, long salt)
    {
        if (typmod < 4)
        {
            return $"({Pick(g, salt, 100_000)} / 100.0)";
        }

        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        int digits = Math.Min(precision - scale, 5);
        string whole = digits <= 0 ? "0" : Pick(g, salt, (long)Math.Pow(10, digits));
        string cents = scale >= 2 ? $" + {Pick(g, salt + 1, 100)} / 100.0" : "";
        return $"({whole}{cents})";
    }

    private static string Label(IReadOnlyList<string> labels, string index) =>
        $"(ARRAY[{string.Join(", ", labels.Select(SqlText.Literal))}])[1 + {index}]";

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
