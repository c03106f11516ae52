namespace Migplan.Analysis;

/// <summary>What a PostgreSQL major version can do; the one place version differences live.</summary>
public sealed record PgCapabilities(int Version)
{
    public const int DefaultVersion = 15;

    /// <summary>ADD COLUMN with a non-volatile default stores it in the catalog, no rewrite (PG 11).</summary>
    public bool FastColumnDefault => Version >= 11;

    /// <summary>CREATE VIEW ... WITH (security_invoker = true): the caller's privileges and row-level security apply through the view.</summary>
    public bool SecurityInvokerViews => Version >= 15;

    /// <summary>SET NOT NULL skips its scan when a valid CHECK (col IS NOT NULL) proves it (PG 12).</summary>
    public bool NotNullFromValidCheck => Version >= 12;

    /// <summary>Procedures and DO blocks may COMMIT between batches (PG 11).</summary>
    public bool CommitInDoBlock => Version >= 11;

    /// <summary>ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent (12+); before 12, ACCESS EXCLUSIVE.</summary>
    public bool AttachPartitionShareUpdateExclusive => Version >= 12;

    /// <summary>TID range scans make ctid-range batches cheap (PG 14).</summary>
    public bool TidRangeScan => Version >= 14;

    /// <summary>REINDEX CONCURRENTLY (PG 12).</summary>
    public bool ReindexConcurrently => Version >= 12;

    /// <summary>DETACH PARTITION CONCURRENTLY (PG 14).</summary>
    public bool DetachConcurrently => Version >= 14;

    /// <summary>ALTER TYPE ... ADD VALUE inside a transaction block (PG 12), though the value is usable only after commit.</summary>
    public bool EnumAddValueInTransaction => Version >= 12;
}
