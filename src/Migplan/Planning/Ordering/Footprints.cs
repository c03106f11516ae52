using System.Globalization;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Ordering;

/// <summary>
/// The footprint of each statement the planner analyses, read from the statement and from the catalog as it is just
/// before the statement (what a drop removes with it, the type of a dropped column). One footprint per ALTER TABLE
/// subcommand; other statements give one for the whole statement.
/// </summary>
internal static partial class Footprints
{
    /// <summary>The footprints of the statement's parts: one per ALTER TABLE action, else one.</summary>
    public static IReadOnlyList<Footprint> Of(Catalog catalog, Statement statement)
    {
        if (statement is AlterTableStatement alter)
        {
            var table = catalog.FindTable(alter.Table);
            return table is null ? [new Footprint()] : [.. alter.Actions.Select(a => Action(catalog, table, a))];
        }

        var f = statement switch
        {
            CreateTableStatement or CreateIndexStatement or DropTableStatement or DropIndexStatement or AlterIndexRenameStatement
                or UpdateStatement or DeleteStatement or InsertStatement or TruncateStatement
                or CreateTypeStatement or AlterTypeAddValueStatement or AlterTypeRenameValueStatement or CreateSequenceStatement => new Footprint(),
            _ => OpaqueNames.Footprint(statement, catalog.DefaultSchema), // not known here: any name it writes may tie it to another statement
        };
        switch (statement)
        {
            case CreateTableStatement s:
                CreateTable(catalog, s, f);
                break;
            case CreateIndexStatement s:
                CreateIndex(catalog, s, f);
                break;
            case DropTableStatement s:
                foreach (var n in s.Names)
                {
                    DropTable(catalog, n, f);
                }

                break;
            case DropIndexStatement s:
                foreach (var n in s.Names)
                {
                    DropIndex(catalog, n, f);
                }

                break;
            case AlterIndexRenameStatement s:
                RenameIndex(catalog, s, f);
                break;
            case UpdateStatement s:
                Dml(catalog, s.Table, s.From.Select(x => x.Table), s.Set.SelectMany(x => x.Columns)
                    .Concat(s.Set.SelectMany(x => x.Value.Columns.Select(c => c.Column))).Concat(s.Where?.Columns.Select(c => c.Column) ?? []), f);
                break;
            case DeleteStatement s:
                Dml(catalog, s.Table, s.Using.Select(x => x.Table), s.Where?.Columns.Select(c => c.Column) ?? [], f);
                break;
            case InsertStatement s:
                // The source of INSERT ... SELECT FROM one table is read: its rows, and any column its text may name.
                Dml(catalog, s.Table, [s.Select?.From], s.Columns.Concat(Words(s.Select?.List).Concat(Words(s.Select?.Where))), f);
                break;
            case TruncateStatement s:
                foreach (var n in s.Tables)
                {
                    if (catalog.FindTable(n) is { } t)
                    {
                        f.Uses.Add(TableKey(t));
                        f.Makes.Add(Rows(t));
                    }
                }

                break;
            case CreateTypeStatement s:
                f.Makes.Add(TypeKey(catalog.Resolve(s.Name)));
                break;
            case AlterTypeAddValueStatement s:
                f.Makes.Add(TypeKey(catalog.Resolve(s.Type)));
                break;
            case AlterTypeRenameValueStatement s:
                f.Makes.Add(TypeKey(catalog.Resolve(s.Type)));
                break;
            case CreateSequenceStatement s:
                f.Makes.Add(Relation(catalog.Resolve(s.Name)));
                break;
        }

        return [f];
    }

    /// <summary>What only the applied statement knows: a table the statement created, by its new id.</summary>
    public static void AfterApply(Catalog catalog, Statement statement, IEnumerable<Footprint> footprints)
    {
        if (statement is CreateTableStatement s && catalog.FindTable(s.Name) is { } t)
        {
            foreach (var f in footprints)
            {
                f.Makes.Add(TableKey(t));
                f.Makes.Add(Rows(t));
            }
        }
    }

    private static void CreateTable(Catalog catalog, CreateTableStatement s, Footprint f)
    {
        var name = catalog.Resolve(s.Name);
        f.Makes.Add(Relation(name));
        f.Makes.Add(TypeKey(name));
        foreach (var parent in s.Inherits.Concat(s.PartitionOf is { } p ? [p] : []))
        {
            if (catalog.FindTable(parent) is { } t)
            {
                f.Makes.Add(TableKey(t));
            }
        }

        foreach (var column in s.Columns)
        {
            UsesType(catalog, column.Type, f);
            foreach (var c in column.Constraints)
            {
                ColumnConstraint(catalog, null, c, f, name);
            }
        }

        foreach (var c in s.Constraints)
        {
            TableConstraint(catalog, null, c, f, name);
        }
    }

    private static void CreateIndex(Catalog catalog, CreateIndexStatement s, Footprint f)
    {
        var table = catalog.FindTable(s.Table);
        if (table is null)
        {
            return;
        }

        f.TableId = table.Id;
        f.Uses.Add(TableKey(table));
        if (s.Name is { } n)
        {
            f.Makes.Add(Relation(new QualifiedName(table.Name.Schema, n)));
        }

        UsesColumns(table, s.Elements.Select(e => e.Column).OfType<Identifier>()
            .Concat(s.Elements.SelectMany(e => e.Expression?.Columns.Select(c => c.Column) ?? []))
            .Concat(s.Include).Concat(s.Where?.Columns.Select(c => c.Column) ?? []), f);
        if (s.Unique)
        {
            f.Uses.Add(Rows(table)); // a unique index holds only if the rows written before it are there
        }
    }

    private static void DropTable(Catalog catalog, QualifiedName n, Footprint f)
    {
        var name = catalog.Resolve(n);
        f.Frees.Add(Relation(name));
        f.Frees.Add(TypeKey(name));
        if (catalog.FindTable(n) is not { } table)
        {
            return;
        }

        f.TableId ??= table.Id;
        f.Frees.Add(TableKey(table));
        f.Makes.Add(Rows(table));
        foreach (var i in table.Indexes)
        {
            f.Frees.Add(Relation(i.Name));
        }

        foreach (var c in table.Constraints)
        {
            FreesConstraint(catalog, table, c, f);
        }
    }

    private static void DropIndex(Catalog catalog, QualifiedName n, Footprint f)
    {
        var index = catalog.FindIndex(n);
        f.Frees.Add(Relation(index?.Name ?? catalog.Resolve(n)));
        if (index is not null)
        {
            f.TableId ??= index.Table.Id;
            f.Frees.Add(Dependents(index.Table));
        }
    }

    private static void RenameIndex(Catalog catalog, AlterIndexRenameStatement s, Footprint f)
    {
        var (index, owner, constraint) = catalog.FindIndexOrKey(s.Index);
        var name = index?.Name ?? (owner is not null ? new QualifiedName(owner.Name.Schema, s.Index.Name) : catalog.Resolve(s.Index));
        f.Frees.Add(Relation(name));
        f.Makes.Add(Relation(new QualifiedName(name.Schema, s.NewName)));
        if (owner is not null)
        {
            f.TableId = owner.Id;
            f.Uses.Add(TableKey(owner));
            if (constraint?.Name is { } c)
            {
                f.Frees.Add(ConstraintKey(owner, c));
                f.Makes.Add(ConstraintKey(owner, s.NewName));
            }
        }
    }

    /// <summary>The names a piece of SQL may use (see <see cref="OpaqueNames.WordsOf"/>), as column names.</summary>
    private static IEnumerable<Identifier> Words(string? text) =>
        text is null ? [] : OpaqueNames.WordsOf(text).Select(w => new Identifier(w));

    private static void Dml(Catalog catalog, QualifiedName target, IEnumerable<QualifiedName?> others, IEnumerable<Identifier> columns, Footprint f)
    {
        var tables = others.OfType<QualifiedName>().Select(catalog.FindTable).OfType<Table>().ToList();
        var table = catalog.FindTable(target);
        var names = columns.ToList();
        if (table is not null)
        {
            f.TableId = table.Id;
            f.Makes.Add(Rows(table));
            UsesColumns(table, names, f);
        }

        foreach (var t in tables.Append(table).OfType<Table>())
        {
            f.Uses.Add(TableKey(t));
            f.Uses.Add(Rows(t));
            UsesColumns(t, names, f);
        }
    }

    /// <summary>A constraint written on a column of <paramref name="table"/> (null for a table being created, named <paramref name="created"/>).</summary>
    private static void ColumnConstraint(Catalog catalog, Table? table, ColumnConstraint c, Footprint f, QualifiedName? created = null)
    {
        var schema = table?.Name.Schema ?? created!.Schema;
        if (c.Name is { } n && table is not null)
        {
            f.Makes.Add(ConstraintKey(table, n));
        }

        switch (c)
        {
            case PrimaryKeyColumnConstraint or UniqueColumnConstraint when c.Name is { } index:
                f.Makes.Add(Relation(new QualifiedName(schema, index)));
                break;
            case ReferencesColumnConstraint r:
                References(catalog, r.Reference, f);
                break;
            case CheckColumnConstraint k when table is not null:
                UsesColumns(table, k.Expression.Columns.Select(x => x.Column), f);
                break;
        }
    }

    private static void TableConstraint(Catalog catalog, Table? table, TableConstraint c, Footprint f, QualifiedName? created = null)
    {
        var schema = table?.Name.Schema ?? created!.Schema;
        if (c.Name is { } n && table is not null)
        {
            f.Makes.Add(ConstraintKey(table, n));
        }

        switch (c)
        {
            case PrimaryKeyConstraint or UniqueConstraint or ExcludeConstraint when c.Name is { } index:
                f.Makes.Add(Relation(new QualifiedName(schema, index)));
                if (table is not null)
                {
                    f.Uses.Add(Rows(table));
                }

                break;
            // A foreign key or check reads the rows only when it is validated, and it is added NOT VALID where it is
            // written: from then on every write to either table is checked, so validating after later writes ends the same.
            case ForeignKeyConstraint k:
                References(catalog, k.Reference, f, table is not null);
                break;
            case CheckConstraint k when table is not null:
                UsesColumns(table, k.Expression.Columns.Select(x => x.Column), f, f.Enforces);
                break;
        }

        if (table is not null)
        {
            UsesColumns(table, c switch
            {
                PrimaryKeyConstraint p => p.Columns,
                UniqueConstraint u => u.Columns,
                _ => [],
            }, f);
            if (c is ForeignKeyConstraint fk)
            {
                UsesColumns(table, fk.Columns, f, f.Enforces);
            }
        }
    }

    /// <param name="added">True for a foreign key added to an existing table (NOT VALID, validated later).</param>
    private static void References(Catalog catalog, ForeignKeyReference reference, Footprint f, bool added = false)
    {
        if (catalog.FindTable(reference.Table) is { } referenced)
        {
            f.Uses.Add(TableKey(referenced));
            UsesColumns(referenced, reference.Columns, f, added ? f.Enforces : null);
        }
    }

    private static void FreesConstraint(Catalog catalog, Table table, Constraint c, Footprint f)
    {
        if (c.Name is { } n)
        {
            f.Frees.Add(ConstraintKey(table, n));
            if (c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude)
            {
                f.Frees.Add(Relation(new QualifiedName(table.Name.Schema, n)));
            }
        }

        if (c.ReferencedTable is { } r && catalog.FindTable(r) is { } referenced)
        {
            f.Frees.Add(Dependents(referenced));
        }
    }

    private static void UsesColumns(Table table, IEnumerable<Identifier> columns, Footprint f, HashSet<ObjectKey>? into = null)
    {
        into ??= f.Uses;
        foreach (var c in columns)
        {
            into.Add(Column(table, c));
        }
    }

    private static void UsesType(Catalog catalog, TypeName type, Footprint f)
    {
        string name = type.BaseName;
        int dot = name.LastIndexOf('.');
        var qualified = dot < 0 ? new QualifiedName(name) : new QualifiedName(new Identifier(name[..dot]), new Identifier(name[(dot + 1)..]));
        f.Uses.Add(TypeKey(catalog.Resolve(qualified)));
    }

    private static string Id(Table t) => t.Id.ToString(CultureInfo.InvariantCulture);

    public static ObjectKey Relation(QualifiedName n) => new(KeyKind.Relation, n.Schema?.Value ?? string.Empty, n.Name.Value, n.Key);

    public static ObjectKey TypeKey(QualifiedName n) => new(KeyKind.Type, n.Schema?.Value ?? string.Empty, n.Name.Value, n.Key);

    private static ObjectKey TableKey(Table t) => new(KeyKind.Table, Id(t), t.Name.Name.Value, t.Name.Key);

    private static ObjectKey Rows(Table t) => new(KeyKind.Rows, Id(t), t.Name.Name.Value, t.Name.Key);

    private static ObjectKey Dependents(Table t) => new(KeyKind.Dependents, Id(t), t.Name.Name.Value, t.Name.Key);

    private static ObjectKey Column(Table t, Identifier c) => new(KeyKind.Column, Id(t), c.Value, t.Name.Name.Value + "." + c.Value);

    private static ObjectKey ConstraintKey(Table t, Identifier c) => new(KeyKind.Constraint, Id(t), c.Value, c.Value);
}
