using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ADD CONSTRAINT without a long lock: CHECK and FOREIGN KEY are added NOT VALID (brief lock) and then
/// validated (SHARE UPDATE EXCLUSIVE, traffic continues); UNIQUE and PRIMARY KEY get their index built
/// concurrently first and are then attached with USING INDEX (brief ACCESS EXCLUSIVE).
/// </summary>
public sealed class AddConstraintOperation(SourceLocation origin, TableFacts table, TableConstraint constraint, Identifier name, TableFacts? referenced, Phase phase)
    : Operation(origin)
{
    /// <summary>ALTER TABLE ... ADD CONSTRAINT: validated in Cleanup; a foreign key also knows what it references.</summary>
    internal static AddConstraintOperation For(PlanningScope scope, Table table, AddConstraintAction a)
    {
        var c = a.Constraint;
        var name = c.Name ?? throw new System.Diagnostics.UnreachableException("constraints are named by StatementNaming before they are planned");
        TableFacts? referenced = c is ForeignKeyConstraint fk && scope.Catalog.FindTable(fk.Reference.Table) is { } rt ? scope.Facts(rt) : null;
        return new AddConstraintOperation(a.Location, scope.Facts(table), c, name, referenced, Phase.Cleanup) { TableId = table.Id };
    }

    /// <summary>The catalog id of the constrained table (which survives renames), to ask the change about its indexes.</summary>
    public int? TableId { get; init; }

    /// <summary>
    /// A foreign key whose columns lead no index of its table (as the change leaves it): every DELETE of a referenced
    /// row, and every UPDATE of its key, scans this table for referencing rows. Null when there is one.
    /// </summary>
    private Message? UnindexedForeignKey(PlanContext context)
    {
        if (constraint is not ForeignKeyConstraint fk || TableId is not { } id || context.Change.HasIndexLeadingWith(id, fk.Columns))
        {
            return null;
        }

        string columns = string.Join(", ", fk.Columns.Select(c => c.Quoted));
        return Message.Of("action.foreign-key-without-index", Name(table.Name), Name(string.Join(", ", fk.Columns.Select(c => c.Value))),
            Name(referenced?.Name.Quoted ?? fk.Reference.Table.Quoted), Code($"CREATE INDEX CONCURRENTLY ON {table.Name.Quoted} ({columns});"));
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        string target = t.Quoted;
        string definition = Definition();
        var dropRollback = new Rollback($"ALTER TABLE {target} DROP CONSTRAINT IF EXISTS {name.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-constraint"));
        string slug = $"add_constraint.{name.Value}";

        if (table.IsEmpty || constraint.NotValid && constraint is CheckConstraint or ForeignKeyConstraint)
        {
            yield return Add(context, slug, Message.Of("title.add-constraint", Name(name.Value)), definition, dropRollback,
                table.IsEmpty ? Message.Of("risk.table-new-and-empty", Name(target)) : Message.Of("risk.written-not-valid"));
            yield break;
        }

        if (Schema.SchemaApplier.ConstraintUsingIndex(constraint) is not null)
        {
            yield return Add(context, slug, Message.Of("title.add-constraint-using-index", Name(name.Value)), definition, dropRollback,
                Message.Of("risk.index-exists-attach"));
            yield break;
        }

        switch (constraint)
        {
            case CheckConstraint or ForeignKeyConstraint:
                yield return Add(context, slug, Message.Of("title.add-constraint-not-valid", Name(name.Value)), definition + " NOT VALID", dropRollback,
                    Message.Of("risk.not-valid-skips-scan"));
                bool fk = constraint is ForeignKeyConstraint;
                var locks = ImmutableArray.CreateBuilder<LockTaken>();
                locks.Add(new LockTaken(LockMode.ShareUpdateExclusive, t, Brief: false));
                if (referenced is not null)
                {
                    locks.Add(new LockTaken(LockMode.RowShare, referenced.Name, Brief: false));
                }

                yield return new StepDraft(phase, $"validate.{name.Value}", Message.Of("title.validate", Name(name.Value)),
                    $"ALTER TABLE {target} VALIDATE CONSTRAINT {name.Quoted};\n", true, locks.ToImmutable(),
                    referenced is null ? Message.Of("impact.validate-scan", Name(target)) : Message.Of("impact.validate-foreign-key-scan", Name(target), Name(referenced.Name)),
                    TimeoutPolicy.LongScan,
                    new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.validation-changes-nothing")),
                    PlanSql.ConstraintValidated(t, name), fk ? context.Estimator.ForeignKeyValidation(table) : context.Estimator.Scan(table), RiskLevel.Medium,
                    Message.Of("risk.validate-existing-rows", Count(table.Rows)),
                    [Message.Of("action.validate-fix-and-rerun", Name(name.Value))]);
                break;
            case UniqueConstraint or PrimaryKeyConstraint:
                var index = new QualifiedName(t.Schema, name);
                var columns = SchemaColumns();
                var indexStatement = new CreateIndexStatement(Origin, name, t, true, true, true, false, null,
                    [.. columns.Select(c => new IndexElement(c.Quoted, c, null))], [], null, null, null);
                foreach (var step in new CreateIndexOperation(Origin, table, indexStatement, index, afterBackfill: false).Steps(context))
                {
                    yield return step with { Phase = phase };
                }

                string kind = constraint is PrimaryKeyConstraint ? "PRIMARY KEY" : "UNIQUE";
                yield return Add(context, $"attach_constraint.{name.Value}", Message.Of("title.attach-constraint", Name(name.Value), Text(kind)), $"{kind} USING INDEX {name.Quoted}", dropRollback,
                    Message.Of(constraint is PrimaryKeyConstraint ? "risk.attach-valid-index-primary-key" : "risk.attach-valid-index"));
                break;
            default:
                yield return Add(context, slug, Message.Of("title.add-constraint", Name(name.Value)), definition, dropRollback,
                    Message.Of("risk.exclude-no-online-path")) with
                {
                    Risk = RiskLevel.High,
                    Timeouts = TimeoutPolicy.Window,
                    Estimate = context.Estimator.IndexBuild(table),
                };
                break;
        }
    }

    private StepDraft Add(PlanContext context, string slug, Message title, string definition, Rollback rollback, Message reason)
    {
        string target = table.Name.Quoted;
        var locks = ImmutableArray.CreateBuilder<LockTaken>();
        bool fk = constraint is ForeignKeyConstraint;
        locks.Add(new LockTaken(fk ? LockMode.ShareRowExclusive : LockMode.AccessExclusive, table.Name, Brief: true));
        if (referenced is not null)
        {
            locks.Add(new LockTaken(LockMode.ShareRowExclusive, referenced.Name, Brief: true));
        }

        var impact = !fk ? Message.Of("impact.add-constraint", Name(target))
            : referenced is null ? Message.Of("impact.add-foreign-key-unknown-table", Name(target))
            : Message.Of("impact.add-foreign-key", Name(target), Name(referenced.Name));
        var actions = ImmutableArray.Create(Message.Of("action.add-constraint", Name(name.Value), Code(definition)));
        if (UnindexedForeignKey(context) is { } unindexed)
        {
            actions = actions.Add(unindexed);
        }

        return new StepDraft(phase, slug, title, PlanSql.AddConstraintIfMissing(table.Name, name, definition), true, locks.ToImmutable(), impact,
            TimeoutPolicy.Brief, rollback, PlanSql.ConstraintCount(table.Name, name, 1), context.Estimator.Metadata(), RiskLevel.Low, reason, actions);
    }

    private List<Identifier> SchemaColumns() => constraint switch
    {
        UniqueConstraint u => [.. u.Columns],
        PrimaryKeyConstraint p => [.. p.Columns],
        _ => [],
    };

    /// <summary>The constraint's definition without its CONSTRAINT name and without NOT VALID.</summary>
    private string Definition()
    {
        string text = constraint.Text.Trim();
        if (text.StartsWith("CONSTRAINT", StringComparison.OrdinalIgnoreCase))
        {
            // CONSTRAINT name <definition>
            int afterKeyword = "CONSTRAINT".Length;
            string rest = text[afterKeyword..].TrimStart();
            int nameEnd = rest.StartsWith('"') ? rest.IndexOf('"', 1) + 1 : rest.IndexOfAny([' ', '\t', '\n', '\r']);
            while (rest.StartsWith('"') && nameEnd < rest.Length && rest[nameEnd] == '"')
            {
                nameEnd = rest.IndexOf('"', nameEnd + 1) + 1;
            }

            text = rest[nameEnd..].TrimStart();
        }

        if (text.EndsWith("NOT VALID", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^"NOT VALID".Length].TrimEnd();
        }

        return text;
    }
}
