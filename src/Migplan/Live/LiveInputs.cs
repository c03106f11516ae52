using Migplan.Inputs;
using Migplan.Planning;

namespace Migplan.Live;

/// <summary>Puts a live snapshot into the planner's inputs: its schema script in place of schema.sql, its sizes in place of stats.json.</summary>
public static class LiveInputs
{
    /// <summary>
    /// The inputs with the snapshot's schema, sizes and facts. The schema script is listed among the inputs
    /// (kind "schema", named <c>live:host:port/dbname</c>) with its hash, so the inputs hash records what was read.
    /// </summary>
    public static PlanInputs With(PlanInputs inputs, LiveSnapshot snapshot)
    {
        var artifacts = inputs.Artifacts.Add(new InputArtifact(snapshot.Schema.Path, "schema", InputLoader.Sha256(snapshot.Schema.Text)));
        return new PlanInputs(inputs.Change, [snapshot.Schema], snapshot.Stats, artifacts, InputLoader.InputsHash(artifacts)) { Live = snapshot.Facts };
    }
}
