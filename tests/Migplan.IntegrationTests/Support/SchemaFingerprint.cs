namespace Migplan.IntegrationTests.Support;

/// <summary>
/// The library's <see cref="Migplan.Verify.SchemaFingerprint"/> (what <c>migplan verify</c> compares) over a test's
/// scratch database, with an assertion showing only the lines that differ.
/// </summary>
public static class SchemaFingerprint
{
    public static async Task<string> OfAsync(ScratchDatabase db, CancellationToken ct, bool ignoreColumnOrder = true)
    {
        await using var conn = await db.OpenSessionAsync(ct);
        return await Migplan.Verify.SchemaFingerprint.OfAsync(conn, ct, ignoreColumnOrder);
    }

    /// <summary>Per user table, <c>schema.table: N rows, hash sums …</c> of its rows (see the library's <c>DataOfAsync</c>).</summary>
    public static async Task<string> DataOfAsync(ScratchDatabase db, CancellationToken ct, bool ignoreColumnOrder = true, bool clockDefaultsAsNullness = false)
    {
        await using var conn = await db.OpenSessionAsync(ct);
        return await Migplan.Verify.SchemaFingerprint.DataOfAsync(conn, ct, ignoreColumnOrder, clockDefaultsAsNullness);
    }

    /// <summary>Asserts two fingerprints are equal, showing only the lines that differ.</summary>
    public static void AssertSame(string expected, string actual, string what)
    {
        if (Migplan.Verify.SchemaFingerprint.Differences(expected, actual) is { } differences)
        {
            Assert.Fail($"{what} differs (- expected only, + actual only):\n" + differences);
        }
    }

    /// <summary>The lines only one fingerprint has, or null when they are equal.</summary>
    public static string? Differences(string expected, string actual) => Migplan.Verify.SchemaFingerprint.Differences(expected, actual);
}
