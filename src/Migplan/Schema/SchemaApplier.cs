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
            case AlterIndexRenameStatement s: RenameIndex(s); break;
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
            case CreateSequenceStatement s: catalog.AddSequence(s.Name, s.Parsed); break;
            case CommentStatement s: Comment(s); break;
            case PrivilegeStatement s: Privileges(s); break;
            case AlterSequenceStatement s: AlterSequence(s); break;
            case SetStatement { Name: "search_path", ToDefault: true }: catalog.DefaultSchema = catalog.InitialSchema; break;
            case SetStatement s when s.Name == "search_path": SetSearchPath(s.Value); break;
            case OpaqueStatement s:
                CarriedRelations(s);
                catalog.Objects.Record(s, catalog.DefaultSchema);
                if (!strict && GuardedStatements.Inside(s) is { } guarded)
                {
                    Apply(guarded); // a schema made of migrations: what a run-once DO block creates is there
                }

                break;
            case LockTableStatement s:
                foreach (var t in s.Tables)
                {
                    RequireTable(s.Location, t);
                }

                break;
            case AlterTypeAddValueStatement or AlterTypeRenameValueStatement or TransactionStatement or SetStatement or PsqlMetaCommand:
                break;
            default:
                throw new System.Diagnostics.UnreachableException(statement.GetType().Name);
        }
    }

    /// <summary>Looks a table up; reports it when missing (in strict mode).</summary>
    public Table? RequireTable(SourceLocation at, QualifiedName name)
    {
        var table = NotTemporary(at, catalog.FindTable(name), name);
        if (table is null && strict)
        {
            diagnostics.Add(new Diagnostic(Locate(at, name.Name), $"table {catalog.Resolve(name).Quoted} does not exist (neither in the schema nor created earlier in the change){HiddenCreator()}"));
        }

        return table;
    }

    /// <summary>Reports a later use of a TEMP table the change created (strict mode); returns the table.</summary>
    private Table? NotTemporary(SourceLocation at, Table? table, QualifiedName written)
    {
        if (table is { Temporary: true } && strict)
        {
            diagnostics.Add(new Diagnostic(Locate(at, written.Name), $"table {written.Quoted} is TEMPORARY: it lives only in the session that creates it, and each step of the plan runs in a session of its own, so this statement would not find it; create a regular (or UNLOGGED) table instead and drop it at the end of the change"));
        }

        return table;
    }

    public Column? RequireColumn(SourceLocation at, Table table, Identifier column)
    {
        var c = table.FindColumn(column);
        if (c is null && strict && !table.ColumnsUnknown)
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
        table.Temporary = s.Temporary && strict;
        table.PartitionBy = s.PartitionBy;
        if (s.PartitionOf is not null && catalog.FindTable(s.PartitionOf) is { } partitioned)
        {
            catalog.AttachPartition(partitioned, table);
        }

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

        if (table.PartitionParent is { } partitionedTable)
        {
            InheritKeysAndIndexes(partitionedTable, table);
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

    /// <summary>Adds a constraint; a primary key or unique constraint on a partitioned table also on its partitions unless <paramref name="only"/>.</summary>
    private void AddConstraint(SourceLocation at, Table table, TableConstraint constraint, bool only = false)
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

        bool recurse = !only && table.IsPartitioned && kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique;
        if (recurse && !ReportMissingKeyColumn(at, table, columns, $"{(kind == ConstraintKind.PrimaryKey ? "primary key" : "unique constraint")} {name.Quoted}"))
        {
            return;
        }

        SetPrimaryKeyNotNull(table, kind, columns);
        var added = new Constraint(name, kind)
        {
            Columns = columns,
            Validated = !constraint.NotValid,
            ReferencedTable = constraint is ForeignKeyConstraint f ? catalog.Resolve(f.Reference.Table) : null,
            Check = (constraint as CheckConstraint)?.Expression,
            Definition = constraint is ForeignKeyConstraint fkc ? $"FOREIGN KEY ({string.Join(", ", fkc.Columns.Select(c => c.Quoted))}) {fkc.Reference.Text}" : null,
        };
        catalog.AddConstraint(table, added);
        if (recurse)
        {
            // Each partition gets its own key, named for the partition, dropped with the parent's.
            var made = new Dictionary<string, Constraint>(StringComparer.Ordinal) { [new QualifiedName(table.Name.Schema, name).Key] = added };
            var partitionKind = kind == ConstraintKind.PrimaryKey ? PartitionIndexes.Kind.PrimaryKey : PartitionIndexes.Kind.Unique;
            foreach (var m in PartitionIndexes.Names(catalog, table, new QualifiedName(table.Name.Schema, name), [.. columns.Select(c => c.Value)], partitionKind))
            {
                SetPrimaryKeyNotNull(m.Partition, kind, columns);
                var child = new Constraint(m.Index.Name, kind) { Columns = columns, InheritedFrom = made[m.ParentIndex.Key] };
                catalog.AddConstraint(m.Partition, child);
                made[m.Index.Key] = child;
            }
        }
    }

    private static void SetPrimaryKeyNotNull(Table table, ConstraintKind kind, IEnumerable<Identifier> columns)
    {
        if (kind != ConstraintKind.PrimaryKey)
        {
            return;
        }

        foreach (var col in columns)
        {
            if (table.FindColumn(col) is { } c)
            {
                c.NotNull = true;
            }
        }
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

        var columns = s.Elements.Select(e => e.Column).ToList();
        if (s.Unique && table.IsPartitioned && !s.Only && !ReportMissingKeyColumn(s.Location, table, columns, $"unique index {name.Quoted}"))
        {
            return;
        }

        var index = new Index(name, table) { Unique = s.Unique, HasPredicate = s.Where is not null, Columns = columns, Definition = s };
        catalog.AddIndex(index);
        if (table.IsPartitioned && !s.Only)
        {
            var made = new Dictionary<string, Index>(StringComparer.Ordinal) { [name.Key] = index };
            var elementNames = s.Elements.Select(e => e.ColumnName).Concat(s.Include.Select(i => i.Value)).ToList();
            foreach (var m in PartitionIndexes.Names(catalog, table, name, elementNames, PartitionIndexes.Kind.Index))
            {
                var child = new Index(m.Index, m.Partition)
                {
                    Unique = s.Unique, HasPredicate = s.Where is not null, Columns = columns, ParentIndex = made[m.ParentIndex.Key],
                    Definition = s with { Name = m.Index.Name, Table = m.Partition.Name, Only = false, IfNotExists = false },
                };
                catalog.AddIndex(child);
                made[m.Index.Key] = child;
            }
        }
    }

    /// <summary>
    /// False (and reported, in strict mode) when a unique index or key on partitioned <paramref name="table"/> lacks a
    /// column of its partition key or of a partitioned partition's key: PostgreSQL refuses it.
    /// </summary>
    private bool ReportMissingKeyColumn(SourceLocation at, Table table, IReadOnlyList<Identifier?> columns, string what)
    {
        if (PartitionIndexes.MissingKeyColumn(table, columns) is not { } missing)
        {
            return true;
        }

        if (strict)
        {
            diagnostics.Add(new Diagnostic(at,
                $"unique constraint on partitioned table must include all partitioning columns: {what} on {table.Name.Quoted} lacks column {missing.Column.Quoted}, " +
                $"part of the partition key of {missing.Table.Name.Quoted} (PARTITION BY {missing.Table.PartitionBy}); PostgreSQL refuses it"));
        }

        return !strict;
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

    /// <summary>The last statement of the change that may create objects migplan cannot see (a DO block, a function call).</summary>
    private SourceLocation? _hiddenCreator;

    private string HiddenCreator() => _hiddenCreator is { } at
        ? $"; the statement at {at} may create it, but migplan cannot see inside a DO block or a function: plan from a schema dump taken after it runs (pg_dump --schema-only), or with --conn against a database where it exists"
        : string.Empty;

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]) && text[word.Length] != '_');

    /// <summary>
    /// Relations a carried statement creates from a query (their columns unknown) or drops, so later statements
    /// may refer to them; a TEMP table created so lives in one session only (see the planner's note).
    /// </summary>
    private void CarriedRelations(OpaqueStatement s)
    {
        if (s.Text.AsSpan().TrimStart() is var text && (StartsWithWord(text, "do") || StartsWithWord(text, "call") || StartsWithWord(text, "select") || StartsWithWord(text, "execute")))
        {
            _hiddenCreator = s.Location;
        }

        if (s.Creates is { } created)
        {
            if (catalog.FindTable(created.Name) is not null)
            {
                if (!created.IfNotExists && strict)
                {
                    diagnostics.Add(new Diagnostic(Locate(s.Location, created.Name.Name), $"relation {catalog.Resolve(created.Name).Quoted} already exists"));
                }

                return;
            }

            catalog.AddTable(created.Name, strict, columnsUnknown: true, materializedView: created.MaterializedView).Temporary = created.Temporary && strict;
        }

        foreach (var name in s.DropsMaterializedViews)
        {
            if (catalog.FindTable(name) is { IsMaterializedView: true } view)
            {
                catalog.RemoveTable(view);
            }
        }
    }

    /// <summary>Renames an index, and the constraint it backs (PostgreSQL renames both: IndexRenameFacts).</summary>
    private void RenameIndex(AlterIndexRenameStatement s)
    {
        var (index, owner, constraint) = catalog.FindIndexOrKey(s.Index);
        if (index is null && constraint is null)
        {
            if (!s.IfExists && strict)
            {
                diagnostics.Add(new Diagnostic(s.Location, $"index {catalog.Resolve(s.Index).Quoted} does not exist"));
            }

            return;
        }

        if (index is not null)
        {
            catalog.RenameIndex(index, s.NewName);
        }

        if (constraint is not null)
        {
            catalog.RenameConstraint(owner!, constraint, s.NewName);
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
        var table = s.IfExists ? NotTemporary(s.Location, catalog.FindTable(s.Table), s.Table) : RequireTable(s.Location, s.Table);
        if (table is null)
        {
            return;
        }

        foreach (var action in s.Actions)
        {
            new AlterTableApplier(catalog, this, table, strict, diagnostics) { Only = s.Only }.Apply(action);
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

    internal void AddConstraintFromAlter(SourceLocation at, Table table, TableConstraint constraint, bool only) => AddConstraint(at, table, constraint, only);
}
