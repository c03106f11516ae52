using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

public sealed class Table(QualifiedName name, bool createdInChange)
{
    public QualifiedName Name { get; internal set; } = name;

    /// <summary>Unique within its catalog, unchanged by renames.</summary>
    public int Id { get; init; }

    /// <summary>True when the change itself creates this table: it is empty and nobody uses it yet.</summary>
    public bool CreatedInChange { get; } = createdInChange;

    private readonly List<Column> _columns = [];

    /// <summary>Name to column (the first of that name), kept with <see cref="_columns"/> so lookups stay O(1)
    /// for tables of thousands of columns.</summary>
    private readonly Dictionary<string, Column> _columnsByName = new(StringComparer.Ordinal);

    /// <summary>The columns in order; changed only through <see cref="AddColumn"/>, <see cref="RemoveColumn"/> and <see cref="RenameColumn"/>.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>Read here; change through <see cref="Catalog.AddConstraint"/> and its siblings, which keep the names indexed.</summary>
    public List<Constraint> Constraints { get; } = [];

    public List<Index> Indexes { get; } = [];

    /// <summary>The table's comment (COMMENT ON TABLE), null when it has none.</summary>
    public string? Comment { get; set; }

    /// <summary>True for a partitioned table (PARTITION BY): it holds no rows itself, its partitions do.</summary>
    public bool IsPartitioned => PartitionBy is not null;

    /// <summary>ENABLE ROW LEVEL SECURITY (relrowsecurity) as the schema and the change so far leave it.</summary>
    public bool RowSecurity { get; set; }

    /// <summary>FORCE ROW LEVEL SECURITY (relforcerowsecurity): the owner is subject to the policies too.</summary>
    public bool ForceRowSecurity { get; set; }

    /// <summary>The PARTITION BY clause as written (<c>RANGE (created_at)</c>); null for a table that is not partitioned.</summary>
    public string? PartitionBy
    {
        get;
        set
        {
            field = value;
            PartitionKey = PartitionKeys.Of(value);
        }
    }

    /// <summary>The partition key's elements: a plain column, or null for an expression. Empty when not partitioned.</summary>
    public IReadOnlyList<Identifier?> PartitionKey { get; private set; } = [];

    /// <summary>The partitioned table this table is a partition of (PARTITION OF, ATTACH PARTITION); null otherwise.</summary>
    public Table? PartitionParent { get; private set; }

    private readonly List<Table> _partitions = [];

    /// <summary>The partitions, in the order they were created or attached; changed through <see cref="Catalog.AttachPartition"/>.</summary>
    public IReadOnlyList<Table> Partitions => _partitions;

    internal void AddPartition(Table partition)
    {
        partition.PartitionParent = this;
        _partitions.Add(partition);
    }

    internal void RemovePartition(Table partition)
    {
        if (_partitions.Remove(partition))
        {
            partition.PartitionParent = null;
        }
    }

    /// <summary>
    /// True for a relation whose columns come from a query (CREATE TABLE ... AS, a materialized view): the model
    /// does not know them, so a column it lacks is not an error.
    /// </summary>
    public bool ColumnsUnknown { get; init; }

    public bool IsMaterializedView { get; init; }

    /// <summary>A TEMP table the change creates: it lives only in the session (the plan step) that creates it.</summary>
    public bool Temporary { get; set; }

    public TableStats? Stats { get; set; }

    public Column? FindColumn(Identifier name) => _columnsByName.GetValueOrDefault(name.Value);

    /// <summary>PostgreSQL's MaxHeapAttributeNumber: "tables can have at most 1600 columns", dropped ones included.</summary>
    public const int MaxColumns = 1600;

    /// <summary>Columns dropped by the change: PostgreSQL keeps counting them against <see cref="MaxColumns"/>.</summary>
    public int DroppedColumns { get; private set; }

    /// <summary>True once the column limit was reported for this table (reported once, at the first column past it).</summary>
    internal bool ColumnLimitReported { get; set; }

    public void AddColumn(Column column)
    {
        _columns.Add(column);
        _columnsByName.TryAdd(column.Name.Value, column);
    }

    /// <summary>Removes every column of that name.</summary>
    public void RemoveColumn(Identifier name)
    {
        if (_columnsByName.Remove(name.Value))
        {
            DroppedColumns += _columns.RemoveAll(c => c.Name.Value == name.Value);
        }
    }

    public void RenameColumn(Column column, Identifier newName)
    {
        column.Name = newName;
        _columnsByName.Clear();
        foreach (var c in _columns)
        {
            _columnsByName.TryAdd(c.Name.Value, c);
        }
    }

    public Constraint? FindConstraint(Identifier name) => Constraints.Find(c => c.Name?.Value == name.Value);

    public Constraint? PrimaryKey => Constraints.Find(c => c.Kind == ConstraintKind.PrimaryKey);

    /// <summary>
    /// The key to batch by: the primary key, else the shortest unique index or constraint whose
    /// columns are all NOT NULL and which has no predicate. Null when there is none.
    /// </summary>
    public IReadOnlyList<Column>? BatchKey()
    {
        if (PrimaryKey is { } pk)
        {
            var columns = new List<Column>(pk.Columns.Count);
            foreach (var c in pk.Columns)
            {
                columns.Add(FindColumn(c)!);
            }

            return columns;
        }

        IReadOnlyList<Column>? best = null;
        foreach (var key in Constraints.Where(c => c.Kind == ConstraintKind.Unique).Select(c => c.Columns)
                     .Concat(Indexes.Where(i => i.Unique && i.Valid && !i.HasPredicate && i.Columns.All(c => c is not null)).Select(i => i.Columns.Select(c => c!).ToList())))
        {
            var columns = key.Select(FindColumn).ToList();
            if (columns.All(c => c is { NotNull: true }) && (best is null || columns.Count < best.Count))
            {
                best = columns!;
            }
        }

        return best;
    }
}

public sealed class Column(Identifier name, TypeName type)
{
    /// <summary>Renamed only through <see cref="Table.RenameColumn"/>, which keeps the table's name index.</summary>
    public Identifier Name { get; internal set; } = name;

    public TypeName Type { get; set; } = type;

    public bool NotNull { get; set; }

    public SqlExpression? Default { get; set; }

    public bool Identity { get; set; }

    public bool Generated { get; set; }

    /// <summary>The column's comment (COMMENT ON COLUMN), null when it has none.</summary>
    public string? Comment { get; set; }

    /// <summary>True when the change added this column (existing rows hold its default then, NULL when it has none).</summary>
    public bool AddedInChange { get; set; }

    /// <summary>
    /// True while every row holds NULL here: the change added the column with no default (or DEFAULT NULL), and
    /// nothing of the change has written it since (an UPDATE of it, an INSERT into the table, a type change).
    /// Only then may a backfill skip the rows where it is not NULL: elsewhere a non-NULL value is not "done".
    /// </summary>
    public bool NullInEveryRow { get; set; }

    /// <summary>
    /// True when the change added this column with a non-NULL default: every existing row holds a value then (the
    /// default, or what the plan's backfill of a volatile default writes), so NULL there does not mean "not filled yet".
    /// </summary>
    public bool AddedWithDefault { get; set; }
}

public enum ConstraintKind
{
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclude,
    NotNull,
}

public sealed class Constraint(Identifier? name, ConstraintKind kind)
{
    public Identifier? Name { get; set; } = name;

    public ConstraintKind Kind { get; } = kind;

    public List<Identifier> Columns { get; init; } = [];

    public bool Validated { get; set; } = true;

    /// <summary>For a foreign key: the table it references, renamed with it.</summary>
    public QualifiedName? ReferencedTable { get; internal set; }

    public SqlExpression? Check { get; init; }

    /// <summary>
    /// The definition after ADD CONSTRAINT name (for a foreign key: FOREIGN KEY (...) REFERENCES ...), when known;
    /// it follows renames of its columns, of the referenced table and of the referenced columns.
    /// </summary>
    public string? Definition { get; internal set; }

    /// <summary>For a partition's key made by a key on its partitioned parent: the parent's constraint (dropped with it).</summary>
    public Constraint? InheritedFrom { get; init; }

    /// <summary>The constraint's comment (COMMENT ON CONSTRAINT), null when it has none.</summary>
    public string? Comment { get; set; }
}

public sealed class Index(QualifiedName name, Table table)
{
    public QualifiedName Name { get; set; } = name;

    public Table Table { get; } = table;

    public bool Unique { get; init; }

    public bool Valid { get; set; } = true;

    public bool HasPredicate { get; init; }

    /// <summary>The statement that created it, when known (used to recreate it on rollback); it follows renames of its columns and table.</summary>
    public CreateIndexStatement? Definition { get; internal set; }

    /// <summary>Plain columns of the index; null for an expression element.</summary>
    public List<Identifier?> Columns { get; init; } = [];

    /// <summary>For a partition's index made by an index on its partitioned parent: the parent's index (dropped with it).</summary>
    public Index? ParentIndex { get; init; }

    /// <summary>The index's comment (COMMENT ON INDEX), null when it has none.</summary>
    public string? Comment { get; set; }
}

/// <summary>
/// Row count and sizes of a table. <see cref="HeapBytes"/> is the main fork (pg_relation_size), without
/// indexes or TOAST; <see cref="IndexBytes"/> all its indexes (pg_indexes_size). Null when not known.
/// </summary>
public sealed record TableStats(long Rows, long? HeapBytes, long? IndexBytes, SizeSource Source)
{
    /// <summary>Rows and heap bytes from a stats file; a negative <paramref name="bytes"/> means not known.</summary>
    public TableStats(long rows, long bytes)
        : this(rows, bytes >= 0 ? bytes : null, null, SizeSource.StatsFile)
    {
    }

    /// <summary>The heap size the estimator uses, or -1 when not known (it is then estimated from the rows).</summary>
    public long Bytes => HeapBytes ?? -1;

    /// <summary>How a number was derived when it was not given as such (for the Assumptions); null when given.</summary>
    public string? Note { get; init; }
}
