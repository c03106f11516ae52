namespace Migplan.Rendering.Messages;

/// <summary>The go/no-go checks of the pre-migration step: what each checks, what it costs, and what its script says when it runs.</summary>
public sealed partial class English
{
    /// <summary>A blocking check's error when its expectation does not hold (RAISE format: number, label, found, expected).</summary>
    public const string GoNoGoFailed = "migplan: go/no-go check % failed: % Found: %; expected: %.";

    /// <summary>The hint of that error.</summary>
    public const string GoNoGoFailedHint = "Nothing was changed. Fix the rows the check's query finds (or re-plan), then run this script again; the plan must not start before every check passes.";

    /// <summary>A check that passed (RAISE format: number, label).</summary>
    public const string GoNoGoPassed = "migplan: go/no-go check % passed: %";

    /// <summary>An informative check's value (RAISE format: number, label, found).</summary>
    public const string GoNoGoInformative = "migplan: go/no-go check % (informative, never stops the plan): % Found: %.";

    /// <summary>An optional check skipped (RAISE format: number, label, cost, setting).</summary>
    public const string GoNoGoSkipped = "migplan: go/no-go check % skipped (optional, estimated %): % Run it with PGOPTIONS='-c %=on' (or SET it in the session) when its cost is acceptable.";

    private static IEnumerable<KeyValuePair<string, string>> GoNoGo() => new Dictionary<string, string>
    {
        ["action.go-no-go-checks"] = "The script ends with {0} go/no-go check(s), each a query with its expected result and its cost (see the table below): it stops (psql exits 3 under ON_ERROR_STOP) at the first that fails, naming it. Fix the data, or re-plan, before going on.",
        ["action.optional-go-no-go-checks"] = "{0} check(s) would take {1} in all: they are optional and skipped unless you turn on {2} (PGOPTIONS='-c {2}=on'); run them when the time is acceptable, or accept the risk that the step they protect fails halfway (it changes nothing when it does).",
        ["basis.anti-join"] = "{0} rows at {1} rows/s",
        ["basis.anti-join-default-rows"] = "{0} rows (the default row count) at {1} rows/s",
        ["basis.check-anti-join"] = "anti-join of {0} ({1} rows) against the key index of {2}, one index probe per row: {3}",
        ["basis.check-full-scan"] = "full scan of {0} ({1} rows): {2}",
        ["basis.check-group-scan"] = "full scan of {0} ({1} rows) grouped by the key (sorted like an index build): {2}",
        ["basis.pre-migration-catalog-reads"] = "{0} of catalog reads",
        ["basis.pre-migration-go-no-go"] = "{0} of catalog reads plus {1} go/no-go check(s) taking {2}",
        ["basis.pre-migration-go-no-go-optional"] = "{0} of catalog reads plus {1} go/no-go check(s) taking {2}; {3} optional check(s) would add {4} if run",
        ["check.duplicates-before-writes"] = "Duplicate keys for {0} now (informative: the plan writes the table before the build, so only the build decides).",
        ["check.no-nulls"] = "No NULL in {0} (SET NOT NULL would fail).",
        ["check.nulls-before-backfill"] = "NULLs in {0} now (informative: the plan's backfill fills them before SET NOT NULL; this is how many rows it must reach).",
        ["check.no-orphans"] = "No row of {1} without its row in {2} (the validation of {0} would fail).",
        ["check.orphans-before-writes"] = "Rows of {1} without their row in {2} now (informative: the plan writes the table before validating {0}).",
        ["check.generated-computes"] = "The expression of the generated column {0} computes on every existing row (an error here would have failed the rewrite in its window); rows where it is NULL, for information",
        ["check.generated-computes-not-null"] = "The expression of the generated column {0} computes on every existing row and is never NULL there (the column is NOT NULL: the rewrite would fail in its window)",
        ["check.no-violators"] = "No row of {1} breaks {0} (its validation would fail).",
        ["check.violators-before-writes"] = "Rows of {1} that break {0} now (informative: the plan writes the table before validating it).",
    };
}
