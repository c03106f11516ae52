using Migplan.Schema;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>
/// Which table each operation works on (by the catalog's table id, which survives RENAME TO and SET
/// SCHEMA), and which operations are renames (ordering barriers for their table). Operations are known
/// by their position in the planner's list.
/// </summary>
internal sealed class TableIdentities
{
    private readonly List<int?> _tableOf = [];
    private readonly List<bool> _rename = [];

    /// <summary>Records the table of the statement's operations, appended in order; call before the statement is applied.</summary>
    public void Record(Catalog catalog, Statement statement, IReadOnlyList<Operation> operations)
    {
        var name = statement switch
        {
            AlterTableStatement s => s.Table,
            CreateIndexStatement s => s.Table,
            UpdateStatement s => s.Table,
            DeleteStatement s => s.Table,
            InsertStatement s => s.Table,
            _ => null,
        };
        int? id = name is null ? null : catalog.FindTable(name)?.Id;
        bool rename = id is not null && statement is AlterTableStatement a && a.Actions.Any(x => x is RenameColumnAction or RenameConstraintAction or RenameTableAction or SetSchemaAction);
        for (int i = 0; i < operations.Count; i++)
        {
            _tableOf.Add(id);
            _rename.Add(rename);
        }
    }

    /// <summary>Drops the last <paramref name="count"/> records (operations that were not kept).</summary>
    public void Forget(int count)
    {
        _tableOf.RemoveRange(_tableOf.Count - count, count);
        _rename.RemoveRange(_rename.Count - count, count);
    }

    /// <summary>The table of the operation at <paramref name="index"/> in the planner's list; null for none.</summary>
    public int? TableOf(int index) => _tableOf[index];

    public bool IsRename(int index) => _rename[index];
}
