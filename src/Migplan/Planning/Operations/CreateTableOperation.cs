using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>
/// CREATE TABLE as written: no lock on existing tables, except a brief SHARE ROW EXCLUSIVE on the tables
/// its foreign keys reference (<paramref name="referenced"/>).
/// </summary>
public sealed class CreateTableOperation(CreateTableStatement statement, QualifiedName name, ImmutableArray<QualifiedName> referenced) : Operation(statement.Location)
{
    internal static CreateTableOperation For(PlanningScope scope, CreateTableStatement s)
    {
        var catalog = scope.Catalog;
        var referenced = s.Constraints.OfType<ForeignKeyConstraint>().Select(f => f.Reference.Table)
            .Concat(s.Columns.SelectMany(c => c.Constraints.OfType<ReferencesColumnConstraint>()).Select(r => r.Reference.Table))
            .Select(catalog.Resolve).DistinctBy(n => n.Key).ToImmutableArray();
        return new CreateTableOperation(s, catalog.Resolve(s.Name), referenced);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        string lockText = referenced.Length == 0 ? "No lock on existing tables."
            : $"SHARE ROW EXCLUSIVE on {string.Join(", ", referenced.Select(r => r.Quoted))} (its foreign keys) for milliseconds once granted: writes to them wait while it waits (at most lock_timeout).";
        yield return new AsIs(Phase.SchemaChanges, $"create_table.{name.Name.Value}", $"Create table {name.Name.Value}", s.Text + ";\n")
        {
            Locks = [.. referenced.Select(r => new LockTaken(LockMode.ShareRowExclusive, r, Brief: true))],
            Timeouts = referenced.Length == 0 ? null : TimeoutPolicy.Brief,
            Impact = lockText,
            Rollback = new Rollback($"DROP TABLE IF EXISTS {name.Quoted};\n", DataLoss.DataLoss, $"Drops the new table and anything written to it since."),
            Verification = PlanSql.RelationExists(name),
            RiskReason = "A new table: nothing reads it yet.",
            Actions = [$"Create {name.Quoted}."],
        }.Step(context);
    }
}
