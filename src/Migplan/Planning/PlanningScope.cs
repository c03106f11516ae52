using Migplan.Analysis;
using Migplan.Schema;

namespace Migplan.Planning;

/// <summary>
/// What the operations' factories read while the change is planned: the catalog as it is just before the
/// statement, the server's capabilities, the throughput model, and the facts gathered so far (which they add to).
/// </summary>
internal sealed class PlanningScope(Catalog catalog, PgCapabilities capabilities, ThroughputModel model, ChangeFacts change)
{
    public Catalog Catalog { get; } = catalog;

    public PgCapabilities Capabilities { get; } = capabilities;

    public ChangeFacts Change { get; } = change;

    /// <summary>What a live server told (plan --conn): what uses its tables and columns; null without --conn.</summary>
    public Live.LiveFacts? Live { get; init; }

    /// <summary>The names of the schema as loaded: what a go/no-go check, which runs before the plan, may name.</summary>
    public LoadedNames Loaded { get; init; } = new();

    /// <summary>What an operation keeps of the table as it is now (the catalog keeps changing).</summary>
    public TableFacts Facts(Table table) => TableFacts.Of(table, model);
}
