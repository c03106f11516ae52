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
        ["note.not-null-kept-as-check"] = "PostgreSQL {0} cannot use a validated CHECK to skip the SET NOT NULL scan; the plan keeps the validated check {1} as the NOT NULL guarantee instead of setting attnotnull.",
    };
}
