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

    // How many constraints carry each name in each schema, and how many of them own an index of that name: so
    // that choosing a free name (ChooseConstraintName, ChooseRelationName) does not scan every table.
    private readonly Dictionary<string, int> _constraintNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _constraintIndexNames = new(StringComparer.Ordinal);

    // For a name being numbered (see ObjectNames): how many of its first numbers are known to be taken here.
    // Adding objects keeps that true; removing or renaming one may free a number, so it forgets them all.
    private readonly Dictionary<string, int> _nameHints = new(StringComparer.Ordinal);

    /// <summary>How many of the first numbers of a numbered name are known to be taken (0 when unknown).</summary>
    public int NameHint(string key) => _nameHints.GetValueOrDefault(key);

    public void RaiseNameHint(string key, int taken)
    {
        if (taken > _nameHints.GetValueOrDefault(key))
        {
            _nameHints[key] = taken;
        }
    }
    private int _nextTableId;

    public Catalog(string defaultSchema = "public")
    {
        DefaultSchema = defaultSchema;
        InitialSchema = defaultSchema;
    }

    /// <summary>The default schema before any SET search_path (what RESET search_path returns to).</summary>
    public string InitialSchema { get; }

    /// <summary>The schema an unqualified name resolves to (first schema of search_path).</summary>
    public string DefaultSchema { get; set; }

    public IEnumerable<Table> Tables => _tables.Values;

    /// <summary>Views, functions, triggers, policies and rules, known by their text only (see <see cref="DefinedObjects"/>).</summary>
    public DefinedObjects Objects { get; } = new();

    public QualifiedName Resolve(QualifiedName name) => name.WithDefaultSchema(DefaultSchema);

    /// <summary>Comments of objects the model does not hold (views, functions, schemas, sequences, ...) by kind and name (see <see cref="CommentSlot"/>); null for none.</summary>
    public Dictionary<string, string?> Comments { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// False when the schema is not one that writes every comment (a live server's reading, which carries none): then
    /// no object's comment is known, not even "none".
    /// </summary>
    public bool CommentsCarried { get; set; } = true;

    /// <summary>The privileges the schema's GRANT and REVOKE lines give.</summary>
    public Acls Acls { get; } = new();

    private readonly Dictionary<string, SequenceState> _sequenceStates = new(StringComparer.Ordinal);

    /// <summary>The options of a sequence the schema or the change created with CREATE SEQUENCE; null for any other.</summary>
    public SequenceState? FindSequenceState(QualifiedName name) => _sequenceStates.GetValueOrDefault(Resolve(name).Key);

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
        return _tables.ContainsKey(key) || _indexes.ContainsKey(key) || _sequences.Contains(key)
            || _constraintIndexNames.ContainsKey(NameKey(resolved.Schema!.Value, resolved.Name.Value));
    }

    /// <summary>True when a constraint of that name exists on any table of <paramref name="schema"/> (PostgreSQL's ConstraintNameExists).</summary>
    public bool ConstraintNameExists(Identifier schema, string name) => _constraintNames.ContainsKey(NameKey(schema.Value, name));

    /// <summary>Adds a constraint to a table. Constraints change only through the catalog, which keeps their names indexed.</summary>
    public void AddConstraint(Table table, Constraint constraint)
    {
        table.Constraints.Add(constraint);
        if (_referencing is not null && constraint.Kind == ConstraintKind.ForeignKey && constraint.ReferencedTable is { } referenced)
        {
            Referencing(referenced.Key).Add((table, constraint));
        }

        Count(table, constraint, +1);
    }

    public void RemoveConstraint(Table table, Constraint constraint)
    {
        if (table.Constraints.Remove(constraint))
        {
            if (constraint.Kind == ConstraintKind.ForeignKey && constraint.ReferencedTable is { } referenced)
            {
                _referencing?.GetValueOrDefault(referenced.Key)?.Remove((table, constraint));
            }

            _nameHints.Clear();
            Count(table, constraint, -1);
            foreach (var partition in table.Partitions)
            {
                RemoveConstraints(partition, c => c.InheritedFrom == constraint);
            }
        }
    }

    public void RemoveConstraints(Table table, Predicate<Constraint> match)
    {
        foreach (var c in table.Constraints.FindAll(match))
        {
            RemoveConstraint(table, c);
        }
    }

    public void RenameConstraint(Table table, Constraint constraint, Identifier newName)
    {
        _nameHints.Clear();
        Count(table, constraint, -1);
        constraint.Name = newName;
        Count(table, constraint, +1);
    }

    private static string NameKey(string schema, string name) => schema + "\0" + name;

    /// <summary>Counts a constraint's name in (or out of) the indexes of names: constraints by schema, and the
    /// relations that primary key, unique and exclusion constraints own.</summary>
    private void Count(Table table, Constraint constraint, int delta)
    {
        if (constraint.Name is not { } name)
        {
            return;
        }

        string key = NameKey(table.Name.Schema!.Value, name.Value);
        Bump(_constraintNames, key, delta);
        if (constraint.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude)
        {
            Bump(_constraintIndexNames, key, delta);
        }
    }

    private static void Bump(Dictionary<string, int> counts, string key, int delta)
    {
        int n = counts.GetValueOrDefault(key) + delta;
        if (n > 0)
        {
            counts[key] = n;
        }
        else
        {
            counts.Remove(key);
        }
    }

    public Table AddTable(QualifiedName name, bool createdInChange, bool columnsUnknown = false, bool materializedView = false)
    {
        var table = new Table(Resolve(name), createdInChange) { Id = _nextTableId++, ColumnsUnknown = columnsUnknown, IsMaterializedView = materializedView };
        _tables[table.Name.Key] = table;
        return table;
    }

    /// <summary>Registers <paramref name="partition"/> as the last partition of <paramref name="parent"/> (taken from a former parent first).</summary>
    public void AttachPartition(Table parent, Table partition)
    {
        partition.PartitionParent?.RemovePartition(partition);
        parent.AddPartition(partition);
    }

    /// <summary>Makes <paramref name="partition"/> a table of its own again.</summary>
    public void DetachPartition(Table partition) => partition.PartitionParent?.RemovePartition(partition);

    /// <summary>Removes a table, and with a partitioned table its partitions, as DROP TABLE does.</summary>
    public void RemoveTable(Table table)
    {
        foreach (var partition in table.Partitions.ToList())
        {
            RemoveTable(partition);
        }

        table.PartitionParent?.RemovePartition(table);
        _nameHints.Clear();
        _referencing = null;
        _tables.Remove(table.Name.Key);
        foreach (var c in table.Constraints)
        {
            Count(table, c, -1);
        }

        foreach (var index in table.Indexes)
        {
            _indexes.Remove(index.Name.Key);
        }
    }

    public void RenameTable(Table table, QualifiedName newName)
    {
        _nameHints.Clear();
        _tables.Remove(table.Name.Key);
        foreach (var c in table.Constraints)
        {
            Count(table, c, -1); // a new schema moves its constraints' names
        }

        var referencing = ReferencingForeignKeys(table).ToList();
        _referencing = null;
        table.Name = Resolve(newName);
        _tables[table.Name.Key] = table;
        foreach (var c in table.Constraints)
        {
            Count(table, c, +1);
        }

        // Foreign keys follow the table they reference, as in PostgreSQL; their definitions name it as it is now.
        foreach (var (_, fk) in referencing)
        {
            fk.ReferencedTable = table.Name;
            if (fk.Definition is not null)
            {
                fk.Definition = DefinitionRenames.RenameReferencedTable(fk.Definition, table.Name);
            }
        }

        foreach (var index in table.Indexes.Where(i => i.Definition is not null))
        {
            index.Definition = DefinitionRenames.RenameTable(index.Definition!, table.Name);
        }
    }

    public void AddIndex(Index index)
    {
        _indexes[index.Name.Key] = index;
        index.Table.Indexes.Add(index);
    }

    public void RenameIndex(Index index, Identifier newName)
    {
        _nameHints.Clear();
        _indexes.Remove(index.Name.Key);
        index.Name = new QualifiedName(index.Name.Schema, newName);
        _indexes[index.Name.Key] = index;
    }

    /// <summary>
    /// The index named <paramref name="name"/> and, when it backs a primary key, unique or exclusion constraint,
    /// that constraint and its table (the catalog may know the constraint without an index entry for it).
    /// </summary>
    public (Index? Index, Table? Table, Constraint? Constraint) FindIndexOrKey(QualifiedName name)
    {
        var resolved = Resolve(name);
        var index = FindIndex(resolved);
        if (!_constraintIndexNames.ContainsKey(NameKey(resolved.Schema!.Value, resolved.Name.Value)))
        {
            return (index, index?.Table, null);
        }

        foreach (var table in index is null ? _tables.Values : (IEnumerable<Table>)[index.Table])
        {
            if (table.Name.Schema?.Value != resolved.Schema.Value)
            {
                continue;
            }

            foreach (var c in table.Constraints)
            {
                if (c.Name?.Value == resolved.Name.Value && c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude)
                {
                    return (index, table, c);
                }
            }
        }

        return (index, index?.Table, null);
    }

    /// <summary>Removes an index, and with a partitioned index the partitions' indexes attached to it, as DROP INDEX does.</summary>
    public void RemoveIndex(Index index)
    {
        _nameHints.Clear();
        _indexes.Remove(index.Name.Key);
        index.Table.Indexes.Remove(index);
        foreach (var partition in index.Table.Partitions)
        {
            foreach (var child in partition.Indexes.Where(i => i.ParentIndex == index).ToList())
            {
                RemoveIndex(child);
            }
        }
    }

    public void AddType(QualifiedName name) => _types.Add(Resolve(name).Key);

    public void AddSequence(QualifiedName name) => _sequences.Add(Resolve(name).Key);

    /// <summary>A sequence created with known options (<paramref name="options"/> default: not known).</summary>
    public void AddSequence(QualifiedName name, System.Collections.Immutable.ImmutableArray<SequenceOption> options)
    {
        AddSequence(name);
        if (!options.IsDefault)
        {
            var state = new SequenceState();
            state.Apply(options);
            _sequenceStates[Resolve(name).Key] = state;
        }
        else
        {
            _sequenceStates.Remove(Resolve(name).Key);
        }
    }

    /// <summary>
    /// The foreign keys of every table by the key of the table they reference (in the order they were added); built
    /// when first asked, then kept as constraints come and go, and built again after a table is renamed or removed
    /// (the other ways the name a foreign key references changes), so a change renaming a thousand columns of five
    /// thousand tables does not scan them all a thousand times.
    /// </summary>
    private Dictionary<string, List<(Table Table, Constraint Constraint)>>? _referencing;

    /// <summary>Tables whose foreign keys reference <paramref name="table"/>.</summary>
    public IReadOnlyList<(Table Table, Constraint Constraint)> ReferencingForeignKeys(Table table)
    {
        if (_referencing is null)
        {
            _referencing = new Dictionary<string, List<(Table, Constraint)>>(StringComparer.Ordinal);
            foreach (var other in _tables.Values)
            {
                foreach (var c in other.Constraints)
                {
                    if (c.Kind == ConstraintKind.ForeignKey && c.ReferencedTable is not null)
                    {
                        Referencing(c.ReferencedTable.Key).Add((other, c));
                    }
                }
            }
        }

        return _referencing.TryGetValue(table.Name.Key, out var found) ? found : [];
    }

    private List<(Table Table, Constraint Constraint)> Referencing(string referencedKey)
    {
        if (!_referencing!.TryGetValue(referencedKey, out var list))
        {
            _referencing[referencedKey] = list = [];
        }

        return list;
    }
}
