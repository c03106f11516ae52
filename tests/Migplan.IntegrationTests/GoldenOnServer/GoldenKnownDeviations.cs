namespace Migplan.IntegrationTests.GoldenOnServer;

/// <summary>How a golden case is run on the server: on the empty tables of schema.sql, or with <see cref="GoldenSeeds"/>.</summary>
public enum GoldenRunMode
{
    Empty,
    Seeded,
}

/// <summary>
/// Something a golden plan does on PostgreSQL 15 that differs from "every script exits 0 and every
/// verification prints its expected value", known and explained. Each one is asserted precisely: a
/// deviation that no longer happens fails the test too (remove it from <see cref="GoldenKnownDeviations"/>).
/// </summary>
/// <param name="Mode">The run it happens in; null for both.</param>
public abstract record GoldenDeviation(string Case, GoldenRunMode? Mode, string Why)
{
    public bool AppliesTo(string name, GoldenRunMode mode) => Case == name && (Mode is null || Mode == mode);
}

/// <summary>The script exits non-zero with <paramref name="Error"/> in its stderr; the run stops there (as a DBA's would) and rolls back.</summary>
public sealed record ScriptFails(string Case, GoldenRunMode? Mode, string Script, string Error, string Why)
    : GoldenDeviation(Case, Mode, Why);

/// <summary>The step's verification query prints <paramref name="Actual"/>, not the value plan.json expects.</summary>
public sealed record VerificationPrints(string Case, GoldenRunMode? Mode, string Script, string Actual, string Why)
    : GoldenDeviation(Case, Mode, Why);

/// <summary>
/// After every rollback the schema is not what it was before the plan, as the plan's rollbacks say;
/// <paramref name="Residue"/> is a line of pg_dump --schema-only that is gone (<c>- line</c>) or extra (<c>+ line</c>).
/// </summary>
public sealed record SchemaNotRestored(string Case, GoldenRunMode? Mode, string Residue, string Why)
    : GoldenDeviation(Case, Mode, Why);

public static class GoldenKnownDeviations
{
    public static readonly IReadOnlyList<GoldenDeviation> All =
    [
        new ScriptFails(
            "add-not-null-no-backfill", GoldenRunMode.Seeded, "04_validate_not_null_invoices_currency.sql",
            "ERROR:  check constraint \"invoices_currency_not_null\" of relation \"invoices\" is violated by some row",
            "The change adds invoices.currency NOT NULL with neither a default nor a backfill: the plan adds it nullable and " +
            "validates NOT NULL in Cleanup, which fails on existing rows (they hold NULL). The plan says so: high risk, " +
            "\"No statement of the change fills invoices.currency\". On empty tables the validation passes."),
        new SchemaNotRestored(
            "add-user-email", null, "- CREATE TABLE public.user_emails (",
            "rollback/10 of DROP TABLE user_emails says: restore from backup."),
        new SchemaNotRestored(
            "drop-column", null, "-     fax text,",
            "rollback/02 and /03 of DROP COLUMN say: restore from backup."),
        new SchemaNotRestored(
            "drop-table-with-fk", null, "- CREATE TABLE public.wishlist_items (",
            "rollback/02 of DROP TABLE wishlist_items says: restore from backup."),
        new SchemaNotRestored(
            "enum-sequence-truncate", null, "+     'on_hold',",
            "rollback/03 says enum values cannot be dropped; the unused value stays."),
    ];

    public static IEnumerable<GoldenDeviation> For(string name, GoldenRunMode mode) => All.Where(d => d.AppliesTo(name, mode));
}
