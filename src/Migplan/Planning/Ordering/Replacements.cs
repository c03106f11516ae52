using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Ordering;

/// <summary>
/// An unanalysed DROP of a trigger, view, function (and the like) followed by its CREATE [OR REPLACE] is one
/// replacement: run as separate steps, each committed on its own, the object would be missing in between (a trigger
/// that does not fire, a view the application cannot read). A run of such statements written one after another, from
/// the DROP to the last CREATE of an object it drops, becomes one step: the statements in order, in one transaction
/// (one DO block: a failure leaves the old object in place).
/// </summary>
internal static class Replacements
{
    public static void Merge(List<List<StepDraft>> drafts, WrittenOrder order, List<PlanNote> notes, IReadOnlyList<Operation> operations)
    {
        int i = 0;
        while (i < drafts.Count)
        {
            int end = RunEnd(drafts, order, i);
            if (end > i)
            {
                MergeRun(drafts, order, i, end, notes, operations);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>The last operation of the replacement starting at <paramref name="start"/>, or <paramref name="start"/> when none starts there.</summary>
    private static int RunEnd(List<List<StepDraft>> drafts, WrittenOrder order, int start)
    {
        if (!Mergeable(drafts, order, start) || !order[start].DropsReplaced)
        {
            return start;
        }

        var dropped = new HashSet<string>(StringComparer.Ordinal) { order[start].Replaced! };
        int end = start;
        for (int k = start + 1; k < drafts.Count && Mergeable(drafts, order, k) && Slots.Of(drafts[k][0]) == Slots.Of(drafts[start][0]); k++)
        {
            var f = order[k];
            if (f.DropsReplaced)
            {
                dropped.Add(f.Replaced!);
            }
            else if (dropped.Contains(f.Replaced!))
            {
                end = k;
            }
        }

        return end;
    }

    private static bool Mergeable(List<List<StepDraft>> drafts, WrittenOrder order, int k) =>
        order[k].Replaced is not null && drafts[k] is [{ Transactional: true, Commands.Length: 1 }];

    private static void MergeRun(List<List<StepDraft>> drafts, WrittenOrder order, int start, int end, List<PlanNote> notes, IReadOnlyList<Operation> operations)
    {
        var first = drafts[start][0];
        var members = Enumerable.Range(start, end - start + 1).Select(k => drafts[k][0]).ToList();
        string body = "BEGIN\n" + string.Concat(members.Select(m => $"  EXECUTE {SqlText.Literal(m.Commands[0].Sql.TrimEnd().TrimEnd(';'))};\n")) + "END\n";
        string what = order[start].Replaced!;
        drafts[start] = [first with
        {
            Title = Message.Of("title.unanalysed-replacement", Name(what)),
            Commands = [first.Commands[0] with { Sql = SqlText.DoBlock(body) }],
            Actions = [.. members.SelectMany(m => m.Actions)],
        }];
        for (int k = start + 1; k <= end; k++)
        {
            drafts[k] = [];
        }

        notes.Add(new PlanNote(operations[start].Origin.ToString(),
            Message.Of("note.replacement-in-one-step", Name(what), Text(operations[end].Origin.ToString()))));
    }
}
