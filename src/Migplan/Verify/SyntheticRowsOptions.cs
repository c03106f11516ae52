namespace Migplan.Verify;

/// <summary>How many synthetic rows <see cref="SyntheticRows.FillAsync"/> writes, and the seed that makes them repeatable.</summary>
public sealed record SyntheticRowsOptions
{
    /// <summary>The default <see cref="LargestTableRows"/>.</summary>
    public const long DefaultLargestTableRows = 100_000;

    /// <summary>The rows of a table with no estimate while other tables have one (never more than <see cref="LargestTableRows"/>).</summary>
    public const long DefaultTableRows = 1_000;

    /// <summary>The rows written to the table with the largest estimate; the others get rows in proportion to theirs.</summary>
    public long LargestTableRows { get; init; } = DefaultLargestTableRows;

    /// <summary>
    /// Estimated production rows by table (<c>schema.table</c>, unquoted as plan.json's <c>tables</c> names them; the
    /// quoted form is accepted too). Null or empty: every table gets <see cref="LargestTableRows"/>.
    /// </summary>
    public IReadOnlyDictionary<string, long>? TableRows { get; init; }

    /// <summary>
    /// True (the default): the rows are written with <c>session_replication_role = replica</c>, so no trigger fires (neither
    /// the foreign keys' nor the schema's own), and each foreign key is then checked with one anti-join (a broken one is a
    /// problem of its table): at a million rows this halves the time. Where the session may not set it (not a superuser), or
    /// when false, every foreign key is checked row by row as the rows are written, and triggers fire.
    /// </summary>
    public bool CheckForeignKeysAfterwards { get; init; } = true;

    /// <summary>The seed of every generated value: the same seed on the same schema gives the same rows.</summary>
    public int Seed { get; init; }
}
