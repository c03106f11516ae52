using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>A FROM/USING item of the statement with what is known of its table.</summary>
public sealed record JoinedTable(FromItem Item, TableFacts? Facts);

/// <summary>The <paramref name="Ordinal"/>-th UPDATE/DELETE of the change (from 1) on the table with catalog id <paramref name="TableId"/>.</summary>
public sealed record DmlPosition(int TableId, int Ordinal);

/// <summary>
/// UPDATE or DELETE over many rows, cut into keyset batches by the target's key (primary key, or a
/// NOT NULL unique key), committing between batches in a DO block. Every joined table whose join
/// columns equal the target's key is restricted to the batch's key range too, since PostgreSQL does
/// not carry a range predicate across a join: without it each batch would scan the joined table whole.
/// </summary>
public sealed partial class BatchedDmlOperation(
    SourceLocation origin,
    bool isDelete,
    TableFacts target,
    Identifier? alias,
    ImmutableArray<SetClause> set,
    ImmutableArray<JoinedTable> joined,
    SqlExpression? where,
    bool onlyNewColumns,
    string originalText) : Operation(origin)
{
    /// <summary>
    /// Which UPDATE/DELETE of the change on its table this statement is; null for a backfill that is part
    /// of another operation (ADD COLUMN's), which is the last on its table and whose NOT NULL that operation handles.
    /// </summary>
    public DmlPosition? Position { get; init; }

    /// <summary>True when the coverage query can run before the change (it reads no table or column the change creates).</summary>
    public bool CoverageCheckable { get; init; }

    /// <summary>
    /// True when the statement writes one column that holds NULL in every row before it (added by the change with no
    /// default, written by nothing earlier): only then does a non-NULL value mean "done", and the batches may skip
    /// such rows (<c>col IS NULL</c>). A column added with a default holds that default, which the UPDATE must overwrite.
    /// </summary>
    public bool FillsNullColumn { get; init; }

    /// <summary>The columns an UPDATE writes (empty for DELETE).</summary>
    public ImmutableArray<Identifier> SetColumns { get; } = [.. set.SelectMany(s => s.Columns)];

    public TableFacts Target => target;

    /// <summary>
    /// The type of the column each SET clause of one column writes (null for a clause of several columns or an
    /// unknown one): the guard and the verification compare with the value cast to it, as the UPDATE stores it
    /// (<c>SET cents = price * 100</c> into an integer column stores a rounded number).
    /// </summary>
    public ImmutableArray<TypeName?> SetTypes { get; init; } = [];

    /// <summary>
    /// False when a later UPDATE/DELETE of the change works on the same table: then only that one is
    /// followed by VACUUM (ANALYZE), once, instead of a VACUUM after every pass.
    /// </summary>
    private bool IsLastOnTable(PlanContext context) => Position is null || context.Change.DmlStatementsOn(Position.TableId) == Position.Ordinal;

    /// <summary>True when the written column must end NOT NULL (the change asks for it): every row must then be filled.</summary>
    private bool EndsNotNull(PlanContext context) =>
        Position is not null && set.Length == 1 && set[0].Columns.Length == 1 && context.Change.IsMadeNotNull(target.Name, set[0].Columns[0]);

    /// <summary>The UPDATE/DELETE statements of the change on this table: each leaves a dead version of every row it writes.</summary>
    private int DmlPasses(PlanContext context) => Position is null ? 1 : Math.Max(1, context.Change.DmlStatementsOn(Position.TableId));

    private string Qualifier => (alias ?? target.Name.Name).Quoted;

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        string verb = isDelete ? "Delete from" : "Backfill";
        string slug = (isDelete ? "delete." : "backfill.") + target.Name.Name.Value + (isDelete ? string.Empty : "_" + string.Join("_", SetColumns.Select(c => c.Value)));
        bool selfReferencing = !isDelete && set.Any(s => !IsIdempotentSelfMap(s) && s.Value.Columns.Any(r => (r.Qualifier is null || r.Qualifier.Value == (alias ?? target.Name.Name).Value) && SetColumns.Any(c => c.Value == r.Column.Value)));
        bool keyWritten = !isDelete && target.Key.Any(k => SetColumns.Any(c => c.Value == k.Name.Value));
        bool volatileValue = !isDelete && set.Any(c => Analysis.Volatility.Classify(c.Value, out _) == Analysis.VolatilityClass.Volatile && c.Value.Functions.Length > 0);
        // SET c = DEFAULT: DEFAULT is no expression, so no guard or check can compare with it.
        bool writesDefault = !isDelete && set.Any(c => c.Value.Text.Trim().Equals("DEFAULT", StringComparison.OrdinalIgnoreCase));
        volatileValue |= writesDefault;
        bool fillOnly = FillsNullColumn && set.Length == 1 && set[0].Columns.Length == 1;
        string? guard = isDelete || selfReferencing || writesDefault ? null : fillOnly ? $"{Qualifier}.{set[0].Columns[0].Quoted} IS NULL" : volatileValue ? null : Guard();
        var verification = Verify(selfReferencing ? "reason.reads-columns-it-writes" : writesDefault ? "reason.writes-default" : volatileValue ? "reason.volatile-value" : null, fillOnly && !writesDefault ? guard : null);
        selfReferencing |= guard is null && !isDelete;
        var actions = ImmutableArray.CreateBuilder<Message>();
        var conditions = new List<string>();
        if (where is not null)
        {
            conditions.Add("(" + where.Text + ")");
        }

        string sql;
        bool frozenTime = false;
        var estimate = context.Estimator.Batches(target, target.Rows, context.BatchSize, isDelete);
        RiskLevel risk = RiskLevel.Medium;
        Message riskReason;
        if (target.IsEmpty)
        {
            sql = originalText.TrimEnd() + ";\n";
            riskReason = Message.Of("risk.dml-on-new-table", Name(target.Name));
            estimate = context.Estimator.Metadata();
            risk = RiskLevel.Low;
            actions.Add(Message.Of("action.run-as-written-new-table"));
        }
        else if (context.Capabilities.CommitInDoBlock && target.Key.Length > 0 && !keyWritten)
        {
            var restricted = RestrictJoins(conditions, actions);
            if (guard is not null)
            {
                conditions.Add(guard);
            }

            sql = KeysetBlock(context, conditions, restricted, out frozenTime);
            riskReason = Message.Of("risk.keyset-batches", Count(target.Rows), Count(context.BatchSize));
            var scanned = joined.Where(j => j.Facts is { IsEmpty: false } f && f.Rows > 10L * context.BatchSize
                && !restricted.Any(r => r.Qualifier == (j.Item.Alias ?? j.Item.Table?.Name)?.Quoted)).ToList();
            if (scanned.Count > 0)
            {
                long batches = Math.Max(1, target.Rows / context.BatchSize);
                risk = RiskLevel.High;
                riskReason = Message.Of("risk.batches-scan-joined-tables", Count(batches), Text(string.Join(", ", scanned.Select(j => string.Create(CultureInfo.InvariantCulture, $"{j.Facts!.Name.Quoted} ({j.Facts.Rows:N0} rows)")))), riskReason);
            }

            actions.Add(Message.Of("action.keyset-batches", Count(context.BatchSize), Name(string.Join(", ", target.Key.Select(k => k.Name.Value)))));
        }
        else if (context.Capabilities.CommitInDoBlock && context.Capabilities.TidRangeScan && (guard is not null || isDelete))
        {
            if (guard is not null)
            {
                conditions.Add(guard);
            }

            sql = CtidBlock(context, conditions, out frozenTime);
            var why = Message.Of(keyWritten ? "reason.writes-key-itself" : "reason.no-primary-or-unique-key");
            riskReason = Message.Of("risk.ctid-batches", Name(target.Name), why);
            actions.Add(Message.Of("action.ctid-batches", why, Count(context.BatchSize)));
            if (joined.Length > 0)
            {
                risk = RiskLevel.High;
                actions.Add(Message.Of("action.ctid-joined-tables-unrestricted"));
            }
        }
        else
        {
            sql = originalText.TrimEnd() + ";\n";
            estimate = context.Estimator.Batches(target, target.Rows, int.MaxValue, isDelete);
            risk = RiskLevel.High;
            var why = !context.Capabilities.CommitInDoBlock ? Message.Of("reason.no-commit-in-do-block", Number(context.Capabilities.Version))
                : Message.Of(keyWritten ? "reason.writes-batch-key" : selfReferencing ? "reason.no-key-not-rerunnable" : "reason.no-usable-key");
            riskReason = Message.Of("risk.not-batched", why);
            actions.Add(Message.Of("action.not-batched", why));
        }

        if (!target.IsEmpty)
        {
            actions.Add(Message.Of("action.check-row-triggers", Name(target.Name), Code($"SELECT tgname FROM pg_trigger WHERE tgrelid = {SqlText.RegClass(target.Name)} AND NOT tgisinternal;")));
        }

        if (!target.IsEmpty && (where is not null && FrozenTime.Uses(where.Functions) || set.Any(c => FrozenTime.Uses(c.Value.Functions))))
        {
            actions.Add(Message.Of("action.time-functions-frozen"));
        }

        if (frozenTime && verification.Sql.Length > 0)
        {
            string frozen = FrozenTime.RewriteForVerification(verification.Sql);
            if (frozen != verification.Sql)
            {
                verification = verification with { Sql = frozen };
                actions.Add(Message.Of("action.verify-with-frozen-time", Name(FrozenTime.Setting)));
            }
        }

        if (selfReferencing)
        {
            actions.Add(Message.Of("action.not-idempotent"));
        }

        Verification? coverage = null;
        if (fillOnly && EndsNotNull(context))
        {
            string column = set[0].Columns[0].Quoted;
            actions.Add(Message.Of(CoverageCheckable ? "action.coverage-in-pre-checks" : "action.coverage-once-columns-exist", Name(set[0].Columns[0].Value), Code(Coverage())));
            coverage = new Verification(Coverage(), "0") { Label = Message.Of("check.backfill-coverage", Name($"{target.Name.Name.Value}.{set[0].Columns[0].Value}")) };
            // Every row filled (the NOT NULL in Cleanup needs it) and, where the statement reached, with its value.
            verification = verification.Expect.Kind == ExpectationKind.Value
                ? verification with { Sql = $"SELECT (SELECT pg_catalog.count(*) FROM {target.Name.Quoted} WHERE {column} IS NULL) + ({verification.Sql.TrimEnd(';')});" }
                : new Verification($"SELECT pg_catalog.count(*) FROM {target.Name.Quoted} WHERE {column} IS NULL;", "0");
        }
        var rollback = isDelete
            ? new Rollback(Message.Of("by-hand.deleted-rows", Name(PlanSql.MakeName(target.Name.Name.Value, null, "deleted_backup").Quoted), Name(target.Name)), DataLoss.RestoreFromBackup,
                Message.Of("rollback.deleted-rows-from-backup"))
            : onlyNewColumns
                ? new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.new-columns-removed-with-step"))
                : new Rollback(Message.Of("by-hand.overwritten-values", Name(string.Join(", ", SetColumns.Select(c => c.Value))), Name(target.Name)),
                    DataLoss.RestoreFromBackup, Message.Of("rollback.overwritten-values-from-backup"));
        if (isDelete && !target.IsEmpty)
        {
            risk = RiskLevel.High;
            riskReason = Message.Of(where is null ? "risk.deletes-every-row" : "risk.deletes-rows", riskReason);
        }

        yield return new StepDraft(Phase.DataMigration, slug, isDelete ? Message.Of("title.delete-from", Name(target.Name.Name.Value)) : Message.Of("title.backfill", Name(target.Name.Name.Value), Name(string.Join(", ", SetColumns.Select(c => c.Value)))),
            [new Command(sql) { OutsideTransaction = true, Rerunnable = !selfReferencing }],
            [new LockTaken(LockMode.RowExclusive, target.Name, Brief: false), .. JoinedLocks()],
            Message.Of("impact.batched-dml", Name(target.Name)),
            selfReferencing ? TimeoutPolicy.BackfillOnce : TimeoutPolicy.Backfill, rollback, verification, estimate, risk, riskReason, actions.ToImmutable())
        {
            Destructive = isDelete,
            Gate = coverage is null ? Gate.None : new Gate([coverage], []),
            PreChecks = coverage is null || !CoverageCheckable ? [] : [GoNoGoCheck.Of(coverage, GoNoGoChecks.FullScan(context.Estimator, target))],
        };

        if (!target.IsEmpty && IsLastOnTable(context))
        {
            yield return new StepDraft(Phase.DataMigration, $"vacuum_analyze.{target.Name.Name.Value}", Message.Of("title.vacuum-analyze", Name(target.Name.Name.Value)),
                $"VACUUM (ANALYZE) {target.Name.Quoted};\n", false,
                [new LockTaken(LockMode.ShareUpdateExclusive, target.Name, Brief: false)],
                Message.Of("impact.vacuum-analyze", Name(target.Name)),
                TimeoutPolicy.LongScan, new Rollback(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo")),
                new Verification($"SELECT n_dead_tup < greatest(1000, n_live_tup / 10) FROM pg_stat_user_tables WHERE relid = {SqlText.RegClass(target.Name)};", "t"),
                context.Estimator.VacuumAfter(target, target.Rows * DmlPasses(context), !isDelete), RiskLevel.Low, Message.Of("risk.plain-vacuum"),
                [Message.Of("action.vacuum-analyze")]);
        }
    }

    /// <summary>Functions f with f(f(x)) = f(x): <c>SET c = upper(c)</c> gives the same result when applied twice.</summary>
    private static readonly HashSet<string> IdempotentFunctions = new(StringComparer.Ordinal) { "upper", "lower", "btrim", "ltrim", "rtrim", "trim", "abs", "initcap" };

    /// <summary>True for <c>c = f(c)</c> with an idempotent f: re-running it changes nothing, so it can be guarded and re-run.</summary>
    private static bool IsIdempotentSelfMap(SetClause clause)
    {
        if (clause.Columns.Length != 1 || clause.Value.Functions.Length != 1 || clause.Value.Columns.Length != 1
            || !IdempotentFunctions.Contains(clause.Value.Functions[0]) || clause.Value.Columns[0].Column.Value != clause.Columns[0].Value)
        {
            return false;
        }

        string text = new string(clause.Value.Text.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return text == clause.Value.Functions[0] + "(" + clause.Value.Columns[0].Column.Value + ")"
            || text == clause.Value.Functions[0] + "(" + clause.Value.Columns[0].Column.Quoted + ")";
    }

    /// <summary>A query counting the target rows the statement does not reach (its WHERE is false or finds no joined row).</summary>
    private string Coverage()
    {
        string self = target.Name.Quoted + (alias is null ? string.Empty : " " + alias.Quoted);
        if (where is null)
        {
            return $"SELECT pg_catalog.count(*) FROM {self} WHERE false; -- no WHERE: every row is reached";
        }

        return joined.Length == 0
            ? $"SELECT pg_catalog.count(*) FROM {self} WHERE ({where.Text}) IS NOT TRUE;"
            : $"SELECT pg_catalog.count(*) FROM {self} WHERE NOT EXISTS (SELECT 1 FROM {string.Join(", ", joined.Select(JoinedText))} WHERE {where.Text});";
    }

    private string Guard()
    {
        if (set.Length == 1 && set[0].Columns.Length == 1)
        {
            return $"{Qualifier}.{set[0].Columns[0].Quoted} IS DISTINCT FROM {Stored(0)}";
        }

        if (set.All(s => s.Columns.Length == 1))
        {
            return $"({string.Join(", ", set.Select(s => Qualifier + "." + s.Columns[0].Quoted))}) IS DISTINCT FROM ({string.Join(", ", set.Select((_, i) => Stored(i)))})";
        }

        return $"({string.Join(", ", set.SelectMany(s => s.Columns).Select(c => Qualifier + "." + c.Quoted))}) IS DISTINCT FROM ({string.Join(", ", set.Select(s => s.Value.Text))})";
    }

    /// <summary>The value of SET clause <paramref name="i"/> as its column stores it: cast to the column's type when known.</summary>
    private string Stored(int i) =>
        i < SetTypes.Length && SetTypes[i] is { } type ? $"CAST(({set[i].Value.Text}) AS {BatchLoops.VariableType(type)})" : "(" + set[i].Value.Text + ")";

    /// <summary>Adds a key-range condition on every joined table whose columns equal the target key; returns the tables restricted.</summary>
    private List<(string Qualifier, List<string> Columns)> RestrictJoins(List<string> conditions, ImmutableArray<Message>.Builder actions)
    {
        var restricted = new List<(string, List<string>)>();
        var conjuncts = where is null ? [] : Conjuncts.Split(where.Text);
        string targetQualifier = (alias ?? target.Name.Name).Value;
        foreach (var j in joined)
        {
            string? q = (j.Item.Alias ?? j.Item.Table?.Name)?.Value;
            if (q is null)
            {
                actions.Add(Message.Of("action.from-item-not-a-table", Code(j.Item.Text)));
                continue;
            }

            var mapped = new List<string>();
            foreach (var key in target.Key)
            {
                string? other = null;
                foreach (var c in conjuncts)
                {
                    if (Conjuncts.ColumnEquality(c) is not { } eq)
                    {
                        continue;
                    }

                    if (IsTargetKey(eq.LeftQualifier, eq.LeftColumn, key, targetQualifier) && eq.RightQualifier == q)
                    {
                        other = eq.RightColumn;
                    }
                    else if (IsTargetKey(eq.RightQualifier, eq.RightColumn, key, targetQualifier) && eq.LeftQualifier == q)
                    {
                        other = eq.LeftColumn;
                    }
                }

                if (other is null)
                {
                    break;
                }

                mapped.Add(other);
            }

            string quotedQualifier = new Identifier(q).Quoted;
            if (mapped.Count == target.Key.Length)
            {
                restricted.Add((quotedQualifier, mapped));
                actions.Add(Message.Of("action.joined-table-restricted", Code(j.Item.Text), Name(string.Join(", ", mapped.Select(m => q + "." + m)))));
            }
            else
            {
                actions.Add(Message.Of("action.joined-table-not-on-key", Code(j.Item.Text), Name(target.Name.Name.Value)));
            }
        }

        return restricted;
    }

    private static bool IsTargetKey(string? qualifier, string column, KeyColumn key, string targetQualifier) =>
        column == key.Name.Value && (qualifier is null || qualifier == targetQualifier);

    private string KeysetBlock(PlanContext context, List<string> conditions, List<(string Qualifier, List<string> Columns)> restricted, out bool frozenTime)
    {
        var key = target.Key;
        var ranges = new List<string> { BatchLoops.KeyRange(key, key.Select(k => Qualifier + "." + k.Name.Quoted)) };
        ranges.AddRange(restricted.Select(r => BatchLoops.KeyRange(key, r.Columns.Select(c => r.Qualifier + "." + new Identifier(c).Quoted))));

        // The statement's own WHERE first, then the batch ranges, then the guard that skips rows already done.
        var all = conditions.Take(where is null ? 0 : 1).Concat(ranges).Concat(conditions.Skip(where is null ? 0 : 1));
        string dml = Dml(Conjuncts.Join(all));
        string frozen = FrozenTime.Rewrite(dml);
        frozenTime = frozen != dml;
        return BatchLoops.Keyset(target, context.BatchSize, frozen, frozenTime);
    }

    private string CtidBlock(PlanContext context, List<string> conditions, out bool frozenTime)
    {
        string dml = Dml(Conjuncts.Join(conditions.Append(BatchLoops.PageRange(Qualifier))));
        string frozen = FrozenTime.Rewrite(dml);
        frozenTime = frozen != dml;
        return BatchLoops.Ctid(target, context.BatchSize, frozen, frozenTime);
    }

    private string Dml(string conditions)
    {
        string aliasText = alias is null ? string.Empty : " " + alias.Quoted;
        var sb = new StringBuilder();
        if (isDelete)
        {
            sb.Append($"DELETE FROM {target.Name.Quoted}{aliasText}");
            if (joined.Length > 0)
            {
                sb.Append("\n  USING ").Append(string.Join(", ", joined.Select(JoinedText)));
            }
        }
        else
        {
            sb.Append($"UPDATE {target.Name.Quoted}{aliasText}\n   SET ");
            sb.Append(string.Join(",\n       ", set.Select(s => (s.Columns.Length == 1 ? s.Columns[0].Quoted : "(" + string.Join(", ", s.Columns.Select(c => c.Quoted)) + ")") + " = " + s.Value.Text)));
            if (joined.Length > 0)
            {
                sb.Append("\n  FROM ").Append(string.Join(", ", joined.Select(JoinedText)));
            }
        }

        sb.Append("\n WHERE ").Append(conditions).Append(';');
        return sb.ToString();
    }

    /// <summary>
    /// What the step must have done, checked on the values: a DELETE leaves no row its WHERE matches; an UPDATE
    /// leaves no row its WHERE matches whose columns differ from what the SET computes (so an UPDATE that wrote
    /// nothing fails it, whatever the column held before). Where the values cannot be computed again after the
    /// step (<paramref name="notRecomputable"/>: a volatile value, or one read from the columns it writes), a
    /// person judges: the query counts the rows the WHERE matches. A volatile value written into a column that was
    /// NULL everywhere (<paramref name="fillGuard"/>, <c>col IS NULL</c>) is checked by the rows it left NULL.
    /// </summary>
    private Verification Verify(string? notRecomputable, string? fillGuard)
    {
        string from = target.Name.Quoted + (alias is null ? string.Empty : " " + alias.Quoted) + string.Concat(joined.Select(j => ", " + JoinedText(j)));
        var conditions = new List<string>();
        if (where is not null)
        {
            conditions.Add("(" + where.Text + ")");
        }

        if (!isDelete && notRecomputable is null)
        {
            conditions.Add(Guard());
        }
        else if (!isDelete && fillGuard is not null && notRecomputable == "reason.volatile-value")
        {
            conditions.Add(fillGuard);
            notRecomputable = null;
        }

        string sql = $"SELECT pg_catalog.count(*) FROM {from}{(conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions))};";
        return isDelete || notRecomputable is null
            ? new Verification(sql, "0")
            : new Verification(sql, Expectation.ByHand(Message.Of("judge.values-not-recomputable", Message.Of(notRecomputable))));
    }

    /// <summary>ACCESS SHARE on every table of FROM/USING the schema knows, for the whole step (read by every batch).</summary>
    private IEnumerable<LockTaken> JoinedLocks() =>
        joined.Select(j => j.Facts?.Name).OfType<QualifiedName>().Where(n => !n.Equals(target.Name)).Distinct()
            .Select(n => new LockTaken(LockMode.AccessShare, n, Brief: false));

    /// <summary>A FROM/USING item with its table schema-qualified (so the script does not depend on search_path).</summary>
    private static string JoinedText(JoinedTable j) =>
        j.Facts is null || j.Item.Table is null ? j.Item.Text : j.Facts.Name.Quoted + (j.Item.Alias is null ? string.Empty : " " + j.Item.Alias.Quoted);
}
