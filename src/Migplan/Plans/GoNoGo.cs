namespace Migplan.Plans;

/// <summary>
/// A go/no-go check of the pre-migration step: a read-only query with a typed expectation that must hold before the
/// plan starts (no NULL where SET NOT NULL comes, no duplicate where a UNIQUE index comes, no orphan where a foreign
/// key comes, no violator where a CHECK comes), and what running it costs (<see cref="Cost"/>: a catalog read is not a
/// full scan, and an anti-join over 12M rows is neither).
/// <para>
/// <see cref="Blocking"/> false: informative — the plan's own statements change what it counts before the step it
/// protects (a backfill fills the NULLs first), so its value is shown and never stops the plan.
/// <see cref="Optional"/>: its estimate is <see cref="OptionalFromSeconds"/> or more, so it runs only when the
/// operator asks (<see cref="RunOptionalSetting"/>); the operator decides whether a long scan is worth it.
/// </para>
/// </summary>
public sealed record GoNoGoCheck(Verification Check, Estimate Cost)
{
    /// <summary>False: informative only (see the type's remarks).</summary>
    public bool Blocking { get; init; } = true;

    /// <summary>True: too expensive to run unasked; it runs only with <see cref="RunOptionalSetting"/> on.</summary>
    public bool Optional { get; init; }

    /// <summary>Checks estimated at this many seconds or more are optional.</summary>
    public const double OptionalFromSeconds = 30;

    /// <summary>
    /// The custom setting that makes the optional checks run (<c>PGOPTIONS='-c migplan.run_optional_checks=on'</c>, or
    /// <c>SET</c> in the session); without it each is skipped with a notice stating its cost.
    /// </summary>
    public const string RunOptionalSetting = "migplan.run_optional_checks";

    /// <summary>A check whose estimate decides whether it is optional.</summary>
    public static GoNoGoCheck Of(Verification check, Estimate cost, bool blocking = true) =>
        new(check, cost with { Seconds = Math.Round(cost.Seconds, 1) }) { Blocking = blocking, Optional = cost.Seconds >= OptionalFromSeconds };
}
