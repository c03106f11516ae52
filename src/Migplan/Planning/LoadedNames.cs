using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>
/// The name every table and column of the schema had when it was loaded, by object (the catalog renames objects in
/// place). A go/no-go check runs before the plan starts, so it can name only what exists then, as it is named then:
/// a table or column the change creates, or renames before the statement the check protects, is not checkable early,
/// and neither is a column whose type the change alters first (the check would compare the values of the old type).
/// </summary>
internal sealed class LoadedNames
{
    private readonly Dictionary<Table, QualifiedName> _tables = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Column, (Identifier Name, TypeName Type)> _columns = new(ReferenceEqualityComparer.Instance);

    public static LoadedNames Of(Catalog catalog)
    {
        var names = new LoadedNames();
        foreach (var table in catalog.Tables)
        {
            names._tables[table] = table.Name;
            foreach (var column in table.Columns)
            {
                names._columns[column] = (column.Name, column.Type);
            }
        }

        return names;
    }

    /// <summary>True when the table and each of the columns (by their names now) were in the schema as loaded, under these names and types.</summary>
    public bool Unchanged(Table table, IEnumerable<Identifier> columns) =>
        !table.CreatedInChange && _tables.TryGetValue(table, out var name) && name.Key == table.Name.Key
        && columns.All(c => table.FindColumn(c) is { } column && _columns.TryGetValue(column, out var loaded)
            && loaded.Name.Value == column.Name.Value && loaded.Type.Equals(column.Type));
}
