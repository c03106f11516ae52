using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// SET NOT NULL without a long ACCESS EXCLUSIVE scan: CHECK (col IS NOT NULL) NOT VALID (brief lock),
/// VALIDATE (SHARE UPDATE EXCLUSIVE, reads and writes continue), SET NOT NULL (PostgreSQL 12+ uses the
/// validated check as proof and skips its scan), then drop the helper check. The helper's name
/// (<paramref name="check"/>) is one no constraint of the schema has (see <see cref="Schema.ObjectNames"/>): the
/// steps drop it at the end, so it must never be a constraint of the user's. Whether the column is filled
/// first is asked of the change (<see cref="ChangeView.IsBackfilled"/>), unless <paramref name="filledByDefault"/>
/// says it holds a value in every row already (the change added it with a default, or its own operation fills it).
/// </summary>
public sealed class SetNotNullOperation(SourceLocation origin, TableFacts table, Identifier column, Identifier check, bool filledByDefault = false) : Operation(origin)
{
    /// <summary>SET NOT NULL as asked by the change; a column that already is NOT NULL needs no scan.</summary>
    internal static Operation For(PlanningScope scope, Table table, SetNotNullAction a, ObjectNames names)
    {
        if (table.FindColumn(a.Column) is { NotNull: true })
        {
            return new AlreadyNotNullOperation(table.Name, a);
        }

        // A column the change added with a default holds a value in every existing row: nothing needs to fill it.
        var op = new SetNotNullOperation(a.Location, scope.Facts(table), a.Column, HelperCheckName(names, table, a.Column),
            filledByDefault: table.FindColumn(a.Column) is { AddedWithDefault: true })
        {
            NullsCheckable = scope.Loaded.Unchanged(table, [a.Column]),
            TableId = table.Id,
        };
        scope.Change.NotNullAsked(table.Name, a.Column, a.Location);
        return op;
    }

    /// <summary>The helper CHECK (col IS NOT NULL) of the online recipe: <c>table_col_not_null</c>, numbered when taken.</summary>
    internal static Identifier HelperCheckName(ObjectNames names, Table table, Identifier column) =>
        names.ChooseConstraintName(table.Name.Schema!, table.Name.Name.Value, column.Value, "not_null");

    /// <summary>True when the NULL count can run before the plan (the table and column are in the schema under these names).</summary>
    public bool NullsCheckable { get; init; }

    /// <summary>The catalog id of the table (which survives renames), to ask whether the change writes it.</summary>
    public int? TableId { get; init; }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        bool backfilled = filledByDefault || context.Change.IsBackfilled(table.Name, column);
        var t = table.Name;
        string target = t.Quoted;
        string col = column.Quoted;
        var brief = ImmutableArray.Create(new LockTaken(LockMode.AccessExclusive, t, Brief: true));
        var briefImpact = Message.Of("impact.brief-lock-blocks-reads-writes", Name(target));

        if (table.IsEmpty)
        {
            yield return new StepDraft(Phase.Cleanup, $"set_not_null.{t.Name.Value}_{column.Value}", Message.Of("title.set-not-null", Name(t.Name.Value), Name(column.Value)),
                $"ALTER TABLE {target} ALTER COLUMN {col} SET NOT NULL;\n", true, brief, briefImpact, TimeoutPolicy.Brief,
                new Rollback($"ALTER TABLE {target} ALTER COLUMN {col} DROP NOT NULL;\n", DataLoss.None, Message.Of("rollback.drop-not-null-again")),
                PlanSql.ColumnNotNull(t, column), context.Estimator.Metadata(), RiskLevel.Low,
                Message.Of("risk.not-null-on-new-table", Name(target)),
                [Message.Of("action.set-not-null-new-table")]);
            yield break;
        }

        yield return new StepDraft(Phase.Cleanup, $"check_not_null.{t.Name.Value}_{column.Value}", Message.Of("title.check-not-null", Name(check.Value)),
            AddHelper(t, column, check), true, brief, briefImpact, TimeoutPolicy.Brief,
            new Rollback(DropHelper(t, column, check), DataLoss.None, Message.Of("rollback.drop-helper-check")),
            PlanSql.ConstraintCount(t, check, 1), context.Estimator.Metadata(), RiskLevel.Low,
            Message.Of("risk.not-valid-skips-scan"),
            [Message.Of("action.add-not-null-check", Name(column.Value))]);

        yield return new StepDraft(Phase.Cleanup, $"validate_not_null.{t.Name.Value}_{column.Value}", Message.Of("title.validate", Name(check.Value)),
            $"ALTER TABLE {target} VALIDATE CONSTRAINT {check.Quoted};\n", true,
            [new LockTaken(LockMode.ShareUpdateExclusive, t, Brief: false)],
            Message.Of("impact.validate-not-null-scan", Name(target)),
            TimeoutPolicy.LongScan,
            new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.validation-changes-no-data")),
            PlanSql.ConstraintValidated(t, check), context.Estimator.Scan(table), backfilled ? RiskLevel.Medium : RiskLevel.High,
            backfilled ? Message.Of("risk.validate-not-null", Count(table.Rows)) : Message.Of("risk.validate-not-null-without-backfill", Count(table.Rows), Name($"{t.Name.Value}.{column.Value}")),
            [Message.Of("action.validate-not-null", Name(t.Name.Value), Name(column.Value)),
             Message.Of("action.find-null-rows", Code($"SELECT pg_catalog.count(*) FROM {target} WHERE {col} IS NULL;"))])
        {
            // Before the plan, NULLs are what a backfill (or any write of the change to the table) must fill first: then only informative.
            PreChecks = NullsCheckable
                ? [GoNoGoChecks.Nulls(context, table, column, informative: backfilled || TableId is { } id && context.Change.DmlStatementsOn(id) > 0)]
                : [],
        };

        if (!context.Capabilities.NotNullFromValidCheck)
        {
            context.Notes.Add(new PlanNote(Origin.ToString(),
                Message.Of("note.not-null-kept-as-check", Number(context.Capabilities.Version), Name(check.Value))));
            yield break;
        }

        yield return new StepDraft(Phase.Cleanup, $"set_not_null.{t.Name.Value}_{column.Value}", Message.Of("title.set-not-null", Name(t.Name.Value), Name(column.Value)),
            [new Command(RequireProof(t, column, check)), new Command($"ALTER TABLE {target} ALTER COLUMN {col} SET NOT NULL;\n")], brief, Message.Of("impact.set-not-null-proven", Name(target)), TimeoutPolicy.Brief,
            new Rollback($"ALTER TABLE {target} ALTER COLUMN {col} DROP NOT NULL;\n", DataLoss.None, Message.Of("rollback.drop-not-null-again")),
            PlanSql.ColumnNotNull(t, column), context.Estimator.Metadata(), RiskLevel.Low,
            Message.Of("risk.set-not-null-proven"),
            [Message.Of("action.set-not-null-proven", Name(check.Value))]);

        yield return new StepDraft(Phase.Cleanup, $"drop_check.{t.Name.Value}_{column.Value}", Message.Of("title.drop-helper-check", Name(check.Value)),
            DropHelper(t, column, check), true, brief, briefImpact, TimeoutPolicy.Brief,
            new Rollback(AddHelper(t, column, check), DataLoss.None, Message.Of("rollback.readd-helper-check")),
            PlanSql.ConstraintCount(t, check, 0), context.Estimator.Metadata(), RiskLevel.Low,
            Message.Of("risk.drop-helper-check"),
            [Message.Of("action.drop-helper-check")]);
    }

    /// <summary>
    /// True (as SQL) when the table has a constraint named <paramref name="check"/> that is exactly the helper
    /// CHECK (col IS NOT NULL), valid or not: the server spells the definition, and %I quotes the column its way.
    /// </summary>
    private static string IsHelper(QualifiedName table, Identifier column, Identifier check) =>
        PlanSql.ConstraintExists(table, check,
            $"contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', {SqlText.Literal(column.Value)})");

    /// <summary>
    /// Adds the helper check NOT VALID unless it is there; stops when a constraint of that name with another
    /// definition is there (the schema given was not the database's): a user's constraint is never taken over,
    /// validated in the helper's place, or dropped.
    /// </summary>
    private static string AddHelper(QualifiedName table, Identifier column, Identifier check)
    {
        string body =
            "BEGIN\n" +
            $"  IF NOT {PlanSql.ConstraintExists(table, check)} THEN\n" +
            $"    ALTER TABLE {table.Quoted} ADD CONSTRAINT {check.Quoted} CHECK ({column.Quoted} IS NOT NULL) NOT VALID;\n" +
            $"  ELSIF NOT {IsHelper(table, column, check)} THEN\n" +
            $"    RAISE EXCEPTION 'constraint % of % is not the helper check this plan adds: it is left alone; re-plan with the current schema', {SqlText.Literal(check.Value)}, {SqlText.Literal(table.Quoted)};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    /// <summary>Drops the helper check, and only it: a constraint of that name with another definition stays.</summary>
    private static string DropHelper(QualifiedName table, Identifier column, Identifier check)
    {
        string body =
            "BEGIN\n" +
            $"  IF {IsHelper(table, column, check)} THEN\n" +
            $"    ALTER TABLE {table.Quoted} DROP CONSTRAINT {check.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    /// <summary>
    /// Stops the script unless the column is already NOT NULL or the helper check is validated: without
    /// that proof SET NOT NULL would scan the whole table under ACCESS EXCLUSIVE.
    /// </summary>
    private static string RequireProof(QualifiedName table, Identifier column, Identifier check)
    {
        string body =
            "BEGIN\n" +
            $"  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(column.Value)} AND attnotnull)\n" +
            $"     AND NOT {PlanSql.ConstraintExists(table, check, "convalidated")} THEN\n" +
            $"    RAISE EXCEPTION '% is missing or not validated: run the validation step first (SET NOT NULL would scan % under ACCESS EXCLUSIVE)', {SqlText.Literal(check.Value)}, {SqlText.Literal(table.Quoted)};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }
}
