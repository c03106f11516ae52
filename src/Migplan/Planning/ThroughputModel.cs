using System.Globalization;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// The figures time estimates are derived from. Every value is a documented default, listed under
/// Assumptions in the plan; measure your own server and adjust (see docs/estimates.md).
/// </summary>
public sealed record ThroughputModel
{
    /// <summary>A metadata-only statement: lock acquisition plus catalog update.</summary>
    public double MetadataSeconds { get; init; } = 1;

    /// <summary>Sequential heap scan (VALIDATE CONSTRAINT, SET NOT NULL without proof).</summary>
    public double ScanBytesPerSecond { get; init; } = 200e6;

    /// <summary>Table rewrite including rebuilding its indexes (ALTER COLUMN TYPE, volatile default).</summary>
    public double RewriteBytesPerSecond { get; init; } = 50e6;

    /// <summary>Heap scanned per second by CREATE INDEX CONCURRENTLY (two scans plus a sort).</summary>
    public double IndexBuildBytesPerSecond { get; init; } = 40e6;

    /// <summary>Rows per second a batched UPDATE/DELETE sustains with commits and replicas keeping up.</summary>
    public double BatchRowsPerSecond { get; init; } = 5000;

    /// <summary>Rows per second checked by VALIDATE of a foreign key (one index probe per row).</summary>
    public double ForeignKeyRowsPerSecond { get; init; } = 100_000;

    /// <summary>Rows assumed for a table without stats.</summary>
    public long DefaultRows { get; init; } = 1_000_000;

    /// <summary>Bytes per row assumed when stats give no size.</summary>
    public long DefaultRowBytes { get; init; } = 200;

    /// <summary>The figures, one assumption each.</summary>
    public IEnumerable<Message> Describe()
    {
        yield return Message.Of("assumption.throughput-metadata", Number(MetadataSeconds));
        yield return Message.Of("assumption.throughput-scan", Number(ScanBytesPerSecond / 1e6));
        yield return Message.Of("assumption.throughput-index-build", Number(IndexBuildBytesPerSecond / 1e6));
        yield return Message.Of("assumption.throughput-rewrite", Number(RewriteBytesPerSecond / 1e6));
        yield return Message.Of("assumption.throughput-batches", Count(BatchRowsPerSecond));
        yield return Message.Of("assumption.throughput-foreign-key-validation", Count(ForeignKeyRowsPerSecond));
    }
}

/// <summary>Turns row counts and sizes into estimates through a <see cref="ThroughputModel"/>.</summary>
public sealed class Estimator(ThroughputModel model)
{
    public ThroughputModel Model { get; } = model;

    public Estimate Metadata() => new(Model.MetadataSeconds, Message.Of("basis.metadata"));

    public Estimate Scan(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Bytes / Model.ScanBytesPerSecond), Message.Of(Basis("basis.scan", t), Bytes(t.Bytes), Bytes(Model.ScanBytesPerSecond)));

    public Estimate IndexBuild(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Bytes / Model.IndexBuildBytesPerSecond), Message.Of(Basis("basis.index-build", t), Bytes(t.Bytes), Bytes(Model.IndexBuildBytesPerSecond)));

    public Estimate Rewrite(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Bytes / Model.RewriteBytesPerSecond), Message.Of(Basis("basis.rewrite", t), Bytes(t.Bytes), Bytes(Model.RewriteBytesPerSecond)));

    public Estimate Batches(TableFacts t, long rows) =>
        new(Math.Max(Model.MetadataSeconds, rows / Model.BatchRowsPerSecond), Message.Of(Basis("basis.rows", t), Count(rows), Count(Model.BatchRowsPerSecond)));

    public Estimate ForeignKeyValidation(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Rows / Model.ForeignKeyRowsPerSecond), Message.Of(Basis("basis.rows", t), Count(t.Rows), Count(Model.ForeignKeyRowsPerSecond)));

    /// <summary>The basis id, saying so when the table's row count is the default.</summary>
    private static string Basis(string id, TableFacts t) => t.StatsKnown || t.CreatedInChange ? id : id + "-default-rows";

    public static string Size(double bytes) => bytes switch
    {
        >= 1e12 => (bytes / 1e12).ToString("0.#", CultureInfo.InvariantCulture) + " TB",
        >= 1e9 => (bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
        >= 1e6 => (bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1e3 => (bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>"45 s", "12 min", "2 h 5 min".</summary>
    public static string Duration(double seconds)
    {
        var c = CultureInfo.InvariantCulture;
        if (seconds < 90)
        {
            return Math.Ceiling(seconds).ToString("0", c) + " s";
        }

        double minutes = Math.Ceiling(seconds / 60);
        if (minutes < 120)
        {
            return minutes.ToString("0", c) + " min";
        }

        return string.Format(c, "{0} h {1} min", Math.Floor(minutes / 60), minutes % 60);
    }
}
