using System.Collections.Immutable;
using Migplan.Sql;

namespace Migplan.Planning.Operations;

/// <summary>
/// A statement that is safe (or has no safer form) as written: it runs as its own step with the
/// lock, risk and rollback the analysis found, and timeouts when it takes a lock that blocks traffic.
/// </summary>
public sealed class AsIsOperation(
    SourceLocation origin,
    Phase phase,
    string slug,
    string title,
    string sql,
    bool transactional,
    LockTaken? lockTaken,
    string impact,
    Rollback rollback,
    Verification verification,
    Func<Estimator, Estimate> estimate,
    RiskLevel risk,
    string riskReason,
    ImmutableArray<string> actions) : Operation(origin)
{
    public bool Destructive { get; init; }

    public bool Analysed { get; init; } = true;

    /// <summary>Timeouts to use instead of the default for the lock mode.</summary>
    public Timeouts? TimeoutsOverride { get; init; }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var timeouts = TimeoutsOverride ?? (lockTaken is { Mode: >= LockMode.Share } ? TimeoutPolicy.Brief : null);
        yield return new StepDraft(phase, slug, title, sql, transactional,
            lockTaken is null ? [] : [lockTaken], impact, timeouts, rollback, verification, estimate(context.Estimator), risk, riskReason, actions)
        {
            Destructive = Destructive,
            Analysed = Analysed,
            Group = Destructive ? StepGroup.Destructive : StepGroup.Main,
        };
    }
}
