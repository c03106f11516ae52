using System.Globalization;
using System.Runtime.CompilerServices;
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
public sealed class PlanContext(PgCapabilities capabilities, Estimator estimator, int batchSize, ChangeView change, bool terse = false)
{
    /// <summary>
    /// True while a large plan is generated: steps that will be grouped need no prose, so
    /// <see cref="Prose"/> skips formatting it (it is regenerated for the steps that lead a group).
    /// </summary>
    public bool Terse { get; } = terse;

    /// <summary>An explanatory text of a step; empty, and never formatted, when <see cref="Terse"/>.</summary>
    public string Prose([InterpolatedStringHandlerArgument("")] ref ProseHandler text) => text.ToStringAndClear();

    public PgCapabilities Capabilities { get; } = capabilities;

    public Estimator Estimator { get; } = estimator;

    public int BatchSize { get; } = batchSize;

    /// <summary>The whole change, read-only: what an operation learns only from later statements.</summary>
    public ChangeView Change { get; } = change;

    /// <summary>Notes the planner prints under "Reordering and notes".</summary>
    public List<PlanNote> Notes { get; } = [];
}

/// <summary>Formats an interpolated string only when its <see cref="PlanContext"/> is not terse (invariant culture).</summary>
[InterpolatedStringHandler]
public ref struct ProseHandler
{
    private readonly bool _enabled;
    private DefaultInterpolatedStringHandler _inner;

    public ProseHandler(int literalLength, int formattedCount, PlanContext context, out bool shouldAppend)
    {
        _enabled = shouldAppend = !context.Terse;
        _inner = _enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public string ToStringAndClear() => _enabled ? _inner.ToStringAndClear() : string.Empty;
}
