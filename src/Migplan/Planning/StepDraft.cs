using System.Collections.Immutable;

namespace Migplan.Planning;

/// <summary>Where a step goes inside its phase: earlier groups run first, then input order.</summary>
public enum StepGroup
{
    /// <summary>Ordinary steps, in input order.</summary>
    Main = 0,

    /// <summary>Steps that must follow every backfill of the phase (index builds on backfilled columns).</summary>
    AfterBackfill = 1,

    /// <summary>Destructive steps, last of all.</summary>
    Destructive = 2,
}

/// <summary>A step before it is numbered: what an operation produces.</summary>
public sealed record StepDraft(
    Phase Phase,
    string Slug,
    Message Title,
    ImmutableArray<Command> Commands,
    ImmutableArray<LockTaken> Locks,
    Message Impact,
    Timeouts? Timeouts,
    Rollback Rollback,
    Verification Verification,
    Estimate Estimate,
    RiskLevel Risk,
    Message RiskReason,
    ImmutableArray<Message> Actions)
{
    /// <summary>A step of one command: <paramref name="sql"/>, which must run outside a transaction block unless <paramref name="transactional"/>.</summary>
    public StepDraft(Phase phase, string slug, Message title, string sql, bool transactional, ImmutableArray<LockTaken> locks, Message impact, Timeouts? timeouts,
        Rollback rollback, Verification verification, Estimate estimate, RiskLevel risk, Message riskReason, ImmutableArray<Message> actions)
        : this(phase, slug, title, StepCommands.Of(sql, transactional), locks, impact, timeouts, rollback, verification, estimate, risk, riskReason, actions)
    {
    }

    public StepGroup Group { get; init; } = StepGroup.Main;

    /// <summary>
    /// Read-only checks that must hold before the step starts and can run before the plan does (they read no table or
    /// column the change creates or renames first): they become go/no-go checks of the pre-migration step, each with
    /// its cost. Each has a label saying what it checks.
    /// </summary>
    public ImmutableArray<GoNoGoCheck> PreChecks { get; init; } = [];

    /// <summary>Settings beyond the application name and the timeouts (maintenance_work_mem for an index build).</summary>
    public ImmutableArray<Setting> ExtraSettings { get; init; } = [];

    /// <summary>Settings the change's own SET statements gave the statement this step comes from (see <see cref="Step.Carried"/>).</summary>
    public ImmutableArray<Setting> Carried { get; init; } = [];

    /// <summary>What must be true before the step starts (see <see cref="Gate"/>); the pre-checks are added to it.</summary>
    public Gate Gate { get; init; } = Gate.None;

    /// <summary>True when every command may run inside a transaction block.</summary>
    public bool Transactional => Commands.All(c => !c.OutsideTransaction);

    public bool Destructive { get; init; }

    /// <summary>
    /// True for an ADD COLUMN that leaves the column NULL in every existing row (no default, or a volatile one the
    /// backfill fills later).
    /// </summary>
    public bool LeavesExistingRowsNull { get; init; }

    /// <summary>True for an ADD COLUMN that gives every existing row a value at once (a constant default, identity, generated).</summary>
    public bool FillsExistingRows { get; init; }

    /// <summary>An add_column step whose values the server computes (GENERATED ... STORED, identity): the application cannot write them.</summary>
    public bool ServerComputed { get; init; }

    public bool Analysed { get; init; } = true;

    /// <summary>The place of its statement in the change (its operation's index); -1 when not known.</summary>
    public int InputOrder { get; init; } = -1;

    /// <summary>
    /// True for a step around the operation's own (a compatibility view made before a rename, or dropped in Cleanup):
    /// the reordering check places the operation by its other steps and leaves this one in its phase.
    /// </summary>
    public bool Companion { get; init; }

    /// <summary>The rename the step makes, when it is one (a column's or a table's).</summary>
    public RenameEffect? Renames { get; init; }

    /// <summary>
    /// For a rollback that rebuilds a definition: the rollback again, for renames written after the step's statement
    /// that the plan runs before it (see <see cref="RollbackRenames"/>); null when no name in it can change.
    /// </summary>
    public Func<ImmutableArray<RenameEffect>, Rollback>? RollbackAfterRenames { get; init; }

    /// <summary>
    /// What kind of statement this is ("add_column", "check_not_null", ...): the part of the slug before
    /// its first '.'; null when the step is one of a kind. Steps of one kind on different tables can be
    /// grouped into one step in large plans.
    /// </summary>
    public string? Kind => Slug.IndexOf('.', StringComparison.Ordinal) is int i and > 0 ? Slug[..i] : null;
}

