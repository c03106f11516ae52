// Loads a schema.sql into an empty database, fills it with SyntheticRows (proportions from stats.json beside it) and
// prints the rows of each table and the wall time of the fill.
// Usage: FillRows CONNECTION_STRING SCHEMA_DIR LARGEST_TABLE_ROWS
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Migplan.Rendering.Messages;
using Migplan.Verify;
using Npgsql;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: FillRows CONNECTION_STRING SCHEMA_DIR LARGEST_TABLE_ROWS");
    return 2;
}

string dir = args[1];
long largest = long.Parse(args[2], CultureInfo.InvariantCulture);
var rows = new Dictionary<string, long>(StringComparer.Ordinal);
string stats = Path.Combine(dir, "stats.json");
if (File.Exists(stats))
{
    using var json = JsonDocument.Parse(File.ReadAllText(stats));
    foreach (var table in json.RootElement.GetProperty("tables").EnumerateObject())
    {
        rows[table.Name] = table.Value.GetProperty("rows").GetInt64();
    }
}

await using var connection = new NpgsqlConnection(args[0]);
await connection.OpenAsync();
await using (var load = new NpgsqlCommand(File.ReadAllText(Path.Combine(dir, "schema.sql")), connection))
{
    await load.ExecuteNonQueryAsync();
}

var clock = Stopwatch.StartNew();
var result = await SyntheticRows.FillAsync(connection, new SyntheticRowsOptions { LargestTableRows = largest, TableRows = rows, Seed = 1 }, CancellationToken.None);
clock.Stop();

foreach (var table in result.Tables)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Table.Key}: {table.Inserted:N0} of {table.Target:N0} rows"));
    foreach (var message in table.Notes.Concat(table.Problems))
    {
        Console.WriteLine("  " + English.Of(message));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"filled {result.TotalRows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s"));
return result.Complete ? 0 : 1;
