namespace Migplan.Planning.Ordering;

/// <summary>A draft's place in the order as one number: its phase, then its group inside the phase.</summary>
internal static class Slots
{
    private const int Groups = 3;

    public static int Of(StepDraft d) => ((int)d.Phase * Groups) + (int)d.Group;

    public static int First(List<StepDraft> drafts)
    {
        int first = int.MaxValue;
        foreach (var d in drafts)
        {
            first = Math.Min(first, Of(d));
        }

        return first;
    }

    public static int Last(List<StepDraft> drafts)
    {
        int last = int.MinValue;
        foreach (var d in drafts)
        {
            last = Math.Max(last, Of(d));
        }

        return last;
    }

    /// <summary>Moves every draft placed after <paramref name="slot"/> to it.</summary>
    public static void Lower(List<StepDraft> drafts, int slot) => Set(drafts, d => Of(d) > slot, slot);

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
