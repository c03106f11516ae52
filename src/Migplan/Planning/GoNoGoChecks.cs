using System.Collections.Immutable;
using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// The go/no-go checks operations hand to the pre-migration step (<see cref="StepDraft.PreChecks"/>): each a read-only
/// query with its expectation, and its cost from the table's size through the <see cref="Estimator"/>: a full scan, a
/// scan grouped by a key, or an anti-join probing the referenced table's key index per row. A check is informative
/// (never stops the plan) when the plan's own statements write the table first: they may fix what it counts.
/// </summary>
internal static class GoNoGoChecks
{
    /// <summary>No NULL in the column before SET NOT NULL: a full scan.</summary>
    public static GoNoGoCheck Nulls(PlanContext context, TableFacts table, Identifier column, bool informative)
    {
        string sql = $"SELECT pg_catalog.count(*) FROM {table.Name.Quoted} WHERE {column.Quoted} IS NULL;";
        var label = Message.Of(informative ? "check.nulls-before-backfill" : "check.no-nulls", Name($"{table.Name.Quoted}.{column.Quoted}"));
        return GoNoGoCheck.Of(new Verification(sql, "0") { Label = label }, FullScan(context.Estimator, table), blocking: !informative);
    }

    /// <summary>No row the CHECK rejects (NOT (expression) is true: a NULL result passes, as the constraint lets it): a full scan.</summary>
    /// <summary>
    /// A GENERATED ... STORED column's expression computed on every existing row before the rewrite takes its lock: an
    /// expression that fails on some row (a division by zero, a cast) stops the pre-migration step, not the window. Its
    /// NULLs are counted: none expected when the column is NOT NULL, informative otherwise.
    /// </summary>
    public static GoNoGoCheck Computes(PlanContext context, TableFacts table, Identifier column, string expression, bool notNull)
    {
        string sql = $"SELECT pg_catalog.count(*) FROM {table.Name.Quoted} WHERE ({expression}) IS NULL;";
        var label = Message.Of(notNull ? "check.generated-computes-not-null" : "check.generated-computes", Name(table.Name.Quoted + "." + column.Quoted));
        return GoNoGoCheck.Of(new Verification(sql, "0") { Label = label }, FullScan(context.Estimator, table), blocking: notNull);
    }

    public static GoNoGoCheck Violators(PlanContext context, TableFacts table, Identifier constraint, string expression, bool informative)
    {
        string sql = $"SELECT pg_catalog.count(*) FROM {table.Name.Quoted} WHERE NOT ({expression});";
        var label = Message.Of(informative ? "check.violators-before-writes" : "check.no-violators", Name(constraint.Value), Name(table.Name.Quoted));
        return GoNoGoCheck.Of(new Verification(sql, "0") { Label = label }, FullScan(context.Estimator, table), blocking: !informative);
    }

    /// <summary>
    /// No referencing row without its referenced row (MATCH SIMPLE: a row with a NULL in its key is not checked): an
    /// anti-join of the table against the referenced key, which has a unique index (a foreign key needs one), so one
    /// index probe per row.
    /// </summary>
    public static GoNoGoCheck Orphans(PlanContext context, TableFacts table, ImmutableArray<Identifier> columns, TableFacts referenced,
        ImmutableArray<Identifier> referencedColumns, Identifier constraint, bool informative)
    {
        string notNull = string.Join(" AND ", columns.Select(c => $"c.{c.Quoted} IS NOT NULL"));
        string join = string.Join(" AND ", columns.Select((c, i) => $"r.{referencedColumns[i].Quoted} = c.{c.Quoted}"));
        string sql = $"SELECT pg_catalog.count(*) FROM {table.Name.Quoted} c WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {referenced.Name.Quoted} r WHERE {join});";
        var label = Message.Of(informative ? "check.orphans-before-writes" : "check.no-orphans", Name(constraint.Value), Name(table.Name.Quoted), Name(referenced.Name.Quoted));
        var validation = context.Estimator.AntiJoin(table, indexed: true);
        var cost = new Estimate(validation.Seconds, Message.Of("basis.check-anti-join", Name(table.Name.Quoted), Count(table.Rows), Name(referenced.Name.Quoted), validation.Basis));
        return GoNoGoCheck.Of(new Verification(sql, "0") { Label = label }, cost, blocking: !informative);
    }

    /// <summary>No duplicate key before a unique index is built (<paramref name="query"/> lists them): the table scanned and grouped by the key.</summary>
    public static GoNoGoCheck Duplicates(PlanContext context, TableFacts table, string query, Identifier index, bool informative)
    {
        var label = Message.Of(informative ? "check.duplicates-before-writes" : "check.no-duplicates", Name(index.Value));
        var build = context.Estimator.IndexBuild(table);
        var cost = new Estimate(build.Seconds, Message.Of("basis.check-group-scan", Name(table.Name.Quoted), Count(table.Rows), build.Basis));
        return GoNoGoCheck.Of(new Verification(query, Expectation.NoRows) { Label = label }, cost, blocking: !informative);
    }

    /// <summary>A check of rows of the table that reads it whole (a backfill's coverage, a NULL count): its cost.</summary>
    public static Estimate FullScan(Estimator estimator, TableFacts table)
    {
        var scan = estimator.Scan(table);
        return new Estimate(scan.Seconds, Message.Of("basis.check-full-scan", Name(table.Name.Quoted), Count(table.Rows), scan.Basis));
    }
}
