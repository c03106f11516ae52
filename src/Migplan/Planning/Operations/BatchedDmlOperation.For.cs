using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>What a batched UPDATE/DELETE learns of the catalog and the change when it is planned.</summary>
public sealed partial class BatchedDmlOperation
{
    internal static BatchedDmlOperation? For(PlanningScope scope, UpdateStatement s) => For(scope, s.Location, false, s.Table, s.Alias, s.Set, s.From, s.Where);

    internal static BatchedDmlOperation? For(PlanningScope scope, DeleteStatement s) => For(scope, s.Location, true, s.Table, s.Alias, [], s.Using, s.Where);

    /// <summary>Null when the target is missing (the schema applier reports it).</summary>
    private static BatchedDmlOperation? For(PlanningScope scope, SourceLocation at, bool isDelete, QualifiedName targetName, Identifier? alias, ImmutableArray<SetClause> set, ImmutableArray<FromItem> from, SqlExpression? where)
    {
        var catalog = scope.Catalog;
        var facts = scope.Change;
        var table = catalog.FindTable(targetName);
        if (table is null)
        {
            return null;
        }

        var joined = from.Select(f => new JoinedTable(f, f.Table is null ? null : catalog.FindTable(f.Table) is { } jt ? scope.Facts(jt) : null)).ToImmutableArray();
        bool onlyNew = !isDelete && set.SelectMany(c => c.Columns).All(c => table.FindColumn(c) is { AddedInChange: true });
        int ordinal = facts.NextDml(table.Id);
        var op = new BatchedDmlOperation(at, isDelete, scope.Facts(table), alias, set, joined, where, onlyNew, at.Text)
        {
            Position = new DmlPosition(table.Id, ordinal),
            // The coverage check runs in step 1, before the change: only when it reads nothing the change creates.
            SetTypes = [.. set.Select(c => c.Columns.Length == 1 ? table.FindColumn(c.Columns[0])?.Type : null)],
            FillsNullColumn = !isDelete && set.Length == 1 && set[0].Columns.Length == 1 && table.FindColumn(set[0].Columns[0]) is { NullInEveryRow: true },
            CoverageCheckable = !table.CreatedInChange && (where is null || where.Columns.All(c => !UsesNew(catalog, table, joined, c.Column))) && joined.All(j => j.Facts is { CreatedInChange: false }),
        };
        foreach (var c in op.SetColumns)
        {
            facts.Backfills(table.Name, c, at);
        }

        return op;
    }

    /// <summary>True when a column of that name in the target or a joined table was added by the change (it does not exist yet in step 1).</summary>
    private static bool UsesNew(Catalog catalog, Table target, ImmutableArray<JoinedTable> joined, Identifier column)
    {
        if (target.FindColumn(column) is { AddedInChange: true })
        {
            return true;
        }

        foreach (var j in joined)
        {
            if (j.Item.Table is { } name && catalog.FindTable(name)?.FindColumn(column) is { AddedInChange: true })
            {
                return true;
            }
        }

        return false;
    }
}
