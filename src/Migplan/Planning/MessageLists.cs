using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>Lists as message arguments: a few items in full, the first ten of many.</summary>
internal static class MessageLists
{
    private const int Shown = 10;

    /// <summary>Names, "a, b, c"; past ten, the first ten and how many more.</summary>
    public static MessageArg Names(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= Shown ? Name(string.Join(", ", all)) : Message.Of("list.first-ten-and-more", Name(string.Join(", ", all.Take(Shown))), Count(all.Count - Shown));
    }

    /// <summary>Names where the message states their number itself: past ten, the first ten and ", ...".</summary>
    public static MessageArg FirstTenNames(IReadOnlyCollection<string> names) =>
        names.Count <= Shown ? Name(string.Join(", ", names)) : Message.Of("list.first-ten-and-ellipsis", Name(string.Join(", ", names.Take(Shown))));

    /// <summary>Messages (step titles, say) as a list; past ten, the first ten and how many more.</summary>
    public static MessageArg Of(IEnumerable<Message> messages)
    {
        var all = messages.ToList();
        return all.Count <= Shown ? List(all) : Message.Of("list.first-ten-and-more", List(all.Take(Shown)), Count(all.Count - Shown));
    }
}
