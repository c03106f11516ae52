using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;

namespace Migplan.IntegrationTests.Support;

/// <summary>One plan node: its "Node Type" and, for scans and modify nodes, its "Relation Name".</summary>
public sealed record PlanNode(string NodeType, string? Relation)
{
    public override string ToString() => Relation is null ? NodeType : $"{NodeType} on {Relation}";
}

/// <summary>Reads <c>EXPLAIN (FORMAT JSON)</c> plans.</summary>
public static class ExplainInspector
{
    /// <summary>Runs <c>EXPLAIN (FORMAT JSON) sql</c> (without ANALYZE: the statement is not executed) and returns the JSON.</summary>
    public static async Task<string> ExplainJsonAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException("EXPLAIN returned no plan.");
    }

    /// <summary>Explains <paramref name="sql"/> and returns the set of its plan nodes.</summary>
    public static async Task<ImmutableHashSet<PlanNode>> NodesAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken) =>
        Nodes(await ExplainJsonAsync(connection, sql, cancellationToken));

    /// <summary>The set of (node type, relation) in an EXPLAIN JSON document, sub-plans and init-plans included.</summary>
    public static ImmutableHashSet<PlanNode> Nodes(string explainJson)
    {
        using var document = JsonDocument.Parse(explainJson);
        var nodes = ImmutableHashSet.CreateBuilder<PlanNode>();
        foreach (var statement in document.RootElement.EnumerateArray())
        {
            Walk(statement.GetProperty("Plan"), nodes);
        }

        return nodes.ToImmutable();
    }

    private static void Walk(JsonElement plan, ImmutableHashSet<PlanNode>.Builder nodes)
    {
        var relation = plan.TryGetProperty("Relation Name", out var name) ? name.GetString() : null;
        nodes.Add(new PlanNode(plan.GetProperty("Node Type").GetString()!, relation));
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }
}
