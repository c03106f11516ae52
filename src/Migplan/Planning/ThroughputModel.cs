using System.Globalization;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// The figures time estimates are derived from, measured on PostgreSQL 15 at 1,000,000 rows with
/// bench/measure.sh and checked against the plans' own scripts with bench/estimates.sh (docs/estimates.md
/// has the commands, the medians and the load they were taken under). Every figure is listed under
/// Assumptions in the plan; measure your own server and adjust.
/// </summary>
public sealed record ThroughputModel
{
    /// <summary>A metadata-only statement: lock acquisition plus catalog update.</summary>
    public double MetadataSeconds { get; init; } = 1;

    /// <summary>One read-only catalog query of the pre-migration checks, with its round trip.</summary>
    public double CatalogQuerySeconds { get; init; } = 0.05;

    /// <summary>Sequential heap scan that checks each row (VALIDATE of a CHECK, SET NOT NULL without proof, a count).</summary>
    public double ScanBytesPerSecond { get; init; } = 250e6;

    /// <summary>Heap written by a table rewrite (ALTER COLUMN TYPE, volatile default), indexes apart.</summary>
    public double RewriteBytesPerSecond { get; init; } = 35e6;

    /// <summary>Rows per second one index build sorts and writes, on top of its scan of the heap (in a rewrite, or CONCURRENTLY).</summary>
    public double IndexRowsPerSecond { get; init; } = 650_000;

    /// <summary>Rows of both tables per second joined by a foreign key's validation (one query over both tables).</summary>
    public double ForeignKeyRowsPerSecond { get; init; } = 750_000;

    /// <summary>Rows per second of an anti-join whose inner side is probed through an index (orphans, duplicates).</summary>
    public double IndexedAntiJoinRowsPerSecond { get; init; } = 200_000;

    /// <summary>Rows per second of an anti-join without an index on the inner side (a hash join of both tables).</summary>
    public double HashAntiJoinRowsPerSecond { get; init; } = 1_000_000;

    /// <summary>Rows per second a batched UPDATE writes, the pauses between batches apart.</summary>
    public double UpdateRowsPerSecond { get; init; } = 55_000;

    /// <summary>Rows per second a batched DELETE removes, the pauses between batches apart.</summary>
    public double DeleteRowsPerSecond { get; init; } = 400_000;

    /// <summary>The pause after each committed batch (the scripts' pg_sleep).</summary>
    public double BatchPauseSeconds { get; init; } = double.Parse(Operations.BatchLoops.PauseSeconds, CultureInfo.InvariantCulture);

    /// <summary>Heap scanned per second by VACUUM (pages read, frozen and marked all-visible).</summary>
    public double VacuumBytesPerSecond { get; init; } = 200e6;

    /// <summary>Dead row versions per second VACUUM removes from the heap and from each index.</summary>
    public double VacuumDeadRowsPerSecond { get; init; } = 2_000_000;

    /// <summary>Rows assumed for a table without stats.</summary>
    public long DefaultRows { get; init; } = 1_000_000;

    /// <summary>Bytes per row assumed when stats give no size.</summary>
    public long DefaultRowBytes { get; init; } = 200;

    /// <summary>A sequential scan of <paramref name="bytes"/> of heap.</summary>
    public double ScanSeconds(double bytes) => bytes / ScanBytesPerSecond;

    /// <summary>An anti-join of <paramref name="rows"/> rows (both sides for a hash join) against another table, through an index or not.</summary>
    public double AntiJoinSeconds(double rows, bool indexed) => rows / (indexed ? IndexedAntiJoinRowsPerSecond : HashAntiJoinRowsPerSecond);

    /// <summary>One index built over a table: a scan of its heap, then a sort and write of its rows.</summary>
    public double IndexBuildSeconds(double heapBytes, double rows) => ScanSeconds(heapBytes) + rows / IndexRowsPerSecond;

    /// <summary>The validation of a foreign key: one join of the referencing and the referenced table.</summary>
    public double ForeignKeySeconds(double referencingRows, double referencedRows) => (referencingRows + referencedRows) / ForeignKeyRowsPerSecond;

    /// <summary>A batched UPDATE or DELETE of <paramref name="rows"/> rows in batches of <paramref name="batchSize"/>, pauses included.</summary>
    public double BatchSeconds(double rows, int batchSize, bool delete) =>
        rows / (delete ? DeleteRowsPerSecond : UpdateRowsPerSecond) + Math.Ceiling(rows / Math.Max(1, batchSize)) * BatchPauseSeconds;

    /// <summary>VACUUM of a heap of <paramref name="heapBytes"/> holding <paramref name="deadRows"/> dead versions, removed from the heap and each of <paramref name="indexes"/> indexes.</summary>
    public double VacuumSeconds(double heapBytes, double deadRows, int indexes) => heapBytes / VacuumBytesPerSecond + deadRows * (1 + indexes) / VacuumDeadRowsPerSecond;

    /// <summary>The figures, one assumption each.</summary>
    public IEnumerable<Message> Describe()
    {
        yield return Message.Of("assumption.throughput-metadata", Number(MetadataSeconds));
        yield return Message.Of("assumption.throughput-scan", Number(ScanBytesPerSecond / 1e6));
        yield return Message.Of("assumption.throughput-index-rows", Count(IndexRowsPerSecond), Number(ScanBytesPerSecond / 1e6));
        yield return Message.Of("assumption.throughput-heap-rewrite", Number(RewriteBytesPerSecond / 1e6));
        yield return Message.Of("assumption.throughput-update-delete", Count(UpdateRowsPerSecond), Count(DeleteRowsPerSecond), Number(BatchPauseSeconds));
        yield return Message.Of("assumption.throughput-vacuum", Number(VacuumBytesPerSecond / 1e6), Count(VacuumDeadRowsPerSecond));
        yield return Message.Of("assumption.throughput-foreign-key-join", Count(ForeignKeyRowsPerSecond));
        yield return Message.Of("assumption.throughput-catalog-query", Number(CatalogQuerySeconds));
    }
}
