using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Planning;

/// <summary>
/// The name every table and column of the schema had when it was loaded, by object (the catalog renames objects in
/// place). A go/no-go check runs before the plan starts, so it can name only what exists then, as it is named then:
/// a table or column the change creates, or renames before the statement the check protects, is not checkable early.
/// </summary>
internal sealed class LoadedNames
{
    private readonly Dictionary<Table, QualifiedName> _tables = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Column, Identifier> _columns = new(ReferenceEqualityComparer.Instance);

    public static LoadedNames Of(Catalog catalog)
    {
        var names = new LoadedNames();
        foreach (var table in catalog.Tables)
        {
            names._tables[table] = table.Name;
            foreach (var column in table.Columns)
            {
                names._columns[column] = column.Name;
            }
        }

        return names;
    }

    /// <summary>True when the table and each of the columns (by their names now) were in the schema as loaded, under these names.</summary>
    public bool Unchanged(Table table, IEnumerable<Identifier> columns) =>
        !table.CreatedInChange && _tables.TryGetValue(table, out var name) && name.Key == table.Name.Key
        && columns.All(c => table.FindColumn(c) is { } column && _columns.TryGetValue(column, out var loaded) && loaded.Value == column.Name.Value);
}
