namespace Migplan.Rendering.Messages;

/// <summary>The synthetic rows of <c>migplan verify</c> (Verify/SyntheticRows): how each table was filled, and why one fell short.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Rows() => new Dictionary<string, string>
    {
        ["rows.note.default-count"] = "{0}: no row estimate for it in the plan's stats, so {1} rows (the default).",
        ["rows.note.no-estimates"] = "{0}: no row estimates were given, so {1} rows, as for every table.",
        ["rows.note.parent-empty"] = "{0}: foreign key {1} left NULL: {2} has no rows.",
        ["rows.note.unknown-type"] = "{0}: column {1} left to its default (or NULL): the row generator does not know its type {2}.",
        ["rows.note.existing-rows"] = "{0}: it held {1} rows already; the new rows are added after them.",
        ["rows.note.check-fallback"] = "{0}: the first INSERT failed ({1}), so its rows were filtered by its CHECK constraints and its domains' checks.",
        ["rows.note.check-nulls"] = "{0}: its rows were filtered by its CHECK constraints, with NULL in the nullable columns they read.",
        ["rows.note.deferred-key"] = "{0}: foreign key {1} set by an UPDATE once every table was filled (it closes a cycle, or references its own table).",
        ["rows.short"] = "{0}: {1} of {2} rows inserted: {3}.",
        ["rows.reason.parent-empty"] = "foreign key {0} needs rows of {1}, which has none",
        ["rows.reason.unknown-type"] = "column {0} is NOT NULL, has no default, and its type {1} is one the row generator does not know",
        ["rows.reason.cycle"] = "foreign key {0} closes a cycle of NOT NULL foreign keys",
        ["rows.reason.foreign-table"] = "it is a foreign table",
        ["rows.reason.server-error"] = "the server refused the rows: {0} (SQLSTATE {1})",
        ["rows.reason.filtered"] = "only these of the generated rows satisfy its CHECK constraints or its partition bounds",
        ["rows.reason.unique-keys"] = "its unique foreign key columns allow only {0} rows (the combinations of the rows they reference)",
        ["rows.deferred-key-failed"] = "{0}: foreign key {1} (set after the other tables) left NULL: {2} (SQLSTATE {3}).",
        ["rows.foreign-key-broken"] = "{0}: {1} row(s) without their row referenced by foreign key {2} (the rows were written without triggers and checked afterwards).",
        ["rows.sequence-failed"] = "{0}: sequence {1} of column {2} could not be moved past the column's values: {3} (SQLSTATE {4}).",
    };
}
