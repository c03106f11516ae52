using Migplan.Analysis;
using Migplan.Sql;

namespace Migplan.Planning;

/// <summary>
/// One unit of the change: knows its steps in every phase (expand, migrate, contract) and the rollback
/// of each. Operations capture what they need of the schema when they are created.
/// </summary>
public abstract class Operation(SourceLocation origin)
{
    public SourceLocation Origin { get; } = origin;

    public abstract IEnumerable<StepDraft> Steps(PlanContext context);
}

/// <summary>What every operation may use while producing its steps.</summary>
public sealed class PlanContext(PgCapabilities capabilities, Estimator estimator, int batchSize, ChangeView change)
{
    public PgCapabilities Capabilities { get; } = capabilities;

    public Estimator Estimator { get; } = estimator;

    public int BatchSize { get; } = batchSize;

    /// <summary>The whole change, read-only: what an operation learns only from later statements.</summary>
    public ChangeView Change { get; } = change;

    /// <summary>Notes the planner prints under "Reordering and notes".</summary>
    public List<PlanNote> Notes { get; } = [];
}
