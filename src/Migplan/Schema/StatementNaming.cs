using System.Collections.Immutable;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// Gives every constraint and index a statement creates without a name the name PostgreSQL will give it, against
/// the catalog as it is just before the statement, so the planner and the schema applier use one name and it is
/// the server's. Within a statement PostgreSQL names CHECK constraints first, then the primary key, then unique
/// constraints, then foreign keys, each in the order written; every name chosen is taken for the ones after it.
/// </summary>
public static class StatementNaming
{
    public static Statement Name(Catalog catalog, Statement statement)
    {
        switch (statement)
        {
            case CreateTableStatement s when !HasUnnamed(s.Columns, s.Constraints):
                return s;
            case AlterTableStatement s when !HasUnnamed(s.Actions.OfType<AddColumnAction>().Select(a => a.Column), s.Actions.OfType<AddConstraintAction>().Select(a => a.Constraint)):
                return s;
            case CreateTableStatement or AlterTableStatement or CreateIndexStatement { Name: null }:
                return Named(catalog, statement, new ObjectNames(catalog));
            default:
                return statement;
        }
    }

    private static Statement Named(Catalog catalog, Statement statement, ObjectNames names)
    {
        switch (statement)
        {
            case CreateTableStatement s when catalog.FindTable(s.Name) is null:
                var table = catalog.Resolve(s.Name);
                var columns = s.Columns.Select(c => (c, c.Constraints)).ToList();
                Reserve(names, table, s.Columns, s.Constraints);
                names.ReserveRelation(table.Schema!, table.Name); // the table exists before its indexes are named
                var named = new Namer(names, table).Run(columns, [.. s.Constraints]);
                return s with { Columns = [.. named.Columns], Constraints = [.. named.Constraints] };
            case AlterTableStatement s when catalog.FindTable(s.Table) is { } existing:
                var adds = s.Actions.OfType<AddColumnAction>().Select(a => a.Column).ToList();
                var added = s.Actions.OfType<AddConstraintAction>().Select(a => a.Constraint).ToList();
                Reserve(names, existing.Name, adds, added);
                var result = new Namer(names, existing.Name).Run(adds.Select(c => (c, c.Constraints)).ToList(), added);
                int column = 0, constraint = 0;
                var actions = s.Actions.Select(a => a switch
                {
                    AddColumnAction c => c with { Column = result.Columns[column++] },
                    AddConstraintAction c => c with { Constraint = result.Constraints[constraint++] },
                    _ => a,
                }).ToImmutableArray();
                return s with { Actions = actions };
            case CreateIndexStatement s when s.Name is null && catalog.FindTable(s.Table) is { } indexed:
                var elementNames = s.Elements.Select(e => e.ColumnName).Concat(s.Include.Select(i => i.Value));
                return s with
                {
                    Name = names.ChooseRelationName(indexed.Name.Schema!, indexed.Name.Name.Value, ObjectNames.NameAddition(ObjectNames.IndexColumnNames(elementNames)), "idx", isConstraint: false),
                };
            default:
                return statement;
        }
    }

    private static bool HasUnnamed(IEnumerable<ColumnDefinition> columns, IEnumerable<TableConstraint> constraints) =>
        constraints.Any(c => c.Name is null)
        || columns.Any(c => c.Constraints.Any(k => k.Name is null && k is CheckColumnConstraint or PrimaryKeyColumnConstraint or UniqueColumnConstraint or ReferencesColumnConstraint));

    private static void Reserve(ObjectNames names, QualifiedName table, IEnumerable<ColumnDefinition> columns, IEnumerable<TableConstraint> constraints)
    {
        var schema = table.Schema!;
        foreach (var name in columns.SelectMany(c => c.Constraints).Select(c => c.Name).Concat(constraints.Select(c => c.Name)).OfType<Identifier>())
        {
            names.ReserveConstraint(schema, name);
        }

        foreach (var c in constraints.Where(c => c.Name is not null && c is PrimaryKeyConstraint or UniqueConstraint or ExcludeConstraint))
        {
            names.ReserveRelation(schema, c.Name!);
        }
    }

    /// <summary>Names the unnamed constraints of column definitions and table constraints, in PostgreSQL's order.</summary>
    private sealed class Namer(ObjectNames names, QualifiedName table)
    {
        private readonly Identifier _schema = table.Schema!;
        private readonly string _table = table.Name.Value;

        public (List<ColumnDefinition> Columns, List<TableConstraint> Constraints) Run(List<(ColumnDefinition Column, ImmutableArray<ColumnConstraint> Constraints)> columns, List<TableConstraint> constraints)
        {
            var columnConstraints = columns.Select(c => c.Constraints.ToArray()).ToList();
            var tableConstraints = constraints.ToArray();

            // CHECK constraints, in the order written (column and table ones interleave).
            var checks = new List<(int Position, Action<Identifier> Set, SqlExpression Expression)>();
            for (int i = 0; i < columnConstraints.Count; i++)
            {
                for (int j = 0; j < columnConstraints[i].Length; j++)
                {
                    if (columnConstraints[i][j] is CheckColumnConstraint { Name: null } cc)
                    {
                        (int ci, int cj) = (i, j);
                        checks.Add((cc.Expression.Location.Span.Start, n => columnConstraints[ci][cj] = columnConstraints[ci][cj] with { Name = n }, cc.Expression));
                    }
                }
            }

            for (int i = 0; i < tableConstraints.Length; i++)
            {
                if (tableConstraints[i] is CheckConstraint { Name: null } tc)
                {
                    int ti = i;
                    checks.Add((tc.Expression.Location.Span.Start, n => tableConstraints[ti] = tableConstraints[ti] with { Name = n }, tc.Expression));
                }
            }

            foreach (var check in checks.OrderBy(c => c.Position))
            {
                // heap.c: "tab_col_check" when the expression references exactly one column, else "tab_check".
                var referenced = check.Expression.Columns.Where(c => c.Qualifier is null).Select(c => c.Column.Value).Distinct(StringComparer.Ordinal).ToList();
                check.Set(names.ChooseConstraintName(_schema, _table, referenced.Count == 1 ? referenced[0] : null, "check"));
            }

            // Index-backed constraints: the primary key first, then UNIQUE and EXCLUDE in order.
            var keys = new List<(bool Primary, Action<Identifier> Set, string? Addition, string Label)>();
            for (int i = 0; i < columnConstraints.Count; i++)
            {
                string column = columns[i].Column.Name.Value;
                for (int j = 0; j < columnConstraints[i].Length; j++)
                {
                    (int ci, int cj) = (i, j);
                    void Set(Identifier n) => columnConstraints[ci][cj] = columnConstraints[ci][cj] with { Name = n };
                    switch (columnConstraints[i][j])
                    {
                        case PrimaryKeyColumnConstraint { Name: null }:
                            keys.Add((true, Set, null, "pkey"));
                            break;
                        case UniqueColumnConstraint { Name: null }:
                            keys.Add((false, Set, column, "key"));
                            break;
                    }
                }
            }

            for (int i = 0; i < tableConstraints.Length; i++)
            {
                int ti = i;
                void Set(Identifier n) => tableConstraints[ti] = tableConstraints[ti] with { Name = n };
                switch (tableConstraints[i])
                {
                    case PrimaryKeyConstraint { Name: null, UsingIndex: { } index }:
                        Set(index); // ADD PRIMARY KEY USING INDEX: the constraint takes the index's name
                        break;
                    case UniqueConstraint { Name: null, UsingIndex: { } index }:
                        Set(index);
                        break;
                    case PrimaryKeyConstraint { Name: null }:
                        keys.Add((true, Set, null, "pkey"));
                        break;
                    case UniqueConstraint { Name: null } u:
                        keys.Add((false, Set, ObjectNames.NameAddition(ObjectNames.IndexColumnNames(u.Columns.Concat(u.Include).Select(c => c.Value))), "key"));
                        break;
                    case ExcludeConstraint { Name: null } x:
                        keys.Add((false, Set, ObjectNames.NameAddition(ObjectNames.IndexColumnNames(x.ElementNames.Concat(x.Include.Select(c => c.Value)))), "excl"));
                        break;
                }
            }

            foreach (bool primary in (ReadOnlySpan<bool>)[true, false])
            {
                foreach (var key in keys)
                {
                    if (key.Primary == primary)
                    {
                        key.Set(names.ChooseRelationName(_schema, _table, key.Addition, key.Label, isConstraint: true));
                    }
                }
            }

            // Foreign keys last.
            for (int i = 0; i < columnConstraints.Count; i++)
            {
                for (int j = 0; j < columnConstraints[i].Length; j++)
                {
                    if (columnConstraints[i][j] is ReferencesColumnConstraint { Name: null } r)
                    {
                        columnConstraints[i][j] = r with { Name = names.ChooseConstraintName(_schema, _table, columns[i].Column.Name.Value, "fkey") };
                    }
                }
            }

            for (int i = 0; i < tableConstraints.Length; i++)
            {
                if (tableConstraints[i] is ForeignKeyConstraint { Name: null } fk)
                {
                    tableConstraints[i] = fk with { Name = names.ChooseConstraintName(_schema, _table, ObjectNames.NameAddition(fk.Columns.Select(c => c.Value)), "fkey") };
                }
            }

            // A column none of whose constraints was named stays as written.
            var namedColumns = new List<ColumnDefinition>(columns.Count);
            for (int i = 0; i < columns.Count; i++)
            {
                var written = columns[i].Constraints;
                bool renamed = false;
                for (int j = 0; j < written.Length && !renamed; j++)
                {
                    renamed = !ReferenceEquals(written[j], columnConstraints[i][j]);
                }

                namedColumns.Add(renamed ? columns[i].Column with { Constraints = [.. columnConstraints[i]] } : columns[i].Column);
            }

            return (namedColumns, [.. tableConstraints]);
        }
    }
}
