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

    public List<Column> Columns { get; } = [];

    public List<Constraint> Constraints { get; } = [];

    public List<Index> Indexes { get; } = [];

    public bool IsPartitioned { get; set; }

    public TableStats? Stats { get; set; }

    public Column? FindColumn(Identifier name)
    {
        foreach (var c in Columns)
        {
            if (c.Name.Value == name.Value)
            {
                return c;
            }
        }

        return null;
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
    public Identifier Name { get; set; } = name;

    public TypeName Type { get; set; } = type;

    public bool NotNull { get; set; }

    public SqlExpression? Default { get; set; }

    public bool Identity { get; set; }

    public bool Generated { get; set; }

    /// <summary>True when the change added this column (it is NULL in every existing row until backfilled).</summary>
    public bool AddedInChange { get; set; }
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

    public QualifiedName? ReferencedTable { get; init; }

    public SqlExpression? Check { get; init; }

    /// <summary>The definition after ADD CONSTRAINT name (for a foreign key: FOREIGN KEY (...) REFERENCES ...), when known.</summary>
    public string? Definition { get; init; }
}

public sealed class Index(QualifiedName name, Table table)
{
    public QualifiedName Name { get; set; } = name;

    public Table Table { get; } = table;

    public bool Unique { get; init; }

    public bool Valid { get; set; } = true;

    public bool HasPredicate { get; init; }

    /// <summary>The statement that created it, when known (used to recreate it on rollback).</summary>
    public CreateIndexStatement? Definition { get; init; }

    /// <summary>Plain columns of the index; null for an expression element.</summary>
    public List<Identifier?> Columns { get; init; } = [];
}

/// <summary>Row count and size of a table, from --stats (or a live server later).</summary>
public sealed record TableStats(long Rows, long Bytes);
