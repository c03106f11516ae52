using System.Collections.Immutable;
using Migplan.Sql;

namespace Migplan.Plans;

/// <summary>The three phases of the template, in execution order.</summary>
public enum Phase
{
    /// <summary>1. Schema Changes (expand): additive, metadata-only where possible.</summary>
    SchemaChanges,

    /// <summary>2. Data Migration: batched backfills and what must follow them.</summary>
    DataMigration,

    /// <summary>3. Cleanup (contract): constraints tightened, obsolete objects dropped.</summary>
    Cleanup,
}

/// <summary>The template's titles of the phases, as messages (<c>phase.schema-changes</c>: "1. Schema Changes").</summary>
public static class PhaseTitles
{
    public static Message Of(Phase phase) => Message.Of("phase." + PlanIds.Phase(phase).Replace('_', '-'));
}

/// <summary>PostgreSQL table-level lock modes, weakest first.</summary>
public enum LockMode
{
    None,
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
}

/// <summary>What a rollback costs, from least to most (grouped steps take their members' worst).</summary>
public enum DataLoss
{
    /// <summary>Rolling back loses nothing: every row and value is as it was.</summary>
    None,

    /// <summary>
    /// Rolling back discards only what was written to objects this plan created (a new column, table or sequence);
    /// every row and value that existed before the plan is returned intact.
    /// </summary>
    NewObjectsOnly,

    /// <summary>Rolling back changes or discards data that existed before the plan (a conversion back may round or fail).</summary>
    ExistingData,

    /// <summary>The step destroyed data: it comes back only from a backup (or a copy kept first).</summary>
    RestoreFromBackup,

    /// <summary>Not analysed: the reviewer must judge.</summary>
    Unknown,
}

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A lock a step takes: the mode, the relation (schema-qualified), and whether it is held briefly (metadata only,
/// milliseconds once granted) or for the whole step.
/// </summary>
public sealed record LockTaken(LockMode Mode, QualifiedName Relation, bool Brief)
{
    /// <summary>The relation as SQL writes it (quoted where needed).</summary>
    public string Target => Relation.Quoted;
}

/// <summary>A session setting a step's commands run with (<c>SET name = 'value'</c>).</summary>
public sealed record Setting(string Name, string Value);

/// <summary>
/// One statement of a step, sent on its own. <see cref="OutsideTransaction"/>: it cannot run inside a transaction
/// block (CONCURRENTLY, a DO block that commits, ALTER TYPE ... ADD VALUE before 12). <see cref="Rerunnable"/>:
/// running it again after it succeeded, or after it failed halfway, is harmless. <see cref="OnlyIf"/>: a query
/// returning one boolean; the command runs only when it returns true (evaluated just before it).
/// <see cref="Label"/>: one line saying what it is for, written above it in the script.
/// <see cref="Sql"/> ends with a newline.
/// </summary>
public sealed record Command(string Sql)
{
    public Message? Label { get; init; }

    public bool OutsideTransaction { get; init; }

    public bool Rerunnable { get; init; } = true;

    public string? OnlyIf { get; init; }

    /// <summary>How to take its lock: short attempts with retries (see <see cref="Plans.LockRetry"/>); null: one wait, bounded by lock_timeout.</summary>
    public LockRetry? LockRetry { get; init; }
}

/// <summary>
/// Session timeouts set before a step's commands, named by a policy; what to do on a timeout is stated
/// once per policy (see <see cref="TimeoutPolicy"/> and the renderers).
/// </summary>
public sealed record Timeouts(string Policy, string LockTimeout, string StatementTimeout);

/// <summary>
/// How to undo a step: commands to run (in order), what it costs, and, when there is nothing to run,
/// what to do by hand. Its session timeouts are <see cref="Timeouts"/> (the brief-lock policy when not given).
/// </summary>
public sealed record Rollback(ImmutableArray<Command> Commands, DataLoss Loss, Message Description)
{
    /// <summary>A rollback of one statement; <see cref="NothingToUndo"/> (comments only) means there is nothing to do.</summary>
    public Rollback(string sql, DataLoss loss, Message description)
        : this(StepCommands.IsCommentOnly(sql) ? [] : [new Command(sql)], loss, description)
    {
    }

    /// <summary>A rollback no command can do: what a person must do instead.</summary>
    public Rollback(Message byHand, DataLoss loss, Message description)
        : this(ImmutableArray<Command>.Empty, loss, description)
    {
        ByHand = byHand;
    }

    /// <summary>What a rollback script says when there is nothing to run and nothing to do by hand.</summary>
    public const string NothingToUndo = "-- Nothing to undo: this step changes no data and no definition that a later step depends on.\n";

    /// <summary>What a person must do instead (or besides), when no command can undo the step; null when the commands suffice.</summary>
    public Message? ByHand { get; init; }

    /// <summary>
    /// The custom setting an operator turns on (<c>PGOPTIONS='-c migplan.accept_data_loss=on'</c>, or <c>SET</c>) to
    /// let a rollback that cannot undo its step go on: done by hand, or the loss accepted.
    /// </summary>
    public const string AcceptDataLossSetting = "migplan.accept_data_loss";

    /// <summary>
    /// True when the commands alone cannot undo the step (there is something to do by hand): whoever runs the
    /// rollback stops before its commands unless <see cref="AcceptDataLossSetting"/> is on. Rollbacks run in reverse
    /// must not "succeed" past a table that is gone.
    /// </summary>
    public bool StopsUnlessAccepted => ByHand is not null;

    public Timeouts? Timeouts { get; init; }

    /// <summary>The rollback as the script writes it after its session settings (builds it: for tests and small uses).</summary>
    public string Sql => StepCommands.Text(Commands, ByHand?.Id);
}

/// <summary>What a verification query must return.</summary>
public enum ExpectationKind
{
    /// <summary>One row whose first column, as text, equals <see cref="Expectation.Value"/>.</summary>
    Value,

    /// <summary>No rows at all.</summary>
    NoRows,

    /// <summary>The first column of the one row is larger after the step than before it (by <see cref="Expectation.Value"/> when known).</summary>
    Increase,

    /// <summary>The first column of the one row equals the number of rows the step's commands changed (as it reports them).</summary>
    RowsChanged,

    /// <summary>No query can decide: a person judges, as <see cref="Expectation.Judge"/> says.</summary>
    Manual,
}

public sealed record Expectation(ExpectationKind Kind, string? Value = null, Message? Judge = null)
{
    public static Expectation Returns(string value) => new(ExpectationKind.Value, value);

    public static Expectation NoRows { get; } = new(ExpectationKind.NoRows);

    public static Expectation RowsChanged { get; } = new(ExpectationKind.RowsChanged);

    public static Expectation ByHand(Message judge) => new(ExpectationKind.Manual, Judge: judge);
}

/// <summary>A query to run after the step (or before it, in a gate), and what it must return.</summary>
public sealed record Verification(string Sql, Expectation Expect)
{
    /// <summary>What it checks, in one line (gate checks have one; a step's verification is the step's own).</summary>
    public Message? Label { get; init; }

    /// <summary>A query whose one value must equal <paramref name="expected"/>.</summary>
    public Verification(string sql, string expected)
        : this(sql, Expectation.Returns(expected))
    {
    }

    /// <summary>Where only a person can judge: no query, and what to look at.</summary>
    public static Verification ByHand(Message judge) => new(string.Empty, Expectation.ByHand(judge));
}

/// <summary>
/// What must be true before a step starts: queries with their expected results, and facts only a person can
/// confirm (an application release is live, a backup exists).
/// </summary>
public sealed record Gate(ImmutableArray<Verification> Checks, ImmutableArray<Message> Confirm)
{
    public static Gate None { get; } = new([], []);

    public bool IsEmpty => Checks.IsDefaultOrEmpty && Confirm.IsDefaultOrEmpty;
}

/// <summary>Estimated duration in seconds and how it was derived.</summary>
/// <summary>How long a step takes, and why; <see cref="Known"/> is false for a statement migplan does not analyse (0 seconds then).</summary>
public sealed record Estimate(double Seconds, Message Basis)
{
    /// <summary>The basis of a step that is not estimated.</summary>
    public const string NotEstimatedId = "basis.not-estimated";

    public bool Known => Basis.Id != NotEstimatedId;

    /// <summary>Not estimated: the statement is not analysed, so nothing is known of what it scans or rewrites.</summary>
    public static Estimate NotEstimated { get; } = new(0, Message.Of(NotEstimatedId));
}

/// <summary>
/// One executable step of a plan. It states its facts as data; renderers only format them, and executors run
/// its <see cref="Commands"/> in order, each on its own (as psql runs the step's script), with <see cref="Settings"/>.
/// </summary>
public sealed record Step(
    string Id,
    int Number,
    Phase Phase,
    Message Title,
    ImmutableArray<Command> Commands,
    ImmutableArray<LockTaken> Locks,
    Message Impact,
    Timeouts? Timeouts,
    Rollback Rollback,
    Verification Verification,
    Estimate Estimate,
    bool Destructive,
    RiskLevel Risk,
    Message RiskReason,
    ImmutableArray<Message> Actions,
    bool Analysed = true)
{
    /// <summary>What kind of step this is ("add_column", "create_index", ...); null for a step of its own kind.</summary>
    public string? Kind { get; init; }

    /// <summary>Settings beyond the session's, the application name and the timeouts (maintenance_work_mem for a build).</summary>
    public ImmutableArray<Setting> ExtraSettings { get; init; } = [];

    public Gate Gate { get; init; } = Gate.None;

    /// <summary>
    /// The go/no-go checks the step runs after its commands (the pre-migration step's): each fails the step when its
    /// expectation does not hold, unless it is informative; optional ones run only when asked (see <see cref="GoNoGoCheck"/>).
    /// </summary>
    public ImmutableArray<GoNoGoCheck> GoNoGo { get; init; } = [];

    /// <summary>Every setting the step's commands run with, in order: its application name, its timeouts, the rest.</summary>
    /// <summary>
    /// What the change's own SET statements gave the statements after them (TimeZone, DateStyle, ...): set for the
    /// step and for its rollback, after the step's other settings.
    /// </summary>
    public ImmutableArray<Setting> Carried { get; init; } = [];

    public ImmutableArray<Setting> Settings => SessionSettings.For("migplan:" + Id, Timeouts, Carried.IsEmpty ? ExtraSettings : ExtraSettings.AddRange(Carried));

    /// <summary>The settings of the rollback's commands.</summary>
    public ImmutableArray<Setting> RollbackSettings => SessionSettings.For("migplan:rollback_" + Id, Rollback.Timeouts, Carried);

    /// <summary>True when every command may run inside a transaction block.</summary>
    public bool Transactional => Commands.All(c => !c.OutsideTransaction);

    /// <summary>The commands' SQL as one text, as the script holds it (builds it: for tests and small uses).</summary>
    public string Sql => StepCommands.Text(Commands, null);

    public string ScriptPath => $"sql/{Id}.sql";

    public string RollbackPath => $"sql/rollback/{Id}.sql";
}

public sealed record InputArtifact(string Name, string Kind, string Sha256)
{
    /// <summary>For a Markdown artifact: the lines of each ```sql block taken from it, in order (fences included).</summary>
    public ImmutableArray<LineRange> Blocks { get; init; } = [];
}

/// <summary>Lines <see cref="First"/> to <see cref="Last"/> of a file, 1-based, both included.</summary>
public readonly record struct LineRange(int First, int Last);

/// <summary>A remark attached to the plan: a reorder, a replaced statement, an unanalysed statement.</summary>
public sealed record PlanNote(string Origin, Message Text);

public sealed record Plan(
    string Project,
    string Stage,
    int PgVersion,
    string InputsHash,
    ImmutableArray<InputArtifact> Inputs,
    ImmutableArray<Step> Steps,
    ImmutableArray<PlanNote> Notes,
    ImmutableArray<Message> Assumptions,
    ImmutableArray<Message> Prerequisites,
    ImmutableArray<string> MonitoredTables,
    bool MaintenanceWindowNeeded,
    Message MaintenanceWindowReason)
{
    /// <summary>The plan.json format this model reads and writes.</summary>
    public const int Format = 2;

    /// <summary>Settings every step and rollback runs with, before its own (see <see cref="SessionSettings"/>).</summary>
    public ImmutableArray<Setting> Session { get; init; } = SessionSettings.Pinned;

    /// <summary>Every table the plan touches, by name, with its sizes and their sources.</summary>
    public ImmutableArray<TableSize> Tables { get; init; } = [];

    public double TotalSeconds => Steps.Sum(s => s.Estimate.Seconds);
}

/// <summary>Where a table's row count or size came from.</summary>
public enum SizeSource
{
    /// <summary>The stats file (--stats or stats.json).</summary>
    StatsFile,

    /// <summary>The live server (--conn): pg_class, pg_relation_size, pg_indexes_size, pg_stat_all_tables.</summary>
    LiveServer,

    /// <summary>Not known: the default named in the plan's Assumptions.</summary>
    Default,

    /// <summary>The change creates the table: it starts empty.</summary>
    NewTable,
}

/// <summary>
/// A table the plan touches, with the numbers its estimates used and where each came from
/// (<see cref="SizeSource.Default"/>: the default named in the Assumptions).
/// </summary>
/// <param name="Table">The qualified, quoted name (as in the steps' locks).</param>
/// <param name="HeapBytes">The main fork without indexes or TOAST (pg_relation_size).</param>
/// <param name="IndexBytes">All its indexes; null when not known.</param>
/// <param name="Note">How a number was derived when it was not read as such; null otherwise.</param>
public sealed record TableSize(
    string Table,
    long Rows,
    SizeSource RowsSource,
    long HeapBytes,
    SizeSource HeapSource,
    long? IndexBytes,
    SizeSource IndexSource,
    string? Note);
