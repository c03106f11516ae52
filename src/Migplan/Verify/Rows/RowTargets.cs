namespace Migplan.Verify.Rows;

/// <summary>
/// How many rows each table gets: the largest estimate (a partitioned table's counts as one table) gets <see cref="SyntheticRowsOptions.LargestTableRows"/>, the
/// others their share of it (at least one row when their estimate is not zero). A partition without an estimate shares its
/// partitioned table's equally with its siblings; a table without any estimate gets the small default.
/// </summary>
internal static class RowTargets
{
    public static Dictionary<uint, (long Rows, RowCountBasis Basis)> For(RowsCatalog catalog, SyntheticRowsOptions options)
    {
        var estimates = new Dictionary<uint, (double Rows, RowCountBasis Basis)>();
        double largest = 0;
        foreach (var table in catalog.Fillable)
        {
            if (Estimate(options, table) is { } own)
            {
                estimates[table.Oid] = (own, RowCountBasis.Estimate);
                largest = Math.Max(largest, own);
            }
            else if (Ancestors(catalog, table).Select(a => (Table: a, Rows: Estimate(options, a))).FirstOrDefault(a => a.Rows is not null) is { Table: { } ancestor, Rows: { } shared })
            {
                estimates[table.Oid] = (shared / Math.Max(1, catalog.LeavesOf(ancestor.Oid).Count()), RowCountBasis.PartitionShare);
                largest = Math.Max(largest, shared); // the partitioned table is the table the estimate names

            }
        }

        var targets = new Dictionary<uint, (long, RowCountBasis)>();
        foreach (var table in catalog.Fillable)
        {
            if (estimates.Count == 0 || largest <= 0)
            {
                targets[table.Oid] = (options.LargestTableRows, RowCountBasis.NoEstimates);
            }
            else if (estimates.TryGetValue(table.Oid, out var e))
            {
                long rows = (long)Math.Round(options.LargestTableRows * e.Rows / largest, MidpointRounding.AwayFromZero);
                targets[table.Oid] = (e.Rows > 0 ? Math.Max(1, rows) : 0, e.Basis);
            }
            else
            {
                targets[table.Oid] = (Math.Min(SyntheticRowsOptions.DefaultTableRows, options.LargestTableRows), RowCountBasis.DefaultRows);
            }
        }

        return targets;
    }

    private static IEnumerable<RowsTable> Ancestors(RowsCatalog catalog, RowsTable table)
    {
        for (var t = table; t.Parent is { } p && catalog.ByOid.TryGetValue(p, out var parent); t = parent)
        {
            yield return parent;
        }
    }

    private static double? Estimate(SyntheticRowsOptions options, RowsTable table)
    {
        if (options.TableRows is not { } rows)
        {
            return null;
        }

        return rows.TryGetValue(table.Name.Key, out long n) && n >= 0 ? n
            : rows.TryGetValue(table.Name.Quoted, out n) && n >= 0 ? n
            : null;
    }
}
