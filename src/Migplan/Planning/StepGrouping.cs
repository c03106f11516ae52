using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// Groups the steps of a large plan: steps of one kind on different tables (2,500 NOT VALID checks,
/// say) become one step whose script runs them one after another, each statement in its own short
/// transaction with the same timeouts. Every grouped statement is idempotent, so the grouped script
/// can be re-run after a failure. The order of the steps of each table is kept: a table's next step
/// is taken only after its previous one; steps that belong to no single table, or to no kind, are
/// barriers that keep their place.
/// </summary>
internal static class StepGrouping
{
    /// <summary>A step in plan order, with its table and where it came from (operation and index among its steps).</summary>
    public sealed record Item(StepDraft Draft, int? Table, int Op, int Sub)
    {
        /// <summary>The grouping key, computed once.</summary>
        public GroupingKey? Key { get; } = GroupKey(Draft);
    }

    /// <summary>What steps must share to be grouped: their kind, transaction mode, timeouts, destructiveness and analysis.</summary>
    public readonly record struct GroupingKey(string Kind, bool Transactional, string Policy, bool Destructive, bool Analysed, string Carried);

    public static bool IsGroupable(StepDraft d) =>
        KindOf(d) is { IsEmpty: false } kind && GroupableKindNames.Contains(kind) && d.Timeouts?.Policy != TimeoutPolicy.BackfillOnce.Policy;

    /// <summary>The step's kind (its slug up to the first dot) without making a string of it; empty when it has none.</summary>
    private static ReadOnlySpan<char> KindOf(StepDraft d) =>
        d.Slug.IndexOf('.', StringComparison.Ordinal) is int i and > 0 ? d.Slug.AsSpan(0, i) : [];

    private static bool HasKind(StepDraft d) => !KindOf(d).IsEmpty;

    /// <param name="ordered">Steps in plan order.</param>
    public static List<StepDraft> Group(List<Item> ordered)
    {
        var result = new List<StepDraft>();
        int i = 0;
        while (i < ordered.Count)
        {
            var (draft, table) = (ordered[i].Draft, ordered[i].Table);
            if (table is null || !HasKind(draft))
            {
                result.Add(draft);
                i++;
                continue;
            }

            int end = i;
            while (end < ordered.Count && ordered[end].Table is not null && HasKind(ordered[end].Draft)
                   && ordered[end].Draft.Phase == draft.Phase && ordered[end].Draft.Group == draft.Group)
            {
                end++;
            }

            result.AddRange(GroupSegment(ordered, i, end));
            i = end;
        }

        return result;
    }

    private static IEnumerable<StepDraft> GroupSegment(List<Item> ordered, int start, int end)
    {
        // One queue per table, in order of first appearance; heads indexed by their grouping key.
        var position = new Dictionary<int, int>();
        var queues = new List<Queue<Item>>();
        for (int i = start; i < end; i++)
        {
            int table = ordered[i].Table!.Value;
            if (!position.TryGetValue(table, out int p))
            {
                p = queues.Count;
                position[table] = p;
                queues.Add(new Queue<Item>());
            }

            queues[p].Enqueue(ordered[i]);
            ordered[i] = null!; // the queues own it now: a merged step's members become garbage as soon as it is built
        }

        var nonEmpty = new SortedSet<int>(Enumerable.Range(0, queues.Count));
        var headsByKey = new Dictionary<GroupingKey, SortedSet<int>>();
        void IndexHead(int p)
        {
            if (queues[p].Count == 0)
            {
                nonEmpty.Remove(p);
            }
            else if (queues[p].Peek().Key is { } key)
            {
                if (!headsByKey.TryGetValue(key, out var set))
                {
                    set = [];
                    headsByKey[key] = set;
                }

                set.Add(p);
            }
        }

        for (int p = 0; p < queues.Count; p++)
        {
            IndexHead(p);
        }

        while (nonEmpty.Count > 0)
        {
            int first = nonEmpty.Min;
            var head = queues[first].Peek();
            if (head.Key is not { } key)
            {
                queues[first].Dequeue();
                IndexHead(first);
                yield return head.Draft;
                continue;
            }

            var members = new List<Item>();
            var tables = headsByKey[key];
            headsByKey.Remove(key);
            foreach (int p in tables)
            {
                while (queues[p].Count > 0 && queues[p].Peek().Key is { } next && next.Equals(key))
                {
                    members.Add(queues[p].Dequeue());
                }

                IndexHead(p);
            }

            yield return members.Count == 1 ? members[0].Draft : Merge(members);
        }
    }

    /// <summary>Steps with the same key can share a grouped step; null for a step that is never grouped.</summary>
    private static GroupingKey? GroupKey(StepDraft d) =>
        IsGroupable(d) ? new GroupingKey(d.Kind!, d.Transactional, d.Timeouts?.Policy ?? "-", d.Destructive, d.Analysed,
            d.Carried.IsEmpty ? string.Empty : string.Join("\n", d.Carried.Select(s => s.Name + "=" + s.Value))) : null;

    /// <summary>Kinds whose scripts are idempotent, so a grouped script can be re-run after a failure.</summary>
    private static readonly HashSet<string> GroupableKinds = new(StringComparer.Ordinal)
    {
        "add_column", "set_default", "drop_default", "drop_not_null", "set_not_null", "check_not_null", "validate_not_null", "drop_check",
        "create_index", "backfill", "delete", "vacuum_analyze", "add_constraint", "attach_constraint", "validate", "alter_type",
        "rename_column", "drop_index", "drop_column", "drop_table", "enum_add_value", "compat_view", "drop_compat_view",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GroupableKindNames = GroupableKinds.GetAlternateLookup<ReadOnlySpan<char>>();

    private static StepDraft Merge(List<Item> items)
    {
        var members = items.Select(i => i.Draft).ToList();
        var first = members[0];
        var c = CultureInfo.InvariantCulture;
        var commands = ImmutableArray.CreateBuilder<Command>(members.Sum(m => m.Commands.Length));
        foreach (var m in members)
        {
            for (int k = 0; k < m.Commands.Length; k++)
            {
                commands.Add(OwnRelations(k == 0 ? Labelled(m.Commands[0], m.Title) : m.Commands[k], m));
            }
        }

        var worst = members.MaxBy(m => m.Risk)!;
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(Message.Of("action.grouped-statements", Count(members.Count)));
        actions.AddRange(first.Actions);
        var titles = MessageArg.List(members.Take(20).Select(m => m.Title));
        actions.Add(members.Count > 20 ? Message.Of("action.applies-to-and-more", titles, Count(members.Count - 20)) : Message.Of("action.applies-to", titles));
        return first with
        {
            Slug = string.Format(c, "{0}.x{1}", first.Kind, members.Count),
            Title = Message.Of("title.grouped", first.Title, Count(members.Count - 1)),
            Commands = commands.MoveToImmutable(),
            Locks = [.. members.SelectMany(m => m.Locks)],
            Impact = Message.Of("impact.grouped", Count(members.Count), first.Impact),
            Rollback = MergeRollbacks(members, first),
            Verification = Verify(members),
            Estimate = new Estimate(members.Sum(m => m.Estimate.Seconds), Message.Of("basis.grouped", Count(members.Count), first.Estimate.Basis)),
            Risk = worst.Risk,
            RiskReason = Message.Of("risk.grouped", worst.RiskReason, Count(members.Count)),
            Actions = actions.ToImmutable(),
            Gate = MergeGates(members),
            LeavesExistingRowsNull = members.Any(m => m.LeavesExistingRowsNull),
            FillsExistingRows = members.All(m => m.FillsExistingRows),
        };
    }

    /// <summary>A retried command of a member names the holders of the member's relations only, not of the whole group's.</summary>
    private static Command OwnRelations(Command command, StepDraft member) =>
        command.LockRetry is { } retry && retry.Relations.IsEmpty
            ? command with { LockRetry = retry with { Relations = [.. member.Locks.Select(l => l.Relation).Distinct()] } }
            : command;

    /// <summary>Every member's gate: all their checks, and what the operator confirms (the first 20, then how many more).</summary>
    private static Gate MergeGates(List<StepDraft> members)
    {
        var checks = members.SelectMany(m => m.Gate.Checks).ToImmutableArray();
        var confirm = members.SelectMany(m => m.Gate.Confirm).ToList();
        if (confirm.Count > 20)
        {
            int more = confirm.Count - 20;
            confirm = [.. confirm.Take(20), Message.Of("confirm.and-more-members", Count(more))];
        }

        return checks.IsEmpty && confirm.Count == 0 ? Gate.None : new Gate(checks, [.. confirm]);
    }

    /// <summary>A member's first command under its title (a second label, the command's own, is kept after it).</summary>
    private static Command Labelled(Command command, Message title) =>
        command with { Label = command.Label is null ? title : Message.Of("label.step-and-command", title, command.Label) };

    /// <summary>Each member's rollback, in reverse order: its commands under its title, and what is left by hand.</summary>
    private static Rollback MergeRollbacks(List<StepDraft> members, StepDraft first)
    {
        var commands = ImmutableArray.CreateBuilder<Command>();
        var byHand = new List<Message>();
        for (int k = members.Count - 1; k >= 0; k--)
        {
            var r = members[k].Rollback;
            for (int j = 0; j < r.Commands.Length; j++)
            {
                commands.Add(OwnRelations(j == 0 ? Labelled(r.Commands[0], members[k].Title) : r.Commands[j], members[k]));
            }

            if (r.ByHand is not null && byHand.Count < 20)
            {
                byHand.Add(Message.Of("by-hand.member", Name(members[k].Slug), r.ByHand));
            }
        }

        var policies = members.Select(m => m.Rollback.Timeouts).OfType<Timeouts>().DistinctBy(t => t.Policy).ToList();
        return new Rollback(commands.ToImmutable(), members.Max(m => m.Rollback.Loss),
            Message.Of("rollback.grouped", Count(members.Count), first.Rollback.Description))
        {
            ByHand = byHand.Count == 0 ? null : Message.Of("by-hand.grouped", MessageArg.List(byHand)),
            Timeouts = policies.Count == 1 ? policies[0] : null,
        };
    }

    /// <summary>One query checking every member's verification: the count of those that do not hold.</summary>
    private static Verification Verify(List<StepDraft> members)
    {
        if (members.Any(m => !IsScalarCheck(m.Verification)))
        {
            return Verification.ByHand(Message.Of("judge.grouped-verifications"));
        }

        const string Head = "SELECT pg_catalog.count(*) FROM (VALUES\n";
        const string Tail = ") AS v(ok) WHERE ok IS NOT TRUE;";
        int length = Head.Length + Tail.Length;
        foreach (var m in members)
        {
            length += Checked(m.Verification).Length + "  (()::text = '')".Length + m.Verification.Expect.Value!.Length + 2;
        }

        length -= 1; // the last member ends with "\n", not ",\n"
        string sql = string.Create(length, members, static (span, list) =>
        {
            void Put(ref Span<char> target, ReadOnlySpan<char> text)
            {
                text.CopyTo(target);
                target = target[text.Length..];
            }

            Put(ref span, Head);
            for (int i = 0; i < list.Count; i++)
            {
                var v = list[i].Verification;
                Put(ref span, "  ((");
                Put(ref span, Checked(v));
                Put(ref span, ")::text = '");
                Put(ref span, v.Expect.Value);
                Put(ref span, "')");
                Put(ref span, i + 1 < list.Count ? ",\n" : "\n");
            }

            Put(ref span, Tail);
        });
        return new Verification(sql, "0");
    }

    /// <summary>The query of a scalar check without its trailing semicolon.</summary>
    private static ReadOnlySpan<char> Checked(Verification v) => v.Sql.AsSpan().TrimEnd().TrimEnd(';');

    private static bool IsScalarCheck(Verification v) =>
        v.Expect is { Kind: ExpectationKind.Value, Value: "0" or "1" or "t" or "f" } && v.Sql.StartsWith("SELECT ", StringComparison.Ordinal) && v.Sql.IndexOf(';') == v.Sql.Length - 1;
}
