using System.Globalization;

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

    public IEnumerable<string> Describe()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Format(c, "Metadata-only DDL: {0} s per statement once its lock is granted.", MetadataSeconds);
        yield return string.Format(c, "Sequential scan (VALIDATE, NOT NULL proof): {0} MB/s of heap.", ScanBytesPerSecond / 1e6);
        yield return string.Format(c, "CREATE INDEX CONCURRENTLY: {0} MB/s of heap (two passes and a sort).", IndexBuildBytesPerSecond / 1e6);
        yield return string.Format(c, "Table rewrite (ALTER COLUMN TYPE, volatile default): {0} MB/s including index rebuilds.", RewriteBytesPerSecond / 1e6);
        yield return string.Format(c, "Batched UPDATE/DELETE: {0:N0} rows/s including commits and pauses between batches.", BatchRowsPerSecond);
        yield return string.Format(c, "Foreign-key validation: {0:N0} rows/s (one index probe per row).", ForeignKeyRowsPerSecond);
    }
}

/// <summary>Turns row counts and sizes into estimates through a <see cref="ThroughputModel"/>.</summary>
public sealed class Estimator(ThroughputModel model)
{
    public ThroughputModel Model { get; } = model;

    public Estimate Metadata() => new(Model.MetadataSeconds, "metadata only, no scan");

    public Estimate Scan(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Bytes / Model.ScanBytesPerSecond), $"scan of {Size(t.Bytes)} at {Size(Model.ScanBytesPerSecond)}/s{t.StatsNote}");

    public Estimate IndexBuild(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Bytes / Model.IndexBuildBytesPerSecond), $"{Size(t.Bytes)} of heap at {Size(Model.IndexBuildBytesPerSecond)}/s{t.StatsNote}");

    public Estimate Rewrite(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Bytes / Model.RewriteBytesPerSecond), $"rewrite of {Size(t.Bytes)} at {Size(Model.RewriteBytesPerSecond)}/s{t.StatsNote}");

    public Estimate Batches(TableFacts t, long rows) =>
        new(Math.Max(Model.MetadataSeconds, rows / Model.BatchRowsPerSecond), string.Format(CultureInfo.InvariantCulture, "{0:N0} rows at {1:N0} rows/s{2}", rows, Model.BatchRowsPerSecond, t.StatsNote));

    public Estimate ForeignKeyValidation(TableFacts t) =>
        new(Math.Max(Model.MetadataSeconds, t.Rows / Model.ForeignKeyRowsPerSecond), string.Format(CultureInfo.InvariantCulture, "{0:N0} rows at {1:N0} rows/s{2}", t.Rows, Model.ForeignKeyRowsPerSecond, t.StatsNote));

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
