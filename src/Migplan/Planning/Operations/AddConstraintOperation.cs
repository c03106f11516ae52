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
    internal static AddConstraintOperation For(PlanningScope scope, Table table, AddConstraintAction a, bool only)
    {
        var c = a.Constraint;
        var name = c.Name ?? throw new System.Diagnostics.UnreachableException("constraints are named by StatementNaming before they are planned");
        TableFacts? referenced = c is ForeignKeyConstraint fk && scope.Catalog.FindTable(fk.Reference.Table) is { } rt ? scope.Facts(rt) : null;
        bool partitionedKey = table.IsPartitioned && !table.CreatedInChange && !only && Schema.SchemaApplier.ConstraintUsingIndex(c) is null
            && c is PrimaryKeyConstraint or UniqueConstraint;
        return new AddConstraintOperation(a.Location, scope.Facts(table), c, name, referenced, Phase.Cleanup)
        {
            PartitionedKey = table.IsPartitioned && !table.CreatedInChange && !only && c is ForeignKeyConstraint { NotValid: false } ? PartitionedForeignKey.Of(scope, table) : null,
            OnlyOnPartitioned = table.IsPartitioned && only && c is PrimaryKeyConstraint or UniqueConstraint && Schema.SchemaApplier.ConstraintUsingIndex(c) is null,
            Partitions = partitionedKey
                ? PartitionedIndex.Of(scope, table, new QualifiedName(table.Name.Schema, name), [.. Schema.SchemaApplier.ConstraintColumns(c).Select(k => k.Value)],
                    c is PrimaryKeyConstraint ? PartitionIndexes.Kind.PrimaryKey : PartitionIndexes.Kind.Unique)
                : null,
            TableId = table.Id,
            ReferencedColumns = c is ForeignKeyConstraint f ? ReferencedKey(scope, f) : [],
            RowsCheckable = RowsCheckableBeforePlan(scope, table, c),
        };
    }

    /// <summary>The referenced columns of a foreign key: as written, or the referenced table's primary key.</summary>
    private static ImmutableArray<Identifier> ReferencedKey(PlanningScope scope, ForeignKeyConstraint fk) =>
        !fk.Reference.Columns.IsDefaultOrEmpty ? fk.Reference.Columns
        : scope.Catalog.FindTable(fk.Reference.Table)?.PrimaryKey is { } pk ? [.. pk.Columns] : [];

    /// <summary>
    /// True when the rows the constraint would reject can be counted before the plan starts: the table and the columns
    /// it reads (for a foreign key, the referenced table and key too) are in the schema under the names they have here.
    /// </summary>
    private static bool RowsCheckableBeforePlan(PlanningScope scope, Table table, TableConstraint c) => c switch
    {
        CheckConstraint check => scope.Loaded.Unchanged(table, check.Expression.Columns.Select(r => r.Column)),
        ForeignKeyConstraint fk => scope.Loaded.Unchanged(table, fk.Columns) && scope.Catalog.FindTable(fk.Reference.Table) is { } rt
            && ReferencedKey(scope, fk) is { Length: > 0 } key && key.Length == fk.Columns.Length && scope.Loaded.Unchanged(rt, key),
        UniqueConstraint u => scope.Loaded.Unchanged(table, u.Columns),
        PrimaryKeyConstraint p => scope.Loaded.Unchanged(table, p.Columns),
        _ => false,
    };

    /// <summary>True when the go/no-go check of the existing rows can run before the plan (see <see cref="RowsCheckableBeforePlan"/>).</summary>
    public bool RowsCheckable { get; init; }

    /// <summary>A foreign key's referenced columns (the referenced table's primary key when not written).</summary>
    public ImmutableArray<Identifier> ReferencedColumns { get; init; } = [];

    /// <summary>True when the change updates or deletes rows of the table: a check before the plan is then informative.</summary>
    private bool WrittenByChange(PlanContext context) => TableId is { } id && context.Change.DmlStatementsOn(id) > 0;

    /// <summary>The go/no-go check for the existing rows of a CHECK or FOREIGN KEY about to be validated.</summary>
    private ImmutableArray<GoNoGoCheck> RowsCheck(PlanContext context) => !RowsCheckable ? [] : constraint switch
    {
        CheckConstraint check => [GoNoGoChecks.Violators(context, table, name, check.Expression.Text, WrittenByChange(context))],
        ForeignKeyConstraint fk when referenced is not null =>
            [GoNoGoChecks.Orphans(context, table, fk.Columns, referenced, ReferencedColumns, name, WrittenByChange(context))],
        _ => [],
    };

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

    /// <summary>A primary key or unique constraint on a partitioned table of the schema: its partitions and their keys' names.</summary>
    public PartitionedIndex? Partitions { get; init; }

    /// <summary>ALTER TABLE ONLY a partitioned table ADD PRIMARY KEY / UNIQUE, as written: the key of that table alone, INVALID until its partitions' are attached.</summary>
    public bool OnlyOnPartitioned { get; init; }

    /// <summary>A foreign key on a partitioned table of the schema: its partitions (see <see cref="PartitionedForeignKey"/>).</summary>
    public PartitionedForeignKey? PartitionedKey { get; init; }

    public override IEnumerable<StepDraft> Steps(PlanContext context) =>
        PartitionedKey is { } foreignKey ? ForeignKeySteps(context, foreignKey)
        : Partitions is { } partitions ? PartitionedSteps(context, partitions)
        : OnlyOnPartitioned ? [OnlyStep(context)]
        : TableSteps(context);

    /// <summary>The key ON ONLY the partitioned table: a brief ACCESS EXCLUSIVE on that table alone, nothing built.</summary>
    private StepDraft OnlyStep(PlanContext context) =>
        Add(context, $"add_constraint.{name.Value}", Message.Of("title.add-constraint", Name(name.Value)), KeyDefinition(),
            new Rollback($"ALTER TABLE ONLY {table.Name.Quoted} DROP CONSTRAINT IF EXISTS {name.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-constraint")),
            Message.Of("risk.index-on-only-partitioned", Name(table.Name.Quoted))) with
        {
            Commands = [PartitionedIndex.AddKeyOnly(table.Name, name, KeyDefinition())],
            Verification = PlanSql.ConstraintCount(table.Name, name, 1),
        };

    /// <summary>
    /// Each leaf partition's key as on a table of its own (its unique index CONCURRENTLY, then the key USING INDEX), then
    /// the brief step that adds the key ON ONLY the partitioned table (and each sub-partitioned partition) and attaches
    /// the partitions' keys (see <see cref="PartitionedIndex"/>).
    /// </summary>
    private IEnumerable<StepDraft> PartitionedSteps(PlanContext context, PartitionedIndex partitions)
    {
        string keyDefinition = KeyDefinition();
        foreach (var leaf in partitions.Leaves)
        {
            TableConstraint leafKey = constraint switch
            {
                PrimaryKeyConstraint pk => pk with { Name = leaf.Index.Name, Text = keyDefinition },
                UniqueConstraint u => u with { Name = leaf.Index.Name, Text = keyDefinition },
                _ => throw new System.Diagnostics.UnreachableException(constraint.GetType().Name),
            };
            foreach (var step in new AddConstraintOperation(Origin, leaf.Table, leafKey, leaf.Index.Name, null, phase).Steps(context))
            {
                yield return step;
            }
        }

        var rollback = new Rollback($"ALTER TABLE {table.Name.Quoted} DROP CONSTRAINT IF EXISTS {name.Quoted};\n", DataLoss.None,
            Message.Of("rollback.drop-partitioned-key", Name(name.Value)));
        yield return partitions.AttachStep(context, phase, StepGroup.Main, key: true, (t, i) => PartitionedIndex.AddKeyOnly(t, i.Name, keyDefinition), rollback,
            Message.Of(constraint is PrimaryKeyConstraint ? "risk.attach-valid-index-primary-key" : "risk.attach-valid-index"));
    }

    /// <summary>
    /// Each leaf partition's foreign key (same name) NOT VALID then validated, as on a table of its own; then the brief step
    /// that adds it to the partitioned table, which takes the partitions' keys over without a scan.
    /// </summary>
    private IEnumerable<StepDraft> ForeignKeySteps(PlanContext context, PartitionedForeignKey foreignKey)
    {
        foreach (var leaf in foreignKey.Leaves)
        {
            foreach (var step in new AddConstraintOperation(Origin, leaf, constraint, name, referenced, phase).Steps(context))
            {
                // The partitions' keys share the table's key name: the title and id say which partition.
                yield return step with { Slug = $"{step.Slug}.{leaf.Name.Name.Value}", Title = Message.Of("title.on-partition", step.Title, Name(leaf.Name.Quoted)) };
            }
        }

        var add = Add(context, $"add_constraint.{name.Value}", Message.Of("title.add-constraint", Name(name.Value)), Definition(),
            new Rollback($"ALTER TABLE {table.Name.Quoted} DROP CONSTRAINT IF EXISTS {name.Quoted};\n", DataLoss.None, Message.Of("rollback.drop-partitioned-key", Name(name.Value))),
            Message.Of("risk.partition-foreign-keys-validated"));
        yield return add with
        {
            Locks = foreignKey.AttachLocks(table.Name, referenced?.Name),
            Impact = PartitionedForeignKey.Impact(table.Name, referenced?.Name, foreignKey.Partitions.Length),
            Verification = PlanSql.ConstraintValidated(table.Name, name),
        };
    }

    /// <summary>PRIMARY KEY (columns) or UNIQUE [NULLS NOT DISTINCT] (columns), without a name.</summary>
    private string KeyDefinition()
    {
        string columns = "(" + string.Join(", ", SchemaColumns().Select(c => c.Quoted)) + ")";
        return constraint switch
        {
            PrimaryKeyConstraint => "PRIMARY KEY " + columns,
            UniqueConstraint { NullsNotDistinct: true } => "UNIQUE NULLS NOT DISTINCT " + columns,
            _ => "UNIQUE " + columns,
        };
    }

    private IEnumerable<StepDraft> TableSteps(PlanContext context)
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
                    PlanSql.ConstraintValidated(t, name), fk ? context.Estimator.ForeignKeyValidation(table, referenced) : context.Estimator.Scan(table), RiskLevel.Medium,
                    Message.Of("risk.validate-existing-rows", Count(table.Rows)),
                    [Message.Of("action.validate-fix-and-rerun", Name(name.Value))])
                {
                    PreChecks = RowsCheck(context),
                };
                break;
            case UniqueConstraint or PrimaryKeyConstraint:
                var index = new QualifiedName(t.Schema, name);
                var columns = SchemaColumns();
                var indexStatement = new CreateIndexStatement(Origin, name, t, true, true, true, false, null,
                    [.. columns.Select(c => new IndexElement(c.Quoted, c, null))], constraint.Include, null, null, null)
                {
                    NullsNotDistinct = constraint is UniqueConstraint { NullsNotDistinct: true },
                };
                foreach (var step in new CreateIndexOperation(Origin, table, indexStatement, index, afterBackfill: false) { DuplicatesCheckable = RowsCheckable, TableId = TableId }.Steps(context))
                {
                    yield return step with { Phase = phase };
                }

                string kind = constraint is PrimaryKeyConstraint ? "PRIMARY KEY" : "UNIQUE";
                yield return Add(context, $"attach_constraint.{name.Value}", Message.Of("title.attach-constraint", Name(name.Value), Text(kind)), $"{kind} USING INDEX {name.Quoted}{(constraint.Attributes is null ? string.Empty : " " + constraint.Attributes)}", dropRollback,
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
