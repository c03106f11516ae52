using System.Collections.Immutable;
using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// The one-step recipe operations share: a statement that runs as its own step (as written, or in the
/// form the operation chose), with the lock, risk and rollback the analysis found, and timeouts when it
/// takes a lock that blocks traffic. Operations fill in what differs from the defaults and call <see cref="Step"/>.
/// </summary>
internal sealed record AsIs(Phase Phase, string Slug, Message Title, string Sql)
{
    public bool Transactional { get; init; } = true;

    /// <summary>The locks it takes: every relation, each with its mode.</summary>
    public ImmutableArray<LockTaken> Locks { get; init; } = [];

    public Message Impact { get; init; } = Message.Of("impact.no-blocking-lock");

    public Rollback Rollback { get; init; } = new(Rollback.NothingToUndo, DataLoss.None, Message.Of("rollback.nothing-to-undo"));

    /// <summary>Every step states how to check it: there is no default.</summary>
    public required Verification Verification { get; init; }

    /// <summary>The estimate; null for a metadata-only statement.</summary>
    public Estimate? Estimate { get; init; }

    public RiskLevel Risk { get; init; } = RiskLevel.Low;

    public Message RiskReason { get; init; } = Message.Of("risk.metadata-only");

    public ImmutableArray<Message> Actions { get; init; } = [];

    public bool Destructive { get; init; }

    public bool Analysed { get; init; } = true;

    /// <summary>Timeouts to use instead of the default for the lock mode.</summary>
    public Timeouts? Timeouts { get; init; }

    /// <summary>False when running the statement again would do harm (insert the rows twice, change values twice) or is not known to be harmless.</summary>
    public bool Rerunnable { get; init; } = true;

    public StepDraft Step(PlanContext context)
    {
        var timeouts = Timeouts ?? (Locks.Any(l => l.Mode >= LockMode.Share) ? TimeoutPolicy.Brief : null);
        var commands = StepCommands.Of(Sql, Transactional);
        return new StepDraft(Phase, Slug, Title, Rerunnable ? commands : [.. commands.Select(c => c with { Rerunnable = false })],
            Locks, Impact, timeouts, Rollback, Verification, Estimate ?? context.Estimator.Metadata(), Risk, RiskReason, Actions)
        {
            Destructive = Destructive,
            Analysed = Analysed,
            Group = Destructive ? StepGroup.Destructive : StepGroup.Main,
        };
    }

    /// <summary><paramref name="sql"/> takes ACCESS EXCLUSIVE on <paramref name="target"/> for milliseconds (metadata only), in Schema Changes.</summary>
    public static AsIs Brief(string sql, QualifiedName target, string slug, Message title, RiskLevel risk, Message reason, Rollback rollback, Verification verification, params Message[] actions) =>
        new(Phase.SchemaChanges, slug, title, sql)
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, target, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = BriefImpact("ACCESS EXCLUSIVE", target.Quoted),
            Rollback = rollback,
            Verification = verification,
            Risk = risk,
            RiskReason = reason,
            Actions = [.. actions],
        };

    public static Message BriefImpact(string mode, string target) => Message.Of("impact.brief-lock", Text(mode), Name(target));

    /// <summary>The ALTER TABLE as written, for one of its actions.</summary>
    public static string AlterTable(QualifiedName table, Sql.Ast.AlterTableAction action) => $"ALTER TABLE {table.Quoted} {action.Text};\n";
}
