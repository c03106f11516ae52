namespace Migplan.Rendering.Messages;

/// <summary>Messages of type changes: locks through foreign keys, sequences, and the online recipe.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> TypeChanges() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["action.type-change-widens-sequence"] = "The sequence {0} owns (serial, or a sequence it owns) is widened too ({1}), or it would still stop at the old type's largest value; the rollback narrows it back only while its last value fits, and stops with an error otherwise.",
        ["basis.rewrite-and-foreign-keys"] = "{0}; then {1} foreign key(s) re-checked: {2} (ACCESS EXCLUSIVE held on {3} meanwhile)",
        ["impact.type-rewrite-foreign-keys"] = "ACCESS EXCLUSIVE on {0} for the whole rewrite of the table and the rebuild of its indexes, and on {1} (foreign keys through the column are rebuilt and re-checked) for as long: every read and write of each waits.",
    };
}
