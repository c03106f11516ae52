using System.Globalization;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>Turns row counts and sizes into estimates, each with its basis, through a <see cref="ThroughputModel"/>.</summary>
public sealed class Estimator(ThroughputModel model)
{
    public ThroughputModel Model { get; } = model;

    public Estimate Metadata() => new(Model.MetadataSeconds, Message.Of("basis.metadata"));

    /// <summary>A scan of the table's heap that checks every row (VALIDATE of a CHECK, SET NOT NULL without proof).</summary>
    public Estimate Scan(TableFacts t) =>
        new(AtLeastMetadata(Model.ScanSeconds(t.Bytes)), Message.Of(Basis("basis.scan", t), Bytes(t.Bytes), Bytes(Model.ScanBytesPerSecond)));

    /// <summary>One index built over the table: a scan of its heap, then a sort of its rows.</summary>
    public Estimate IndexBuild(TableFacts t) =>
        new(AtLeastMetadata(Model.IndexBuildSeconds(t.Bytes, t.Rows)),
            Message.Of(Basis("basis.index-build-rows", t), Bytes(t.Bytes), Bytes(Model.ScanBytesPerSecond), Count(t.Rows), Count(Model.IndexRowsPerSecond)));

    /// <summary>
    /// A rewrite of the table under ACCESS EXCLUSIVE: its heap written anew, each of its indexes rebuilt (a scan and a sort each),
    /// and each foreign key that depends on the rewritten column, in either direction, validated again (a join of both tables).
    /// </summary>
    public Estimate Rewrite(TableFacts t, IReadOnlyList<(TableFacts Referencing, TableFacts Referenced)> revalidatedForeignKeys)
    {
        double heap = t.Bytes / Model.RewriteBytesPerSecond;
        double perIndex = Model.IndexBuildSeconds(t.Bytes, t.Rows);
        long joined = 0;
        foreach (var (referencing, referenced) in revalidatedForeignKeys)
        {
            joined += referencing.Rows + referenced.Rows;
        }

        double seconds = heap + t.Indexes * perIndex + joined / Model.ForeignKeyRowsPerSecond;
        return new(AtLeastMetadata(seconds), revalidatedForeignKeys.Count == 0
            ? Message.Of(Basis("basis.rewrite-indexes", t), Bytes(t.Bytes), Bytes(Model.RewriteBytesPerSecond), Count(t.Indexes), Seconds(perIndex))
            : Message.Of(Basis("basis.rewrite-indexes-foreign-keys", t), Bytes(t.Bytes), Bytes(Model.RewriteBytesPerSecond),
                Count(t.Indexes), Seconds(perIndex), Count(revalidatedForeignKeys.Count), Count(joined), Count(Model.ForeignKeyRowsPerSecond)));
    }

    /// <summary>A batched UPDATE (or DELETE) of <paramref name="rows"/> rows in batches of <paramref name="batchSize"/>, with the pause after each.</summary>
    /// <summary>An INSERT ... SELECT copying <paramref name="rows"/> rows of <paramref name="source"/> in batches: at the batched UPDATE's measured rate (both write one new row version and its index entries per row).</summary>
    public Estimate Copy(TableFacts source, long rows, int batchSize) => Batches(source, rows, batchSize, delete: false, "basis.copy-batches");

    public Estimate Batches(TableFacts t, long rows, int batchSize, bool delete) =>
        Batches(t, rows, batchSize, delete, delete ? "basis.delete-batches" : "basis.update-batches");

    private Estimate Batches(TableFacts t, long rows, int batchSize, bool delete, string basis)
    {
        double batches = Math.Ceiling(rows / (double)Math.Max(1, batchSize));
        return new(AtLeastMetadata(Model.BatchSeconds(rows, batchSize, delete)), Message.Of(Basis(basis, t),
            Count(rows), Count(delete ? Model.DeleteRowsPerSecond : Model.UpdateRowsPerSecond), Count(batches), Number(Model.BatchPauseSeconds)));
    }

    /// <summary>
    /// VACUUM after a batched UPDATE or DELETE wrote <paramref name="deadRows"/> dead row versions: the heap as it then is (an UPDATE
    /// adds a new version of each row) and each dead version removed from the heap and from every index.
    /// </summary>
    public Estimate VacuumAfter(TableFacts t, long deadRows, bool updated)
    {
        double heap = t.Bytes + (updated && t.Rows > 0 ? deadRows * (t.Bytes / (double)t.Rows) : 0);
        return new(AtLeastMetadata(Model.VacuumSeconds(heap, deadRows, t.Indexes)), Message.Of(Basis("basis.vacuum-dead-rows", t),
            Bytes(heap), Bytes(Model.VacuumBytesPerSecond), Count(deadRows), Count(t.Indexes), Count(Model.VacuumDeadRowsPerSecond)));
    }

    /// <summary>The validation of a foreign key: one join of the table with the one it references (its rows only when that one is unknown).</summary>
    public Estimate ForeignKeyValidation(TableFacts t, TableFacts? referenced)
    {
        long rows = t.Rows + (referenced?.Rows ?? 0);
        return new(AtLeastMetadata(Model.ForeignKeySeconds(t.Rows, referenced?.Rows ?? 0)), Message.Of(Basis("basis.foreign-key-join", t), Count(rows), Count(Model.ForeignKeyRowsPerSecond)));
    }

    /// <summary>The pre-migration checks: <paramref name="queries"/> catalog queries, plus <paramref name="scanSeconds"/> for the checks that read rows.</summary>
    public double CatalogQueries(int queries) => AtLeastMetadata(queries * Model.CatalogQuerySeconds);

    /// <summary>NOT EXISTS of each row of <paramref name="t"/> in another table: one index probe per row when that table's key is indexed.</summary>
    public Estimate AntiJoin(TableFacts t, bool indexed) =>
        new(AtLeastMetadata(Model.AntiJoinSeconds(t.Rows, indexed)), Message.Of(Basis("basis.anti-join", t), Count(t.Rows),
            Count(indexed ? Model.IndexedAntiJoinRowsPerSecond : Model.HashAntiJoinRowsPerSecond)));

    private double AtLeastMetadata(double seconds) => Math.Max(Model.MetadataSeconds, seconds);

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
