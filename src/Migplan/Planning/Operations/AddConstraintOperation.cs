using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

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
        return new AddConstraintOperation(a.Location, scope.Facts(table), c, name, referenced, Phase.Cleanup);
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        string target = t.Quoted;
        string definition = Definition();
        var dropRollback = new Rollback($"ALTER TABLE {target} DROP CONSTRAINT IF EXISTS {name.Quoted};\n", DataLoss.None, "Drops the constraint; no data changes.");
        string slug = $"add_constraint.{name.Value}";

        if (table.IsEmpty || constraint.NotValid && constraint is CheckConstraint or ForeignKeyConstraint)
        {
            yield return Add(context, slug, $"Add constraint {name.Value}", definition, dropRollback,
                table.IsEmpty ? context.Prose($"{target} is new and empty.") : "Written NOT VALID: no scan.");
            yield break;
        }

        if (Schema.SchemaApplier.ConstraintUsingIndex(constraint) is not null)
        {
            yield return Add(context, slug, $"Add constraint {name.Value} using an existing index", definition, dropRollback,
                "The index already exists: attaching it is metadata only.");
            yield break;
        }

        switch (constraint)
        {
            case CheckConstraint or ForeignKeyConstraint:
                yield return Add(context, slug, $"Add constraint {name.Value} NOT VALID", definition + " NOT VALID", dropRollback,
                    "NOT VALID skips the scan: only new and updated rows are checked from now on.");
                bool fk = constraint is ForeignKeyConstraint;
                var locks = ImmutableArray.CreateBuilder<LockTaken>();
                locks.Add(new LockTaken(LockMode.ShareUpdateExclusive, t, Brief: false));
                if (referenced is not null)
                {
                    locks.Add(new LockTaken(LockMode.RowShare, referenced.Name, Brief: false));
                }

                yield return new StepDraft(phase, $"validate.{name.Value}", $"Validate {name.Value}",
                    $"ALTER TABLE {target} VALIDATE CONSTRAINT {name.Quoted};\n", true, locks.ToImmutable(),
                    context.Prose($"SHARE UPDATE EXCLUSIVE on {target} during a full scan: reads and writes continue.") + (referenced is null ? string.Empty : context.Prose($" ROW SHARE on {referenced.Name.Quoted}: only DDL on it waits.")),
                    TimeoutPolicy.LongScan,
                    new Rollback(PlanSql.NothingToUndo, DataLoss.None, "Validation changes nothing."),
                    PlanSql.ConstraintValidated(t, name), fk ? context.Estimator.ForeignKeyValidation(table) : context.Estimator.Scan(table), RiskLevel.Medium,
                    context.Prose($"Scans {table.Rows:N0} rows without blocking writes; fails if an existing row violates it."),
                    [context.Prose($"Validate {name.Value}; if it fails (23514 or 23503), fix the offending rows and re-run.")]);
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
                yield return Add(context, $"attach_constraint.{name.Value}", $"Attach {name.Value} as {kind} using its index", $"{kind} USING INDEX {name.Quoted}", dropRollback,
                    "The index is already built and valid: attaching it is metadata only." + (constraint is PrimaryKeyConstraint ? " Every key column must already be NOT NULL, or this takes a full scan under ACCESS EXCLUSIVE." : string.Empty));
                break;
            default:
                yield return Add(context, slug, $"Add constraint {name.Value}", definition, dropRollback,
                    "EXCLUDE constraints have no online path: the index is built under ACCESS EXCLUSIVE.") with
                {
                    Risk = RiskLevel.High,
                    Timeouts = TimeoutPolicy.Window,
                    Estimate = context.Estimator.IndexBuild(table),
                };
                break;
        }
    }

    private StepDraft Add(PlanContext context, string slug, string title, string definition, Rollback rollback, string reason)
    {
        string target = table.Name.Quoted;
        var locks = ImmutableArray.CreateBuilder<LockTaken>();
        bool fk = constraint is ForeignKeyConstraint;
        locks.Add(new LockTaken(fk ? LockMode.ShareRowExclusive : LockMode.AccessExclusive, table.Name, Brief: true));
        if (referenced is not null)
        {
            locks.Add(new LockTaken(LockMode.ShareRowExclusive, referenced.Name, Brief: true));
        }

        string impact = fk
            ? context.Prose($"SHARE ROW EXCLUSIVE on {target} and on {referenced?.Name.Quoted ?? "the referenced table"} for milliseconds once granted: writes to both wait while it waits (at most lock_timeout) and runs; reads continue.")
            : context.Prose($"ACCESS EXCLUSIVE on {target} for milliseconds once granted: reads and writes wait while it waits (at most lock_timeout) and runs.");
        return new StepDraft(phase, slug, title, PlanSql.AddConstraintIfMissing(table.Name, name, definition), true, locks.ToImmutable(), impact,
            TimeoutPolicy.Brief, rollback, PlanSql.ConstraintCount(table.Name, name, 1), context.Estimator.Metadata(), RiskLevel.Low, reason,
            [context.Prose($"Add {name.Value}: {definition}.")]);
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
