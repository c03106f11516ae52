namespace Migplan.Rendering.Messages;

/// <summary>Messages about the plan as a whole: notes, assumptions, prerequisites, the maintenance window.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Plan() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = "{0}",
    };
}
