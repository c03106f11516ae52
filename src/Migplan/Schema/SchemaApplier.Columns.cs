using System.Collections.Immutable;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// The columns a constraint or an index names must exist, as PostgreSQL requires. A missing key column
/// (PRIMARY KEY, UNIQUE, FOREIGN KEY, INCLUDE, a referenced column, an index column) is an error in the schema as
/// well as in the change: the catalog's keys must name real columns. Columns read by an expression (CHECK, an
/// index expression or predicate) are checked in the change only, since they are found by a lighter analysis.
/// </summary>
public sealed partial class SchemaApplier
{
    /// <summary>Reports what is wrong with the columns of <paramref name="constraint"/>; false when it must not be added.</summary>
    private bool CheckConstraintColumns(SourceLocation at, Table table, TableConstraint constraint)
    {
        bool ok = true;
        if (constraint is CheckConstraint check)
        {
            foreach (var column in check.Expression.Columns.Where(c => c.Qualifier is null).Select(c => c.Column))
            {
                RequireColumn(check.Expression.Location, table, column);
            }

            return true;
        }

        if (constraint is PrimaryKeyConstraint && table.PrimaryKey is not null)
        {
            ok &= Report(at, $"multiple primary keys for table {table.Name.Quoted} are not allowed", always: false);
        }

        if (ConstraintUsingIndex(constraint) is { } indexName)
        {
            return ok && CheckUsingIndex(at, table, indexName);
        }

        ok &= RequireKeyColumns(at, table, ConstraintColumns(constraint).ToImmutableArray(), constraint.ColumnLocations);
        ok &= RequireKeyColumns(at, table, constraint.Include, constraint.IncludeLocations);
        if (constraint is ForeignKeyConstraint fk)
        {
            ok &= RequireReferencedColumns(at, fk.Reference, fk.Columns.Length);
        }

        return ok;
    }

    /// <summary>ADD {PRIMARY KEY | UNIQUE} USING INDEX: a unique index on plain columns, without a predicate.</summary>
    private bool CheckUsingIndex(SourceLocation at, Table table, Identifier indexName)
    {
        var index = catalog.FindIndex(new QualifiedName(table.Name.Schema, indexName));
        var where = SchemaApplier.Locate(at, indexName);
        if (index is null)
        {
            _ = Report(where, $"index {indexName.Quoted} does not exist", always: false);
            return false;
        }

        if (index.Table != table)
        {
            return Report(where, $"index {indexName.Quoted} is not an index of table {table.Name.Quoted}", always: true);
        }

        if (index.Columns.Any(c => c is null))
        {
            return Report(where, $"index {indexName.Quoted} contains expressions: a constraint can only use an index of plain columns", always: true);
        }

        if (!index.Unique)
        {
            return Report(where, $"index {indexName.Quoted} is not a unique index", always: true);
        }

        return !index.HasPredicate || Report(where, $"index {indexName.Quoted} is a partial index: a constraint cannot use it", always: true);
    }

    /// <summary>REFERENCES t (cols): the referenced columns exist (t's primary key when none are written).</summary>
    private bool RequireReferencedColumns(SourceLocation at, ForeignKeyReference reference, int referencing)
    {
        var target = RequireTable(at, reference.Table);
        if (target is null)
        {
            return true;
        }

        if (reference.Columns.IsEmpty)
        {
            return target.PrimaryKey is { } pk
                ? pk.Columns.Count == referencing || Report(at, $"number of referencing and referenced columns for foreign key disagree ({referencing} and {pk.Columns.Count}, the primary key of {target.Name.Quoted})", always: false)
                : Report(Locate(at, reference.Table.Name), $"there is no primary key for referenced table {target.Name.Quoted}: name the referenced columns", always: false);
        }

        bool ok = RequireKeyColumns(at, target, reference.Columns, reference.ColumnLocations);
        return ok && (reference.Columns.Length == referencing
            || Report(at, $"number of referencing and referenced columns for foreign key disagree ({referencing} and {reference.Columns.Length})", always: false));
    }

    /// <summary>Each of <paramref name="columns"/> exists in <paramref name="table"/>; a missing one is reported where it is written.</summary>
    private bool RequireKeyColumns(SourceLocation at, Table table, ImmutableArray<Identifier> columns, ImmutableArray<SourceLocation> locations)
    {
        bool ok = true;
        for (int i = 0; i < columns.Length; i++)
        {
            if (table.FindColumn(columns[i]) is null && !table.ColumnsUnknown)
            {
                var where = i < locations.Length ? locations[i] : Locate(at, columns[i]);
                ok &= Report(where, $"column {columns[i].Quoted} of table {table.Name.Quoted} does not exist", always: true);
            }
        }

        return ok;
    }

    /// <summary>The columns of CREATE INDEX: plain and INCLUDE columns always, expression and predicate columns in the change.</summary>
    private bool CheckIndexColumns(CreateIndexStatement s, Table table)
    {
        bool ok = true;
        foreach (var element in s.Elements)
        {
            if (element.Column is { } column)
            {
                ok &= RequireKeyColumns(s.Location, table, [column], element.Location is { } l ? [l] : []);
            }
            else if (element.Expression is { } expression)
            {
                RequireExpressionColumns(expression, table);
            }
        }

        ok &= RequireKeyColumns(s.Location, table, s.Include, s.IncludeLocations);
        if (s.Where is { } predicate)
        {
            RequireExpressionColumns(predicate, table);
        }

        return ok;
    }

    private void RequireExpressionColumns(SqlExpression expression, Table table)
    {
        foreach (var column in expression.Columns.Where(c => c.Qualifier is null).Select(c => c.Column))
        {
            RequireColumn(expression.Location, table, column);
        }
    }

    /// <summary>Adds an error (always, or in the change only); false when it was reported, for <c>ok &amp;= Report(...)</c>.</summary>
    private bool Report(SourceLocation at, string message, bool always)
    {
        if (always || strict)
        {
            diagnostics.Add(new Diagnostic(at, message));
            return false;
        }

        return true;
    }
}
