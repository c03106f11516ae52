using Migplan.Schema;

namespace Migplan.Planning;

/// <summary>
/// The sizes of every table the planner saw, by quoted name: the tables of the schema as loaded, under the names
/// they had then (so a table the change drops or renames keeps its size) and of the catalog after the change (new names, new tables).
/// </summary>
internal static class TableSizes
{
    public static Dictionary<string, TableSize> Collect(IEnumerable<(string Name, Table Table)> before, IEnumerable<Table> after, ThroughputModel model)
    {
        var result = new Dictionary<string, TableSize>(StringComparer.Ordinal);
        foreach (var (name, table) in before.Concat(after.Select(t => (t.Name.Quoted, t))))
        {
            result[name] = Of(name, table, model);
        }

        return result;
    }

    private static TableSize Of(string name, Table table, ThroughputModel model)
    {
        if (table.CreatedInChange)
        {
            return new TableSize(name, 0, SizeSource.NewTable, 0, SizeSource.NewTable, 0, SizeSource.NewTable, null);
        }

        var stats = table.Stats;
        long rows = stats?.Rows ?? model.DefaultRows;
        var rowsSource = stats?.Source ?? SizeSource.Default;
        var heapSource = stats?.HeapBytes is null ? SizeSource.Default : stats.Source;
        long heap = stats?.HeapBytes ?? rows * model.DefaultRowBytes;
        var indexSource = stats?.IndexBytes is null ? SizeSource.Default : stats.Source;
        return new TableSize(name, rows, rowsSource, heap, heapSource, stats?.IndexBytes, indexSource, stats?.Note);
    }
}
