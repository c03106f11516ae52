namespace Migplan.Rendering.Messages;

/// <summary>Messages about the plan as a whole: notes, assumptions, prerequisites, the maintenance window.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Plan() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = "{0}",
        ["note.not-null-kept-as-check"] = "PostgreSQL {0} cannot use a validated CHECK to skip the SET NOT NULL scan; the plan keeps the validated check {1} as the NOT NULL guarantee instead of setting attnotnull.",
    };
}
