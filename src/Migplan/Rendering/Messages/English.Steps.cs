namespace Migplan.Rendering.Messages;

/// <summary>Messages of steps: impact, risk reasons, actions, rollbacks and estimates.</summary>
public sealed partial class English
{
    private static IEnumerable<KeyValuePair<string, string>> Steps() => new Dictionary<string, string>
    {
    };
}
