using Migplan.Sql;

namespace Migplan.Verify.Rows;

/// <summary>The statements run once every table is filled: deferred foreign keys set, owned sequences moved past their column's largest value.</summary>
internal static class AfterFill
{
    /// <summary>
    /// Sets a deferred foreign key's columns on the rows filled with NULL for it. A key back to its own table points each
    /// row at one written before it (row n at row n / 2, the first row keeps NULL), so following the key never loops;
    /// any other row takes a referenced row at random, with one row in ten left NULL.
    /// </summary>
    public static string DeferredKey(RowsTable table, RowsForeignKey fk, QualifiedName referenced, long salt)
    {
        var columns = fk.Columns.Select(c => new Identifier(c).Quoted).ToList();
        var refs = fk.ReferencedColumns.Select(c => new Identifier(c).Quoted).ToList();
        string set = $"({string.Join(", ", columns)}) = ROW({string.Join(", ", refs.Select((_, i) => $"p.c{i}"))})";
        string keys = string.Join(", ", refs.Select((c, i) => $"{c} AS c{i}"));
        string notNull = string.Join(" AND ", refs.Select(c => $"{c} IS NOT NULL"));
        if (referenced.Equals(table.Name))
        {
            string found = string.Join(" AND ", refs.Select((_, i) => $"p.c{i} IS NOT NULL"));
            return $"""
                WITH n AS (SELECT ctid AS t, {keys}, row_number() OVER (ORDER BY ctid) AS rn FROM {table.Name.Quoted})
                UPDATE {table.Name.Quoted} AS x SET {set}
                  FROM n JOIN n AS p ON p.rn = n.rn / 2
                 WHERE x.ctid = n.t AND {found}
                """;
        }

        return $"""
            WITH p AS (SELECT {keys}, row_number() OVER (ORDER BY {string.Join(", ", refs)}) AS rn FROM {referenced.Quoted} WHERE {notNull}),
                 n AS (SELECT ctid AS t, row_number() OVER (ORDER BY ctid) AS rn FROM {table.Name.Quoted})
            UPDATE {table.Name.Quoted} AS x SET {set}
              FROM n JOIN p ON p.rn = abs(pg_catalog.hashint8extended(n.rn, {salt}) % (SELECT count(*) FROM p)) + 1
             WHERE x.ctid = n.t AND {ValueSql.Pick("n.rn", salt + 1, 10)} <> 0
            """;
    }

    /// <summary>How many rows of the table have every column of the foreign key set but no referenced row (MATCH SIMPLE).</summary>
    public static string Orphans(RowsTable table, RowsForeignKey fk, QualifiedName referenced)
    {
        var columns = fk.Columns.Select(c => "c." + new Identifier(c).Quoted).ToList();
        string set = string.Join(" AND ", columns.Select(c => $"{c} IS NOT NULL"));
        string match = string.Join(" AND ", fk.ReferencedColumns.Select((r, i) => $"p.{new Identifier(r).Quoted} = {columns[i]}"));
        return $"SELECT count(*) FROM ONLY {table.Name.Quoted} AS c WHERE {set} AND NOT EXISTS (SELECT 1 FROM {referenced.Quoted} AS p WHERE {match})";
    }

    /// <summary>Moves a sequence past the largest value of its column (when the column holds any).</summary>
    public static string Sequence(OwnedSequence sequence) =>
        $"SELECT pg_catalog.setval({SqlText.Literal(sequence.Sequence)}, max({new Identifier(sequence.Column).Quoted})) "
        + $"FROM {sequence.Table.Quoted} HAVING max({new Identifier(sequence.Column).Quoted}) IS NOT NULL "
        + $"AND max({new Identifier(sequence.Column).Quoted}) >= (SELECT last_value FROM {sequence.Sequence})";
}
