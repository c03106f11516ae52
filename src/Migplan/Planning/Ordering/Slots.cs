namespace Migplan.Planning.Ordering;

/// <summary>A draft's place in the order as one number: its phase, then its group inside the phase.</summary>
internal static class Slots
{
    private const int Groups = 3;

    public static int Of(StepDraft d) => ((int)d.Phase * Groups) + (int)d.Group;

    /// <summary>
    /// The first slot of the operation's own steps: a companion step (a compatibility view made before a rename, or
    /// dropped in Cleanup after it) is not where the operation's effect lands, so it neither decides nor moves with it.
    /// </summary>
    public static int First(List<StepDraft> drafts)
    {
        int first = int.MaxValue;
        foreach (var d in Own(drafts))
        {
            first = Math.Min(first, Of(d));
        }

        return first;
    }

    public static int Last(List<StepDraft> drafts)
    {
        int last = int.MinValue;
        foreach (var d in Own(drafts))
        {
            last = Math.Max(last, Of(d));
        }

        return last;
    }

    /// <summary>Moves every draft placed after <paramref name="slot"/> to it (companions stay: a Cleanup companion stays last).</summary>
    public static void Lower(List<StepDraft> drafts, int slot) => Set(drafts, d => Of(d) > slot && !d.Companion, slot);

    private static IEnumerable<StepDraft> Own(List<StepDraft> drafts) => drafts.Any(d => !d.Companion) ? drafts.Where(d => !d.Companion) : drafts;

    /// <summary>Moves every draft placed before <paramref name="slot"/> to it.</summary>
    public static void Raise(List<StepDraft> drafts, int slot) => Set(drafts, d => Of(d) < slot, slot);

    private static void Set(List<StepDraft> drafts, Func<StepDraft, bool> which, int slot)
    {
        for (int k = 0; k < drafts.Count; k++)
        {
            if (which(drafts[k]))
            {
                drafts[k] = drafts[k] with { Phase = (Phase)(slot / Groups), Group = (StepGroup)(slot % Groups) };
            }
        }
    }
}
