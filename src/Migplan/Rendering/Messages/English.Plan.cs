namespace Migplan.Rendering.Messages;

/// <summary>Messages about the plan as a whole: notes, assumptions, prerequisites, the maintenance window.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Plan() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = "{0}",
        ["assumption.throughput-batches"] = "Throughput: Batched UPDATE/DELETE: {0} rows/s including commits and pauses between batches.",
        ["assumption.throughput-foreign-key-validation"] = "Throughput: Foreign-key validation: {0} rows/s (one index probe per row).",
        ["assumption.throughput-index-build"] = "Throughput: CREATE INDEX CONCURRENTLY: {0} MB/s of heap (two passes and a sort).",
        ["assumption.throughput-metadata"] = "Throughput: Metadata-only DDL: {0} s per statement once its lock is granted.",
        ["assumption.throughput-rewrite"] = "Throughput: Table rewrite (ALTER COLUMN TYPE, volatile default): {0} MB/s including index rebuilds.",
        ["assumption.throughput-scan"] = "Throughput: Sequential scan (VALIDATE, NOT NULL proof): {0} MB/s of heap.",
        ["note.index-after-backfill"] = "Reordered: index {0} is built after the backfill at {1}: built first, every backfilled row would also insert into the index (no HOT updates, a bloated index); built afterwards, it costs one sort instead.",
        ["note.not-null-after-backfill"] = "Reordered: NOT NULL on {0} is applied in Cleanup, after the backfill at {1}. As written it would fail on existing rows (or, as SET NOT NULL, scan the table under ACCESS EXCLUSIVE).",
        ["note.not-null-kept-as-check"] = "PostgreSQL {0} cannot use a validated CHECK to skip the SET NOT NULL scan; the plan keeps the validated check {1} as the NOT NULL guarantee instead of setting attnotnull.",
        ["note.nothing-to-do-if-exists"] = "Nothing to do: {0} is not in the schema, and the statement says IF EXISTS.",
        ["note.rename-after-earlier-steps"] = "Reordered: the rename runs in {0}, after the steps written before it on the same table, which still use the old name.",
        ["note.session-setting-not-repeated"] = "`{0}` is a session setting: it is not repeated in the step scripts; add it to a step by hand if a statement depends on it.",
        ["note.timeout-replaced"] = "`{0}` is replaced by the timeouts each step sets for itself (see the step's script).",
        ["note.transaction-replaced"] = "`{0}` is replaced by the plan's own transactions: each step commits on its own, so a failure stops at a known step with its rollback.",
    };
}
