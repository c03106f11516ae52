using System.Collections.Immutable;
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
        var command = first.Commands[0] with { Sql = SqlText.DoBlock(body) };
        drafts[start] = [members.All(m => m.Analysed) ? Analysed(first, members, command, what) : first with
        {
            Title = Message.Of("title.unanalysed-replacement", Name(what)),
            Commands = [command],
            Actions = [.. members.SelectMany(m => m.Actions)],
            Analysed = false,
            Timeouts = TimeoutPolicy.Unanalysed,
            Rollback = new Rollback(Message.Of("by-hand.unanalysed"), DataLoss.Unknown, Message.Of("rollback.unanalysed")),
            Verification = Verification.ByHand(Message.Of("judge.unanalysed")),
        }];
        for (int k = start + 1; k <= end; k++)
        {
            drafts[k] = [];
        }

        notes.Add(new PlanNote(operations[start].Origin.ToString(),
            Message.Of("note.replacement-in-one-step", Name(what), Text(operations[end].Origin.ToString()))));
    }

    /// <summary>Several commands as one (a DO block running them in order, in one transaction), its lock retried as a whole.</summary>
    private static ImmutableArray<Command> InOneCommand(ImmutableArray<Command> commands, bool retried) => commands.Length <= 1 ? commands
        : [new Command(Operations.DefinedObjectSql.InOneTransaction(commands.Select(c => c.Sql))) { LockRetry = retried ? LockRetry.Default : null }];

    /// <summary>
    /// A replacement whose statements were all analysed: their locks, the riskiest one's risk, the last one's
    /// verification, and their rollbacks in reverse order in one transaction (the new object dropped, then the old one created again). Its
    /// lock is retried as a whole, the DO block being one statement.
    /// </summary>
    private static StepDraft Analysed(StepDraft first, List<StepDraft> members, Command command, string what)
    {
        var locks = members.SelectMany(m => m.Locks).Distinct().ToImmutableArray();
        var riskiest = members.Last(m => m.Risk == members.Max(x => x.Risk)); // of equals, the last: what the replacement leaves
        var rollbacks = Enumerable.Reverse(members).Select(m => m.Rollback).ToList();
        var byHand = rollbacks.Where(r => r.ByHand is not null).Select(r => r.ByHand!).ToList();
        bool retried = locks.Any(l => l.Mode > LockMode.ShareUpdateExclusive) && LockRetry.Default.Problem(command with { LockRetry = LockRetry.Default }) is null;
        return first with
        {
            Title = Message.Of("title.replacement", Name(what)),
            Commands = [retried ? command with { LockRetry = LockRetry.Default } : command],
            Locks = locks,
            Impact = members.MaxBy(m => m.Locks.Select(l => (int)l.Mode).DefaultIfEmpty(-1).Max())!.Impact,
            Risk = riskiest.Risk,
            RiskReason = riskiest.RiskReason,
            Verification = members[^1].Verification,
            Actions = [.. members.SelectMany(m => m.Actions)],
            Rollback = new Rollback(InOneCommand([.. rollbacks.SelectMany(r => r.Commands)], retried), rollbacks.Max(r => r.Loss), Message.Of("rollback.replacement"))
            {
                ByHand = byHand.Count switch { 0 => null, 1 => byHand[0], _ => Message.Of("by-hand.each", List(byHand)) },
                Timeouts = first.Rollback.Timeouts,
            },
        };
    }
}
