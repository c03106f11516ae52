using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// Applies one statement to a <see cref="Catalog"/>. In strict mode (the change) a table, column,
/// index or constraint that does not exist is an error naming it; in lenient mode (a schema dump)
/// such statements are skipped, since they often concern objects the front end does not model (views).
/// </summary>
public sealed partial class SchemaApplier(Catalog catalog, bool strict, List<Diagnostic> diagnostics)
{
    public void Apply(Statement statement)
    {
        if (statement.Secret is { } secret && strict)
        {
            diagnostics.Add(new Diagnostic(secret.Location,
                $"{secret.What} is written here: a migration plan is reviewed and committed, so it must never hold a secret (its text is not shown). " +
                (secret.What == "a password"
                    ? "Set it outside the migration (a role's password with psql's \\password, for example), or write PASSWORD NULL."
                    : "Run this statement outside the migration.")));
            return;
        }

        statement = StatementNaming.Name(catalog, statement); // a no-op for a statement the planner named already
        switch (statement)
        {
            case CreateTableStatement s: CreateTable(s); break;
            case AlterTableStatement s: AlterTable(s); break;
            case CreateIndexStatement s: CreateIndex(s); break;
            case DropTableStatement s: DropTables(s); break;
            case DropIndexStatement s: DropIndexes(s); break;
            case UpdateStatement s: Written(CheckDml(s.Location, s.Table, s.Set.SelectMany(c => c.Columns), s.From), s.Set.SelectMany(c => c.Columns)); break;
            case DeleteStatement s: CheckDml(s.Location, s.Table, [], s.Using); break;
            case InsertStatement s: Written(CheckDml(s.Location, s.Table, s.Columns, []), null); break;
            case TruncateStatement s:
                foreach (var t in s.Tables)
                {
                    RequireTable(s.Location, t);
                }

                break;
            case CreateTypeStatement s: catalog.AddType(s.Name); break;
            case CreateSequenceStatement s: catalog.AddSequence(s.Name); break;
            case SetStatement s when s.Name == "search_path": SetSearchPath(s.Value); break;
            case AlterTypeAddValueStatement or TransactionStatement or SetStatement or OpaqueStatement or PsqlMetaCommand:
                break;
            default:
                throw new System.Diagnostics.UnreachableException(statement.GetType().Name);
        }
    }

    /// <summary>Looks a table up; reports it when missing (in strict mode).</summary>
    public Table? RequireTable(SourceLocation at, QualifiedName name)
    {
        var table = catalog.FindTable(name);
        if (table is null && strict)
        {
            diagnostics.Add(new Diagnostic(Locate(at, name.Name), $"table {catalog.Resolve(name).Quoted} does not exist (neither in the schema nor created earlier in the change)"));
        }

        return table;
    }

    public Column? RequireColumn(SourceLocation at, Table table, Identifier column)
    {
        var c = table.FindColumn(column);
        if (c is null && strict)
        {
            diagnostics.Add(new Diagnostic(Locate(at, column), $"column {column.Quoted} of table {table.Name.Quoted} does not exist"));
        }

        return c;
    }

    /// <summary>
    /// The first place in <paramref name="at"/> where <paramref name="name"/> is written (as a whole word, in
    /// any letter case, or quoted), so a diagnostic points at the name rather than at the statement.
    /// </summary>
    internal static SourceLocation Locate(SourceLocation at, Identifier name)
    {
        string text = at.Text;
        string quoted = "\"" + name.Value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        int i = text.IndexOf(quoted, StringComparison.Ordinal);
        if (i < 0)
        {
            for (i = text.IndexOf(name.Value, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(name.Value, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                bool startOk = i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '$' or '"');
                int end = i + name.Value.Length;
                bool endOk = end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$' or '"');
                if (startOk && endOk)
                {
                    break;
                }
            }
        }

        return i < 0 ? at : new SourceLocation(at.Source, new SourceSpan(at.Span.Start + i, name.Value.Length));
    }

    private void SetSearchPath(string value)
    {
        string first = value.Split(',')[0].Trim().Trim('\'').Trim();
        if (first.Length > 0 && first != "\"$user\"" && first != "$user")
        {
            catalog.DefaultSchema = first.StartsWith('"') ? first.Trim('"') : Identifier.Fold(first);
        }
    }

    private void CreateTable(CreateTableStatement s)
    {
        if (catalog.FindTable(s.Name) is not null)
        {
            if (!s.IfNotExists && strict)
            {
                diagnostics.Add(new Diagnostic(s.Location, $"table {catalog.Resolve(s.Name).Quoted} already exists"));
            }

            return;
        }

        var table = catalog.AddTable(s.Name, strict);
        table.IsPartitioned = s.PartitionBy is not null;
        // A partition has its parent's columns; INHERITS puts the parents' columns first (pg_dump writes only the
        // table's own columns), merged by name with the columns written here.
        foreach (var parentName in s.PartitionOf is null ? s.Inherits : [s.PartitionOf])
        {
            var parent = RequireTable(s.Location, parentName);
            foreach (var c in parent?.Columns ?? [])
            {
                if (table.FindColumn(c.Name) is null && !s.Columns.Any(d => d.Name.Value == c.Name.Value))
                {
                    table.AddColumn(new Column(c.Name, c.Type) { NotNull = c.NotNull, Default = c.Default });
                }
            }
        }

        foreach (var def in s.Columns)
        {
            AddColumn(s.Location, table, def, addedInChange: false);
        }

        // Foreign keys last, as PostgreSQL adds them: one may reference this table's own key, written after it.
        foreach (var constraint in s.Constraints.Where(c => c is not ForeignKeyConstraint).Concat(s.Constraints.Where(c => c is ForeignKeyConstraint)))
        {
            AddConstraint(s.Location, table, constraint);
        }

        foreach (var def in s.Columns)
        {
            CheckColumnReferences(s.Location, def);
        }
    }

    /// <summary>The REFERENCES of a column definition, checked once the table has all its columns and keys.</summary>
    private void CheckColumnReferences(SourceLocation at, ColumnDefinition def)
    {
        foreach (var reference in def.Constraints.OfType<ReferencesColumnConstraint>())
        {
            RequireReferencedColumns(at, reference.Reference, 1);
        }
    }

    private void AddColumn(SourceLocation at, Table table, ColumnDefinition def, bool addedInChange)
    {
        var column = new Column(def.Name, def.Type)
        {
            NotNull = def.IsNotNull,
            Default = def.Default,
            Identity = def.Constraints.Any(c => c is IdentityColumnConstraint) || def.Type.BaseName is "serial" or "bigserial" or "smallserial" or "serial4" or "serial8" or "serial2",
            Generated = def.Constraints.Any(c => c is GeneratedColumnConstraint),
            AddedInChange = addedInChange,
        };
        column.NullInEveryRow = addedInChange && !column.Identity && !column.Generated && IsNullDefault(def.Default);
        column.AddedWithDefault = addedInChange && !IsNullDefault(def.Default);
        if (column.Identity)
        {
            column.NotNull = true;
        }

        if (table.Columns.Count + table.DroppedColumns >= Table.MaxColumns)
        {
            if (!table.ColumnLimitReported)
            {
                table.ColumnLimitReported = true;
                diagnostics.Add(new Diagnostic(def.Location ?? at, $"tables can have at most {Table.MaxColumns} columns: column {def.Name.Quoted} would be number {table.Columns.Count + table.DroppedColumns + 1} of table {table.Name.Quoted}"));
            }

            return;
        }

        table.AddColumn(column);
        foreach (var c in def.Constraints)
        {
            switch (c)
            {
                case PrimaryKeyColumnConstraint when table.PrimaryKey is not null:
                    _ = Report(at, $"multiple primary keys for table {table.Name.Quoted} are not allowed", always: false);
                    break;
                case PrimaryKeyColumnConstraint:
                    catalog.AddConstraint(table, new Constraint(c.Name, ConstraintKind.PrimaryKey) { Columns = [def.Name] });
                    break;
                case UniqueColumnConstraint:
                    catalog.AddConstraint(table, new Constraint(c.Name, ConstraintKind.Unique) { Columns = [def.Name] });
                    break;
                case CheckColumnConstraint check:
                    catalog.AddConstraint(table, new Constraint(c.Name, ConstraintKind.Check) { Columns = [def.Name], Check = check.Expression });
                    break;
                case ReferencesColumnConstraint fk:
                    catalog.AddConstraint(table, new Constraint(c.Name, ConstraintKind.ForeignKey)
                    {
                        Columns = [def.Name],
                        ReferencedTable = catalog.Resolve(fk.Reference.Table),
                        Definition = $"FOREIGN KEY ({def.Name.Quoted}) {fk.Reference.Text}",
                    });
                    break;
            }
        }
    }

    private void AddConstraint(SourceLocation at, Table table, TableConstraint constraint)
    {
        if (!CheckConstraintColumns(at, table, constraint))
        {
            return; // a key column is missing: reported, and not added (the catalog's keys name existing columns only)
        }

        var columns = ConstraintColumns(constraint).ToList();
        var name = constraint.Name ?? throw new System.Diagnostics.UnreachableException("constraints are named by StatementNaming before they are applied");
        var kind = constraint switch
        {
            PrimaryKeyConstraint => ConstraintKind.PrimaryKey,
            UniqueConstraint => ConstraintKind.Unique,
            CheckConstraint => ConstraintKind.Check,
            ForeignKeyConstraint => ConstraintKind.ForeignKey,
            _ => ConstraintKind.Exclude,
        };
        if (ConstraintUsingIndex(constraint) is { } indexName && catalog.FindIndex(new QualifiedName(table.Name.Schema, indexName)) is { } index)
        {
            columns = index.Columns.Select(c => c!).ToList();
            catalog.RemoveIndex(index); // the index becomes the constraint's and takes its name
            catalog.AddIndex(new Index(new QualifiedName(table.Name.Schema, name), table) { Unique = true, Columns = [.. columns] });
        }

        if (kind == ConstraintKind.PrimaryKey)
        {
            foreach (var col in columns)
            {
                if (table.FindColumn(col) is { } c)
                {
                    c.NotNull = true;
                }
            }
        }

        catalog.AddConstraint(table, new Constraint(name, kind)
        {
            Columns = columns,
            Validated = !constraint.NotValid,
            ReferencedTable = constraint is ForeignKeyConstraint f ? catalog.Resolve(f.Reference.Table) : null,
            Check = (constraint as CheckConstraint)?.Expression,
            Definition = constraint is ForeignKeyConstraint fkc ? $"FOREIGN KEY ({string.Join(", ", fkc.Columns.Select(c => c.Quoted))}) {fkc.Reference.Text}" : null,
        });
    }

    internal static IEnumerable<Identifier> ConstraintColumns(TableConstraint constraint) => constraint switch
    {
        PrimaryKeyConstraint pk => pk.Columns,
        UniqueConstraint u => u.Columns,
        ForeignKeyConstraint fk => fk.Columns,
        CheckConstraint ck => ck.Expression.Columns.Where(c => c.Qualifier is null).Select(c => c.Column),
        _ => [],
    };

    internal static Identifier? ConstraintUsingIndex(TableConstraint constraint) => constraint switch
    {
        PrimaryKeyConstraint pk => pk.UsingIndex,
        UniqueConstraint u => u.UsingIndex,
        _ => null,
    };

    private void CreateIndex(CreateIndexStatement s)
    {
        var table = RequireTable(s.Location, s.Table);
        if (table is null)
        {
            return;
        }

        if (!CheckIndexColumns(s, table))
        {
            return; // an index column is missing: reported, and not added
        }

        var name = new QualifiedName(table.Name.Schema, s.Name ?? throw new System.Diagnostics.UnreachableException("indexes are named by StatementNaming before they are applied"));
        if (catalog.FindIndex(name) is not null)
        {
            if (!s.IfNotExists && strict)
            {
                diagnostics.Add(new Diagnostic(s.Location, $"index {name.Quoted} already exists"));
            }

            return;
        }

        catalog.AddIndex(new Index(name, table) { Unique = s.Unique, HasPredicate = s.Where is not null, Columns = s.Elements.Select(e => e.Column).ToList(), Definition = s });
    }

    private void DropTables(DropTableStatement s)
    {
        foreach (var name in s.Names)
        {
            var table = s.IfExists ? catalog.FindTable(name) : RequireTable(s.Location, name);
            if (table is not null)
            {
                catalog.RemoveTable(table);
            }
        }
    }

    private void DropIndexes(DropIndexStatement s)
    {
        foreach (var name in s.Names)
        {
            var index = catalog.FindIndex(name);
            if (index is null)
            {
                if (!s.IfExists && strict)
                {
                    diagnostics.Add(new Diagnostic(s.Location, $"index {catalog.Resolve(name).Quoted} does not exist"));
                }

                continue;
            }

            catalog.RemoveIndex(index);
        }
    }

    /// <summary>True for no default, or a default that is the NULL literal (<c>DEFAULT NULL</c>, <c>DEFAULT NULL::text</c>).</summary>
    internal static bool IsNullDefault(SqlExpression? value)
    {
        if (value is null)
        {
            return true;
        }

        string text = value.Text.Trim();
        while (text.Length > 1 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1].Trim();
        }

        int cast = text.IndexOf("::", StringComparison.Ordinal);
        return (cast < 0 ? text : text[..cast]).Trim().Equals("null", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The change writes <paramref name="columns"/> of <paramref name="table"/> (every column when null: an INSERT's
    /// new rows may hold anything, defaults included): they no longer hold NULL in every row.
    /// </summary>
    private static void Written(Table? table, IEnumerable<Identifier>? columns)
    {
        if (table is null)
        {
            return;
        }

        foreach (var c in columns?.Select(table.FindColumn).OfType<Column>() ?? table.Columns)
        {
            c.NullInEveryRow = false;
        }
    }

    private Table? CheckDml(SourceLocation at, QualifiedName target, IEnumerable<Identifier> columns, IEnumerable<FromItem> from)
    {
        var table = RequireTable(at, target);
        foreach (var item in from)
        {
            if (item.Table is not null)
            {
                RequireTable(at, item.Table);
            }
        }

        if (table is null)
        {
            return null;
        }

        foreach (var column in columns)
        {
            RequireColumn(at, table, column);
        }

        return table;
    }

    private void AlterTable(AlterTableStatement s)
    {
        var table = s.IfExists ? catalog.FindTable(s.Table) : RequireTable(s.Location, s.Table);
        if (table is null)
        {
            return;
        }

        foreach (var action in s.Actions)
        {
            new AlterTableApplier(catalog, this, table, strict, diagnostics).Apply(action);
        }
    }

    internal void AddColumnFromAlter(SourceLocation at, Table table, AddColumnAction add)
    {
        if (table.FindColumn(add.Column.Name) is not null)
        {
            if (!add.IfNotExists && strict)
            {
                diagnostics.Add(new Diagnostic(at, $"column {add.Column.Name.Quoted} of table {table.Name.Quoted} already exists"));
            }

            return;
        }

        AddColumn(at, table, add.Column, addedInChange: strict && !table.CreatedInChange);
        CheckColumnReferences(at, add.Column);
    }

    internal void AddConstraintFromAlter(SourceLocation at, Table table, TableConstraint constraint) => AddConstraint(at, table, constraint);
}
