namespace Migplan.Rendering.Messages;

/// <summary>Messages of type changes: locks through foreign keys, sequences, and the online recipe.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> TypeChanges() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["action.type-change-widens-sequence"] = "The sequence {0} owns (serial, or a sequence it owns) is widened too ({1}), or it would still stop at the old type's largest value; the rollback narrows it back only while its last value fits, and stops with an error otherwise.",
        ["action.type-swap"] = "One short transaction: the foreign keys referencing {0} and the key {1} dropped, the columns renamed (the old one kept, synced back while its values fit), {1} added USING INDEX {2} (no scan: the validated check proves NOT NULL), the default and the sequence moved to the new column, the foreign keys re-added NOT VALID (validated in the next steps). A re-run after it committed does nothing.",
        ["action.type-swap-backfill"] = "Copy {1} into {0} in batches (the trigger keeps rows written meanwhile in sync); a re-run skips rows already copied.",
        ["action.type-swap-check"] = "Validate the NOT NULL check on {0}: a scan under SHARE UPDATE EXCLUSIVE, so the swap can make the column NOT NULL without one.",
        ["action.type-swap-drop-old"] = "Drop the old column {0} ({1}) and the sync trigger once the application has run on the new type and nothing reads the old column.",
        ["action.type-swap-expand"] = "Add {0} (nullable, no rewrite), the trigger {1} copying the old column into it on every insert and update, and {2} NOT VALID (checked for new rows only).",
        ["action.type-swap-referencing-narrower"] = "{0} still has the old type and now references a {1} key through {2}: it works until a key past the old type's range is referenced; widen it too, as a type change of its own.",
        ["action.type-swap-rule"] = "{0} goes from {1} to {2} online (new column, trigger, batched backfill, unique index CONCURRENTLY, swap in one short transaction) because it is the primary key of an existing table: the ALTER as written would rewrite the table and hold ACCESS EXCLUSIVE on it, and on every table referencing it, for the whole rewrite. See docs/type-changes.md for which type changes take this form.",
        ["action.type-swap-validate-fk"] = "Validate {0}, re-added NOT VALID by the swap.",
        ["by-hand.type-swap-old-column-gone"] = "The old column is gone: to return {0} to {1}, plan that type change on its own (in a maintenance window or online).",
        ["impact.type-swap-foreign-keys"] = "ACCESS EXCLUSIVE on {0} and on {1} (their foreign keys are dropped and re-added NOT VALID) for milliseconds: no scan, no rewrite.",
        ["risk.type-swap"] = "Brief: metadata only, but it takes ACCESS EXCLUSIVE on the table and every referencing table at once.",
        ["risk.type-swap-backfill"] = "Writes every one of {0} rows once more (WAL, replica lag, dead tuples).",
        ["risk.type-swap-check"] = "A full scan without blocking reads or writes.",
        ["risk.type-swap-drop-old"] = "Destructive only of the old copy: the values live on in the new column.",
        ["risk.type-swap-expand"] = "Metadata only; every later write also fills the new column.",
        ["risk.type-swap-validate-fk"] = "A scan of the referencing table without blocking its reads or writes.",
        ["rollback.type-swap"] = "Swaps back in one transaction: the old {0} column is the key again, its index rebuilt under ACCESS EXCLUSIVE (run it in a window), the foreign keys re-added and validated, the sequence narrowed back; {1} is dropped with the key. It stops, changing nothing, if a row written since holds a value the old type cannot.",
        ["rollback.type-swap-expand"] = "Drops the trigger, its function and {0}: only the copy is lost, every existing value stays.",
        ["rollback.type-swap-old-column-gone"] = "Cannot be undone by a script: the old column and its values are gone (the same values live on in the new column).",
        ["title.type-swap"] = "Swap {0}.{1} to its {2} column",
        ["title.type-swap-expand"] = "Add a {2} copy of {0}.{1}, kept in sync by a trigger",
        ["impact.type-rewrite-foreign-keys"] = "ACCESS EXCLUSIVE on {0} for the whole rewrite of the table and the rebuild of its indexes, and on {1} (foreign keys through the column are rebuilt and re-checked) for as long: every read and write of each waits.",
    };
}
