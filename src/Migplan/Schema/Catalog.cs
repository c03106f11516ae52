using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// The schema as it is at one point of the change: tables with their columns, constraints and indexes,
/// plus types and sequences. The planner applies each change statement to it in order, so later
/// statements are checked against the schema as it will then be.
/// </summary>
public sealed class Catalog
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sequences = new(StringComparer.Ordinal);
    private int _nextTableId;

    public Catalog(string defaultSchema = "public")
    {
        DefaultSchema = defaultSchema;
    }

    /// <summary>The schema an unqualified name resolves to (first schema of search_path).</summary>
    public string DefaultSchema { get; set; }

    public IEnumerable<Table> Tables => _tables.Values;

    public QualifiedName Resolve(QualifiedName name) => name.WithDefaultSchema(DefaultSchema);

    public Table? FindTable(QualifiedName name) => _tables.GetValueOrDefault(Resolve(name).Key);

    public Index? FindIndex(QualifiedName name) => _indexes.GetValueOrDefault(Resolve(name).Key);

    public bool HasType(QualifiedName name) => _types.Contains(Resolve(name).Key);

    public bool HasSequence(QualifiedName name) => _sequences.Contains(Resolve(name).Key);

    /// <summary>
    /// True when a table, index or sequence of that name is in the schema (they share pg_class's names), including
    /// the index behind a primary key, unique or exclusion constraint.
    /// </summary>
    public bool RelationExists(QualifiedName name)
    {
        var resolved = Resolve(name);
        string key = resolved.Key;
        if (_tables.ContainsKey(key) || _indexes.ContainsKey(key) || _sequences.Contains(key))
        {
            return true;
        }

        foreach (var table in _tables.Values)
        {
            if (table.Name.Schema?.Value == resolved.Schema!.Value
                && table.Constraints.Exists(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude && c.Name?.Value == resolved.Name.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a constraint of that name exists on any table of <paramref name="schema"/> (PostgreSQL's ConstraintNameExists).</summary>
    public bool ConstraintNameExists(Identifier schema, string name)
    {
        foreach (var table in _tables.Values)
        {
            if (table.Name.Schema?.Value == schema.Value && table.Constraints.Exists(c => c.Name?.Value == name))
            {
                return true;
            }
        }

        return false;
    }

    public Table AddTable(QualifiedName name, bool createdInChange)
    {
        var table = new Table(Resolve(name), createdInChange) { Id = _nextTableId++ };
        _tables[table.Name.Key] = table;
        return table;
    }

    public void RemoveTable(Table table)
    {
        _tables.Remove(table.Name.Key);
        foreach (var index in table.Indexes)
        {
            _indexes.Remove(index.Name.Key);
        }
    }

    public void RenameTable(Table table, QualifiedName newName)
    {
        _tables.Remove(table.Name.Key);
        table.Name = Resolve(newName);
        _tables[table.Name.Key] = table;
    }

    public void AddIndex(Index index)
    {
        _indexes[index.Name.Key] = index;
        index.Table.Indexes.Add(index);
    }

    public void RemoveIndex(Index index)
    {
        _indexes.Remove(index.Name.Key);
        index.Table.Indexes.Remove(index);
    }

    public void AddType(QualifiedName name) => _types.Add(Resolve(name).Key);

    public void AddSequence(QualifiedName name) => _sequences.Add(Resolve(name).Key);

    /// <summary>Tables whose foreign keys reference <paramref name="table"/>.</summary>
    public IEnumerable<(Table Table, Constraint Constraint)> ReferencingForeignKeys(Table table)
    {
        foreach (var other in _tables.Values)
        {
            foreach (var c in other.Constraints)
            {
                if (c.Kind == ConstraintKind.ForeignKey && c.ReferencedTable is not null && c.ReferencedTable.Key == table.Name.Key)
                {
                    yield return (other, c);
                }
            }
        }
    }
}
