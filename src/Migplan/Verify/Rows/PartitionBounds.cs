using System.Text;

namespace Migplan.Verify.Rows;

/// <summary>
/// A leaf partition's key value from its bounds (<c>FOR VALUES FROM (a) TO (b)</c> or <c>IN (a, b)</c> on one column), so
/// its rows fall inside it rather than being generated at random and filtered. Other bounds (hash, default, several key
/// columns, MINVALUE / MAXVALUE) give nothing: those rows are filtered by the partition constraint alone.
/// </summary>
internal static class PartitionBounds
{
    /// <summary>The key column's value (of the column's type) for series number g, or null.</summary>
    public static string? KeyValue(RowsTable leaf, RowsTable parent, RowsColumn column, bool distinct, string g, long salt)
    {
        if (leaf.Bound is not { } bound || parent.PartitionKey is not { Columns: [var key] } || key != column.Name)
        {
            return null;
        }

        if (bound.StartsWith("FOR VALUES IN (", StringComparison.Ordinal) && bound.EndsWith(')'))
        {
            var items = Items(bound["FOR VALUES IN (".Length..^1])
                .Where(i => !(column.NotNull && i.Equals("NULL", StringComparison.Ordinal)))
                .Select(i => $"({i})::{column.Type}")
                .ToList();
            return items.Count == 0
                ? null
                : $"(ARRAY[{string.Join(", ", items)}])[1 + {(distinct ? $"({g} % {items.Count})" : ValueSql.Pick(g, salt, items.Count))}]";
        }

        const string From = "FOR VALUES FROM (";
        int to = bound.IndexOf(") TO (", StringComparison.Ordinal);
        if (!bound.StartsWith(From, StringComparison.Ordinal) || to < 0 || !bound.EndsWith(')'))
        {
            return null;
        }

        var lower = Items(bound[From.Length..to]);
        var upper = Items(bound[(to + ") TO (".Length)..^1]);
        if (lower is not [var lo] || upper is not [var hi] || IsInfinite(lo) || IsInfinite(hi))
        {
            return null;
        }

        string l = $"({lo})::{column.Type}", u = $"({hi})::{column.Type}";
        string Offset(string span) => distinct
            ? $"({g} % greatest(1, {span}))"
            : $"abs(pg_catalog.hashint8extended({g}, {salt}) % greatest(1, {span}))";
        return column.BaseName switch
        {
            "int2" or "int4" or "int8" or "numeric" => $"({l} + {Offset($"({u} - {l})::int8")})",
            "date" => $"({l} + {Offset($"({u} - {l})")}::int4)",
            "timestamp" or "timestamptz" => $"({l} + {Offset($"extract(epoch FROM {u} - {l})::int8")} * interval '1 second')",
            _ => null,
        };
    }

    private static bool IsInfinite(string item) => item is "MINVALUE" or "MAXVALUE";

    /// <summary>The comma-separated items of a bound list, commas inside quotes or parentheses kept.</summary>
    private static List<string> Items(string list)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        int depth = 0;
        foreach (char c in list)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                items.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            items.Add(current.ToString().Trim());
        }

        return items;
    }
}
