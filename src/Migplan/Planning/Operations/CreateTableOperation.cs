using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

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

    /// <summary>Each foreign key of the new table whose columns lead none of its indexes (as the change leaves them).</summary>
    private IEnumerable<Message> UnindexedForeignKeys(PlanContext context)
    {
        var keys = statement.Constraints.OfType<ForeignKeyConstraint>().Select(f => (Columns: f.Columns, f.Reference.Table))
            .Concat(statement.Columns.SelectMany(c => c.Constraints.OfType<ReferencesColumnConstraint>().Select(r => (Columns: ImmutableArray.Create(c.Name), r.Reference.Table))));
        foreach (var (columns, referencedTable) in keys)
        {
            if (!context.Change.HasIndexLeadingWith(name, columns))
            {
                yield return Message.Of("action.foreign-key-without-index", Name(name), Name(string.Join(", ", columns.Select(c => c.Value))),
                    Name(referencedTable.Quoted), Code($"CREATE INDEX ON {name.Quoted} ({string.Join(", ", columns.Select(c => c.Quoted))});"));
            }
        }
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var s = statement;
        var lockText = referenced.Length == 0 ? Message.Of("impact.no-lock-on-existing-tables")
            : Message.Of("impact.create-table-with-foreign-keys", Name(string.Join(", ", referenced.Select(r => r.Quoted))));
        yield return new AsIs(Phase.SchemaChanges, $"create_table.{name.Name.Value}", Message.Of("title.create-table", Name(name.Name.Value)), s.Text + ";\n")
        {
            Locks = [.. referenced.Select(r => new LockTaken(LockMode.ShareRowExclusive, r, Brief: true))],
            Timeouts = referenced.Length == 0 ? null : TimeoutPolicy.Brief,
            Impact = lockText,
            Rollback = new Rollback($"DROP TABLE IF EXISTS {name.Quoted};\n", DataLoss.NewObjectsOnly, Message.Of("rollback.drop-new-table")),
            Verification = PlanSql.RelationExists(name),
            RiskReason = Message.Of("risk.new-table"),
            Actions = [Message.Of("action.create-table", Name(name)), .. UnindexedForeignKeys(context)],
        }.Step(context);
    }
}
