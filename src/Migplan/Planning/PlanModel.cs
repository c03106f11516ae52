using System.Collections.Immutable;

namespace Migplan.Planning;

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

/// <summary>The template's titles of the phases.</summary>
public static class PhaseTitles
{
    public static string Of(Phase phase) => phase switch
    {
        Phase.SchemaChanges => "1. Schema Changes",
        Phase.DataMigration => "2. Data Migration",
        Phase.Cleanup => "3. Cleanup",
        _ => throw new System.Diagnostics.UnreachableException(phase.ToString()),
    };
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

/// <summary>What a rollback costs.</summary>
public enum DataLoss
{
    /// <summary>Rolling back loses nothing.</summary>
    None,

    /// <summary>Rolling back discards data written by this step or since it ran.</summary>
    DataLoss,

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

/// <summary>A lock a step takes: the mode, on what, and for how long relative to the step.</summary>
public sealed record LockTaken(LockMode Mode, string Target, bool Brief);

/// <summary>How to undo a step. <see cref="Timeouts"/> overrides the brief-lock timeouts its script sets by default.</summary>
public sealed record Rollback(string Sql, DataLoss Loss, string Description)
{
    public Timeouts? Timeouts { get; init; }
}

/// <summary>A query to run after the step, and what it must return.</summary>
public sealed record Verification(string Sql, string Expected);

/// <summary>Estimated duration in seconds and how it was derived.</summary>
public sealed record Estimate(double Seconds, string Basis);

/// <summary>
/// Session timeouts set before a step's statements. <see cref="Policy"/> names the policy; what to do on
/// timeout is stated once per policy in the plan (and briefly in each script).
/// </summary>
public sealed record Timeouts(string Policy, string LockTimeout, string StatementTimeout, string OnTimeout, string Brief);

/// <summary>
/// One executable step of a plan. It states its facts as data; renderers only format them.
/// <see cref="Sql"/> is the body; renderers prepend <see cref="Timeouts"/> when present.
/// </summary>
public sealed record Step(
    string Id,
    int Number,
    Phase Phase,
    string Title,
    string Sql,
    bool Transactional,
    ImmutableArray<LockTaken> Locks,
    string Impact,
    Timeouts? Timeouts,
    Rollback Rollback,
    Verification Verification,
    Estimate Estimate,
    bool Destructive,
    RiskLevel Risk,
    string RiskReason,
    ImmutableArray<string> Actions,
    bool Analysed = true)
{
    /// <summary>For a grouped step: its SQL as pieces (see <see cref="StepDraft.SqlParts"/>); <see cref="Sql"/> is then empty.</summary>
    public ImmutableArray<string> SqlParts { get; init; } = [];

    /// <summary>The step's SQL as the pieces renderers write in order: the SQL itself, or the grouped pieces.</summary>
    public ImmutableArray<string> SqlPieces => SqlParts.IsDefaultOrEmpty ? [Sql] : SqlParts;

    /// <summary>The whole SQL as one string (builds it for a grouped step: for tests and small uses).</summary>
    public string FullSql => SqlParts.IsDefaultOrEmpty ? Sql : string.Concat(SqlParts);

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
public sealed record PlanNote(string Origin, string Text);

public sealed record Plan(
    string Project,
    string Stage,
    int PgVersion,
    string InputsHash,
    ImmutableArray<InputArtifact> Inputs,
    ImmutableArray<Step> Steps,
    ImmutableArray<PlanNote> Notes,
    ImmutableArray<string> Assumptions,
    ImmutableArray<string> Prerequisites,
    ImmutableArray<string> MonitoredTables,
    bool MaintenanceWindowNeeded,
    string MaintenanceWindowReason)
{
    public double TotalSeconds => Steps.Sum(s => s.Estimate.Seconds);

    /// <summary>Every table the plan touches, by name, with its sizes and their sources.</summary>
    public ImmutableArray<TableSize> Tables { get; init; } = [];
}

/// <summary>
/// A table the plan touches, with the numbers its estimates used and where each came from
/// (<see cref="Schema.SizeSource.Default"/>: the default named in the Assumptions).
/// </summary>
/// <param name="Table">The qualified, quoted name (as in the steps' locks).</param>
/// <param name="HeapBytes">The main fork without indexes or TOAST (pg_relation_size).</param>
/// <param name="IndexBytes">All its indexes (pg_indexes_size); null when not known.</param>
/// <param name="Note">How a number was derived when it was not read as such; null otherwise.</param>
public sealed record TableSize(
    string Table,
    long Rows,
    Schema.SizeSource RowsSource,
    long HeapBytes,
    Schema.SizeSource HeapSource,
    long? IndexBytes,
    Schema.SizeSource IndexSource,
    string? Note);
