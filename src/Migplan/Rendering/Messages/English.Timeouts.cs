namespace Migplan.Rendering.Messages;

/// <summary>What to do when a timeout policy fires.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Timeouts() => new Dictionary<string, string>
    {
    };
}
