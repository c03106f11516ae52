using Migplan.Sql;

namespace Migplan.Planning.Operations;

/// <summary>A statement run as written in a step of its own (see <see cref="AsIs"/>).</summary>
internal sealed class AsIsOperation(SourceLocation origin, AsIs step) : Operation(origin)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        yield return step.Step(context);
    }
}
