using System.Collections.Immutable;
using System.Text;
using Migplan.Analysis;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ADD COLUMN. Metadata-only when nullable or with a non-volatile default (PostgreSQL 11+). A volatile
/// default becomes: add nullable, SET DEFAULT for new rows, batched backfill. NOT NULL without a default
/// becomes: add nullable, (backfill), NOT NULL the safe way. Inline CHECK, REFERENCES, UNIQUE and PRIMARY KEY
/// are added afterwards without long locks.
/// </summary>
public sealed class AddColumnOperation(SourceLocation origin, TableFacts table, ColumnDefinition column, Identifier? notNullCheck)
    : Operation(origin)
{
    /// <summary>The tables the column's REFERENCES name (as written), as the schema knows them: their foreign keys lock them.</summary>
    public IReadOnlyDictionary<QualifiedName, TableFacts> Referenced { get; init; } = new Dictionary<QualifiedName, TableFacts>();

    internal static AddColumnOperation For(PlanningScope scope, Table table, AddColumnAction a, ObjectNames names)
    {
        if (a.Column.IsNotNull)
        {
            scope.Change.NotNullAsked(table.Name, a.Column.Name, a.Location);
        }

        var referenced = new Dictionary<QualifiedName, TableFacts>();
        foreach (var r in a.Column.Constraints.OfType<ReferencesColumnConstraint>())
        {
            if (scope.Catalog.FindTable(r.Reference.Table) is { } rt)
            {
                referenced[r.Reference.Table] = scope.Facts(rt);
            }
        }

        return new AddColumnOperation(a.Location, scope.Facts(table), a.Column, a.Column.IsNotNull ? SetNotNullOperation.HelperCheckName(names, table, a.Column.Name) : null)
        {
            Referenced = referenced,
            TableId = table.Id,
            // A generated column's expression over the table as loaded: the pre-migration step can evaluate it on every row.
            ExpressionCheckable = a.Column.Constraints.OfType<GeneratedColumnConstraint>().FirstOrDefault() is { } g
                && !table.CreatedInChange && scope.Loaded.Unchanged(table, g.Expression.Columns.Select(c => c.Column)),
        };
    }

    /// <summary>True when the column is GENERATED ... STORED over columns the table had before the change.</summary>
    public bool ExpressionCheckable { get; init; }

    /// <summary>The catalog id of the table, for the constraints the column brings (see <see cref="AddConstraintOperation.TableId"/>).</summary>
    public int? TableId { get; init; }

    public Identifier Column => column.Name;

    public TableFacts Table => table;

    /// <summary>True when the NOT NULL must be added after a backfill (the column ends NOT NULL but starts empty).</summary>
    public bool DefersNotNull(PgCapabilities caps) => !table.IsEmpty && column.IsNotNull && (column.Default is null || IsVolatileDefault(caps, out _));

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var t = table.Name;
        string target = t.Quoted;
        var caps = context.Capabilities;
        bool volatileDefault = IsVolatileDefault(caps, out Message? why);
        var rewriting = column.Constraints.FirstOrDefault(c => c is GeneratedColumnConstraint or IdentityColumnConstraint);
        bool serial = column.Type.BaseName is "serial" or "bigserial" or "smallserial" or "serial2" or "serial4" or "serial8";
        // Type and nullability, not just the name: IF NOT EXISTS would silently accept a different column of that name.
        bool implicitNotNull = serial || rewriting is IdentityColumnConstraint;
        bool endsNotNullNow = implicitNotNull || column.IsNotNull && (table.IsEmpty || !DefersNotNull(caps));
        var verify = new Verification(
            $"SELECT pg_catalog.format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END FROM pg_attribute WHERE attrelid = {SqlText.RegClass(t)} AND attname = {SqlText.Literal(column.Name.Value)} AND NOT attisdropped;",
            Analysis.TypeDisplay.FormatType(column.Type) + (endsNotNullNow ? " NOT NULL" : string.Empty));
        var dropRollback = new Rollback($"ALTER TABLE {target} DROP COLUMN IF EXISTS {column.Name.Quoted};\n", DataLoss.NewObjectsOnly,
            Message.Of("rollback.drop-column-and-writes", Name(column.Name.Value)));
        var brief = new LockTaken(LockMode.AccessExclusive, t, Brief: true);
        var briefImpact = Message.Of("impact.add-column-brief", Name(target));

        if (table.IsEmpty)
        {
            yield return Step(context, $"ALTER TABLE {target} ADD COLUMN {IfNotExists}{Render(includeAll: true)};\n", brief,
                Message.Of("impact.lock-new-or-empty-table", Name(target)), dropRollback with { Loss = DataLoss.None }, verify, RiskLevel.Low, Message.Of("risk.table-empty", Name(target)), [Message.Of("action.add-column-as-written")]);
            yield break;
        }

        if (rewriting is not null || serial)
        {
            string kind = rewriting is GeneratedColumnConstraint ? "generated" : "identity";
            yield return Step(context, $"ALTER TABLE {target} ADD COLUMN {IfNotExists}{Render(includeAll: true)};\n",
                new LockTaken(LockMode.AccessExclusive, t, Brief: false),
                Message.Of("impact.rewrite", Name(target)),
                dropRollback, verify, RiskLevel.High,
                Message.Of($"risk.add-{kind}-column", Count(table.Rows)),
                [Message.Of($"action.add-{kind}-column-rewrites")])
                with
                {
                    Estimate = context.Estimator.Rewrite(table, []), Timeouts = TimeoutPolicy.Window, FillsExistingRows = true, ServerComputed = rewriting is not null,
                    PreChecks = rewriting is GeneratedColumnConstraint g && ExpressionCheckable
                        ? [GoNoGoChecks.Computes(context, table, column.Name, g.Expression.Text, column.IsNotNull)]
                        : [],
                };
            yield break;
        }

        bool deferNotNull = DefersNotNull(caps);
        var keepDefault = volatileDefault ? null : column.Default;
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(keepDefault is null
            ? Message.Of("action.add-nullable-column", Name(column.Name.Value))
            : Message.Of("action.add-column-with-default", Name(column.Name.Value)));
        if (deferNotNull)
        {
            actions.Add(Message.Of("action.not-null-in-cleanup"));
        }

        // A volatile default is set in the same statement, after the column exists: new rows get it at once,
        // existing rows stay NULL (no rewrite) until the backfill below.
        string setDefault = volatileDefault ? $",\n  ALTER COLUMN {column.Name.Quoted} SET DEFAULT {column.Default!.Text}" : string.Empty;
        if (volatileDefault)
        {
            actions.Add(Message.Of("action.volatile-default-set-after-add", Code(column.Default!.Text), why!));
        }

        yield return Step(context, $"ALTER TABLE {target} ADD COLUMN {IfNotExists}{Render(includeAll: false, keepDefault, keepNotNull: !deferNotNull)}{setDefault};\n",
            brief, briefImpact, dropRollback, verify, RiskLevel.Low, Message.Of("risk.metadata-only-no-rewrite"), actions.ToImmutable())
            with { LeavesExistingRowsNull = keepDefault is null || SchemaApplier.IsNullDefault(keepDefault), FillsExistingRows = keepDefault is not null && !SchemaApplier.IsNullDefault(keepDefault) };

        if (volatileDefault)
        {
            var set = new SetClause([column.Name], column.Default!);
            var where = new SqlExpression($"{column.Name.Quoted} IS NULL", Origin, [new ColumnRef(null, column.Name)], []);
            var update = $"UPDATE {target} SET {column.Name.Quoted} = {column.Default!.Text} WHERE {column.Name.Quoted} IS NULL";
            foreach (var step in new BatchedDmlOperation(Origin, false, table, null, [set], [], where, onlyNewColumns: true, update) { FillsNullColumn = true }.Steps(context))
            {
                yield return step;
            }
        }

        if (deferNotNull)
        {
            foreach (var step in new SetNotNullOperation(Origin, table, column.Name, notNullCheck ?? throw new System.Diagnostics.UnreachableException("a NOT NULL column has its helper check's name"), filledByDefault: volatileDefault).Steps(context))
            {
                yield return step;
            }
        }

        foreach (var constraint in column.Constraints)
        {
            TableConstraint? tc = constraint switch
            {
                CheckColumnConstraint c => new CheckConstraint(c.Name, c.Expression, false, c.NoInherit, $"CHECK ({c.Expression.Text})"),
                ReferencesColumnConstraint r => new ForeignKeyConstraint(r.Name, [column.Name], r.Reference, false, $"FOREIGN KEY ({column.Name.Quoted}) {r.Reference.Text}"),
                UniqueColumnConstraint u => new UniqueConstraint(u.Name, [column.Name], null, u.NullsNotDistinct,
                    $"UNIQUE{(u.NullsNotDistinct ? " NULLS NOT DISTINCT" : string.Empty)} ({column.Name.Quoted}){(u.Attributes is null ? string.Empty : " " + u.Attributes)}") { Attributes = u.Attributes },
                PrimaryKeyColumnConstraint p => new PrimaryKeyConstraint(p.Name, [column.Name], null,
                    $"PRIMARY KEY ({column.Name.Quoted}){(p.Attributes is null ? string.Empty : " " + p.Attributes)}") { Attributes = p.Attributes },
                _ => null,
            };
            if (tc is null)
            {
                continue;
            }

            var name = tc.Name ?? throw new System.Diagnostics.UnreachableException("constraints are named by StatementNaming before they are planned");
            var phase = tc is CheckConstraint or ForeignKeyConstraint && !deferNotNull && !volatileDefault ? Phase.SchemaChanges : Phase.Cleanup;
            var referenced = constraint is ReferencesColumnConstraint rc ? Referenced.GetValueOrDefault(rc.Reference.Table) : null;
            foreach (var step in new AddConstraintOperation(Origin, table, tc, name, referenced, phase) { TableId = TableId }.Steps(context))
            {
                yield return step;
            }
        }
    }

    /// <summary>Always IF NOT EXISTS, so a re-run after a lock timeout is harmless.</summary>
    private const string IfNotExists = "IF NOT EXISTS ";

    private bool IsVolatileDefault(PgCapabilities caps, out Message? why)
    {
        why = null;
        if (column.Default is null)
        {
            return false;
        }

        if (!caps.FastColumnDefault)
        {
            why = Message.Of("reason.default-stored-in-every-row", Number(caps.Version));
            return true;
        }

        if (Volatility.Classify(column.Default, out string? unknown) == VolatilityClass.Volatile)
        {
            why = unknown is null ? Message.Of("reason.volatile") : Message.Of("reason.unknown-volatility", Name(unknown));
            return true;
        }

        return false;
    }

    /// <summary>The column definition: name, type, collation, and optionally default and NOT NULL or everything as written.</summary>
    private string Render(bool includeAll, SqlExpression? defaultValue = null, bool keepNotNull = false)
    {
        var sb = new StringBuilder();
        sb.Append(column.Name.Quoted).Append(' ').Append(column.Type.Text);
        if (column.Collation is not null)
        {
            sb.Append(" COLLATE ").Append(column.Collation);
        }

        if (includeAll)
        {
            foreach (var c in column.Constraints)
            {
                sb.Append(' ').Append(ConstraintText(c));
            }

            return sb.ToString();
        }

        if (defaultValue is not null)
        {
            sb.Append(" DEFAULT ").Append(defaultValue.Text);
        }

        if (keepNotNull && column.IsNotNull)
        {
            sb.Append(" NOT NULL");
        }

        return sb.ToString();
    }

    private static string ConstraintText(ColumnConstraint c)
    {
        string prefix = c.Name is null ? string.Empty : "CONSTRAINT " + c.Name.Quoted + " ";
        return prefix + c switch
        {
            NotNullColumnConstraint => "NOT NULL",
            NullColumnConstraint => "NULL",
            DefaultColumnConstraint d => "DEFAULT " + d.Value.Text,
            GeneratedColumnConstraint g => "GENERATED ALWAYS AS (" + g.Expression.Text + ") STORED",
            IdentityColumnConstraint i => "GENERATED " + (i.Always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY" + (i.Options is null ? string.Empty : " (" + i.Options + ")"),
            CheckColumnConstraint ck => "CHECK (" + ck.Expression.Text + ")" + (ck.NoInherit ? " NO INHERIT" : string.Empty),
            PrimaryKeyColumnConstraint => "PRIMARY KEY",
            UniqueColumnConstraint => "UNIQUE",
            ReferencesColumnConstraint r => r.Reference.Text,
            _ => throw new System.Diagnostics.UnreachableException(c.GetType().Name),
        };
    }

    private StepDraft Step(PlanContext context, string sql, LockTaken lockTaken, Message impact, Rollback rollback, Verification verify, RiskLevel risk, Message reason, ImmutableArray<Message> actions) =>
        new(Phase.SchemaChanges, $"add_column.{table.Name.Name.Value}_{column.Name.Value}", Message.Of("title.add-column", Name(table.Name.Name.Value), Name(column.Name.Value)),
            sql, true, [lockTaken], impact, TimeoutPolicy.Brief, rollback, verify, context.Estimator.Metadata(), risk, reason, actions);
}
