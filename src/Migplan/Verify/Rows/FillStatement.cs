using System.Globalization;
using System.Text;

namespace Migplan.Verify.Rows;

/// <summary>How strictly an INSERT filters its generated rows.</summary>
internal enum FillAttempt
{
    /// <summary>Every generated row (a partition's filtered by its bounds).</summary>
    Plain,

    /// <summary>Extra candidate rows, filtered by the table's CHECK constraints and its domains' checks.</summary>
    Checked,

    /// <summary>As <see cref="Checked"/>, with NULL in every nullable column a CHECK reads.</summary>
    CheckedNulls,
}

/// <summary>
/// One set-based INSERT of a table's rows: <c>INSERT ... SELECT ... FROM generate_series</c>, joined to the numbered keys
/// of each referenced table, in three levels: generated values, cast to the column types (after the domain checks filter
/// them, when asked), then filtered by the table's CHECKs and partition constraint, in series order, up to the target.
/// </summary>
internal static class FillStatement
{
    /// <summary>How many candidate rows a filtered INSERT generates per row it needs.</summary>
    public const int Oversampling = 10;

    public static string Insert(FillRecipe recipe, long rows, long start, FillAttempt attempt) =>
        Insert(recipe, rows, start, attempt, Candidates(recipe, rows, attempt));

    /// <summary>An INSERT of at most <paramref name="rows"/> rows out of <paramref name="candidates"/> generated ones.</summary>
    public static string Insert(FillRecipe recipe, long rows, long start, FillAttempt attempt, long candidates)
    {
        const string G = FillRecipes.G;
        var table = recipe.Table;
        bool filtered = Filters(recipe, attempt);
        var supplied = recipe.Columns.Select(c => c.Column.Name).ToHashSet(StringComparer.Ordinal);
        var checks = attempt == FillAttempt.Plain
            ? []
            : table.Checks.Where(c => c.Columns.All(supplied.Contains)).ToList();
        var nulled = attempt == FillAttempt.CheckedNulls
            ? checks.SelectMany(c => c.Columns).Concat(recipe.Columns.Where(c => !c.Column.DomainChecks.IsEmpty).Select(c => c.Column.Name)).ToHashSet(StringComparer.Ordinal)
            : [];

        var sql = new StringBuilder();
        if (recipe.Keys.Length > 0)
        {
            sql.Append("WITH ").AppendJoin(",\n     ", recipe.Keys.Select(Numbered)).Append('\n');
        }

        // No column to write (all identity, serial or generated): a row of no columns, every column its default.
        string list = string.Join(", ", recipe.Columns.Select(c => c.Column.Id.Quoted));
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {table.Name.Quoted}{(list.Length == 0 ? "" : $" ({list})")}\n");
        sql.Append(CultureInfo.InvariantCulture, $"SELECT {list} FROM (\n  SELECT {G}");
        for (int i = 0; i < recipe.Columns.Length; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", (migplan_v{i})::{recipe.Columns[i].Column.Type} AS {recipe.Columns[i].Column.Id.Quoted}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" FROM (\n    SELECT s.{G}");
        for (int i = 0; i < recipe.Columns.Length; i++)
        {
            var c = recipe.Columns[i];
            bool asNull = c.Source == ValueSource.Null || (nulled.Contains(c.Column.Name) && !c.Column.NotNull && !c.Distinct && c.Source == ValueSource.Generated);
            sql.Append(CultureInfo.InvariantCulture, $", {(asNull ? "NULL" : c.Sql)} AS migplan_v{i}");
        }

        sql.Append(CultureInfo.InvariantCulture, $"\n      FROM pg_catalog.generate_series({start}::int8, {start + candidates - 1}::int8) AS s({G})");
        foreach (var key in recipe.Keys)
        {
            string on = $"migplan_k{key.Index}.rn = {key.Map.Replace(G, "s." + G, StringComparison.Ordinal)}";
            sql.Append(key.Nullable
                ? $"\n      LEFT JOIN migplan_k{key.Index} ON {on} AND {ValueSql.Pick("s." + G, key.Index + 17L, 10)} <> 0"
                : $"\n      JOIN migplan_k{key.Index} ON {on}");
        }

        var inner = new List<string>();
        if (recipe.UniqueKeyCapacity is { } capacity && capacity < long.MaxValue)
        {
            inner.Add($"{G} - {recipe.Start} < {capacity}");
        }

        if (attempt != FillAttempt.Plain)
        {
            for (int i = 0; i < recipe.Columns.Length; i++)
            {
                inner.AddRange(recipe.Columns[i].Column.DomainChecks.Select(d => $"({CheckText.OnValue(d, $"migplan_v{i}")}) IS NOT FALSE"));
            }
        }

        sql.Append("\n  ) AS migplan_b");
        if (inner.Count > 0)
        {
            sql.Append("\n  WHERE ").AppendJoin("\n    AND ", inner);
        }

        sql.Append("\n  OFFSET 0\n) AS migplan_c");
        var outer = checks.Select(c => $"({c.Expression}) IS NOT FALSE").ToList();
        if (table.PartitionConstraint is { } partition)
        {
            outer.Add($"({partition}) IS TRUE");
        }

        if (outer.Count > 0)
        {
            sql.Append("\nWHERE ").AppendJoin("\n  AND ", outer);
        }

        if (filtered)
        {
            sql.Append(CultureInfo.InvariantCulture, $"\nORDER BY {G} LIMIT {rows}");
        }

        return sql.ToString();
    }

    /// <summary>True when the INSERT filters its candidates (a CHECK attempt, or a partition's bounds).</summary>
    public static bool Filters(FillRecipe recipe, FillAttempt attempt) =>
        attempt != FillAttempt.Plain || recipe.Table.PartitionConstraint is not null;

    /// <summary>The series numbers an INSERT of <paramref name="rows"/> rows uses.</summary>
    public static long Candidates(FillRecipe recipe, long rows, FillAttempt attempt) =>
        Filters(recipe, attempt) ? checked(rows * Oversampling) : rows;

    private static string Numbered(KeySource key)
    {
        var columns = key.ForeignKey.ReferencedColumns.Select(c => new Sql.Identifier(c).Quoted).ToList();
        string select = string.Join(", ", columns.Select((c, i) => $"{c} AS c{i}"));
        string order = string.Join(", ", columns);
        string notNull = string.Join(" AND ", columns.Select(c => $"{c} IS NOT NULL"));
        return $"migplan_k{key.Index} AS (SELECT {select}, row_number() OVER (ORDER BY {order}) AS rn FROM {key.Referenced.Quoted} WHERE {notNull})";
    }
}
