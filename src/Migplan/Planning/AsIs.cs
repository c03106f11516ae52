using System.Collections.Immutable;
using Migplan.Planning.Operations;
using Migplan.Sql;

namespace Migplan.Planning;

/// <summary>Builder for <see cref="AsIsOperation"/>s, so the statement planner reads as a table of facts.</summary>
internal sealed record AsIs(SourceLocation Origin, Phase Phase, string Slug, string Title, string Sql)
{
    public bool Transactional { get; init; } = true;

    public LockTaken? Lock { get; init; }

    public string Impact { get; init; } = "No lock that blocks application reads or writes.";

    public Rollback Rollback { get; init; } = new(PlanSql.NothingToUndo, DataLoss.None, "Nothing to undo.");

    /// <summary>Every step states how to check it: there is no default.</summary>
    public required Verification Verification { get; init; }

    public Func<Estimator, Estimate> Estimate { get; init; } = e => e.Metadata();

    public RiskLevel Risk { get; init; } = RiskLevel.Low;

    public string RiskReason { get; init; } = "Metadata only.";

    public ImmutableArray<string> Actions { get; init; } = [];

    public bool Destructive { get; init; }

    public bool Analysed { get; init; } = true;

    public Timeouts? Timeouts { get; init; }

    public AsIsOperation Build() => new(Origin, Phase, Slug, Title, Sql, Transactional, Lock, Impact, Rollback, Verification, Estimate, Risk, RiskReason, Actions)
    {
        Destructive = Destructive,
        Analysed = Analysed,
        TimeoutsOverride = Timeouts,
    };

    public static string BriefImpact(string mode, string target) =>
        $"{mode} on {target} for milliseconds once granted (metadata only): reads and writes of {target} wait while it waits (at most lock_timeout) and while it runs.";
}
