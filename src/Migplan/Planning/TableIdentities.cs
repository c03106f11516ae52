using Migplan.Schema;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>
/// Which table each operation works on, by identity that survives RENAME TO and SET SCHEMA, and which
/// operations are renames (ordering barriers for their table).
/// </summary>
internal sealed class TableIdentities(Catalog catalog)
{
    private readonly Dictionary<Table, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Operation, int> _tableOf = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Operation> _renames = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records the table of the statement's operations; call before the statement is applied.</summary>
    public void Record(Statement statement, IReadOnlyList<Operation> operations)
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
        if (name is null || catalog.FindTable(name) is not { } table)
        {
            return;
        }

        if (!_ids.TryGetValue(table, out int id))
        {
            id = _ids.Count;
            _ids[table] = id;
        }

        bool rename = statement is AlterTableStatement a && a.Actions.Any(x => x is RenameColumnAction or RenameTableAction or SetSchemaAction);
        foreach (var op in operations)
        {
            _tableOf[op] = id;
            if (rename)
            {
                _renames.Add(op);
            }
        }
    }

    /// <summary>Gives <paramref name="replacement"/> the table of <paramref name="original"/>.</summary>
    public void Replace(Operation original, Operation replacement)
    {
        if (_tableOf.TryGetValue(original, out int id))
        {
            _tableOf[replacement] = id;
        }
    }

    public int? TableOf(Operation op) => _tableOf.TryGetValue(op, out int id) ? id : null;

    public bool IsRename(Operation op) => _renames.Contains(op);
}
