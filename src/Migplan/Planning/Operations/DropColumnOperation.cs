using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>DROP COLUMN in Cleanup: brief ACCESS EXCLUSIVE, destructive; indexes and constraints on it go too.</summary>
public sealed class DropColumnOperation(SourceLocation origin, TableFacts table, Identifier column, string? type, bool cascade, ImmutableArray<Message> dependents) : Operation(origin)
{
    /// <summary>
    /// The tables the column's foreign keys reference: dropping the column drops those keys, which takes ACCESS EXCLUSIVE
    /// on the referenced tables too (measured on PostgreSQL 15).
    /// </summary>
    public ImmutableArray<QualifiedName> Referenced { get; init; } = [];

    /// <summary>The drop of a column of an existing table, with the indexes and constraints that go with it; on a new table, as written.</summary>
    internal static Operation For(PlanningScope scope, Table table, DropColumnAction a)
    {
        if (table.CreatedInChange)
        {
            return new DropColumnOfNewTableOperation(table.Name, a);
        }

        var dependents = table.Indexes.Where(i => i.Columns.Any(c => c?.Value == a.Column.Value)).Select(i => Message.Of("dependent.index", Name(i.Name.Name.Value)))
            .Concat(table.Constraints.Where(c => c.Columns.Any(col => col.Value == a.Column.Value)).Select(c => Message.Of("dependent.constraint", Name(c.Name?.Value ?? string.Empty))))
            .ToList();
        var referenced = table.Constraints
            .Where(c => c.Kind == ConstraintKind.ForeignKey && c.ReferencedTable is not null && c.Columns.Any(col => col.Value == a.Column.Value))
            .Select(c => scope.Catalog.Resolve(c.ReferencedTable!))
            .Where(r => !r.Equals(table.Name))
            .Distinct()
            .ToImmutableArray();
        return new DropColumnOperation(a.Location, scope.Facts(table), a.Column, table.FindColumn(a.Column)?.Type.Text, a.Cascade, [.. dependents]) { Referenced = referenced };
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        var copy = PlanSql.MakeName(t.Name.Value, column.Value, "migplan_copy");
        var key = table.Key.Length > 0 ? string.Join(", ", table.Key.Select(k => k.Name.Quoted)) : "ctid AS old_ctid";
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(Message.Of("action.confirm-column-unused", Name($"{t.Name.Value}.{column.Value}")));
        actions.Add(Message.Of("action.keep-column-copy", Code($"CREATE TABLE {new QualifiedName(t.Schema, copy).Quoted} AS SELECT {key}, {column.Quoted} FROM {t.Quoted};")));
        if (dependents.Length > 0)
        {
            actions.Add(Message.Of("action.also-dropped-with-column", MessageArg.List(dependents)));
        }

        yield return new StepDraft(Phase.Cleanup, $"drop_column.{t.Name.Value}_{column.Value}", Message.Of("title.drop-column", Name(t.Name.Value), Name(column.Value)),
            $"ALTER TABLE {t.Quoted} DROP COLUMN IF EXISTS {column.Quoted}{(cascade ? " CASCADE" : string.Empty)};\n", true,
            [new LockTaken(LockMode.AccessExclusive, t, Brief: true), .. Referenced.Select(r => new LockTaken(LockMode.AccessExclusive, r, Brief: true))],
            Referenced.IsEmpty ? Message.Of("impact.drop-column", Name(t)) : Message.Of("impact.drop-column-foreign-key", Name(t), MessageArg.List(Referenced.Select(r => Message.Of("list.name", Name(r))))),
            TimeoutPolicy.Brief,
            new Rollback(
                Message.Of("by-hand.restore-dropped-column", Name(t.Name.Value), Name(column.Value), Name(t), Name(column.Quoted), Code(type ?? "<type>"), Name(new QualifiedName(t.Schema, copy))),
                DataLoss.RestoreFromBackup, Message.Of("rollback.restore-from-backup-or-copy", Name(copy.Value))),
            PlanSql.ColumnAbsent(t, column), context.Estimator.Metadata(), RiskLevel.High,
            Message.Of("risk.drop-column"),
            actions.ToImmutable())
        {
            Destructive = true,
            Group = StepGroup.Destructive,
        };
    }
}
