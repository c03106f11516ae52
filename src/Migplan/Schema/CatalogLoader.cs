using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>The schema the change starts from, loaded into a <see cref="Catalog"/>, and what the loading found.</summary>
/// <param name="UnmatchedStats">Tables the sizes name that the schema lacks (ignored, and said so in the plan).</param>
public sealed record LoadedCatalog(Catalog Catalog, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> UnmatchedStats);

/// <summary>
/// Builds the catalog the planner starts from: the schema's DDL (a schema.sql, a pg_dump --schema-only, or the
/// script a live server's catalog was written as), applied leniently; then the sizes (stats.json or the live
/// server's), attached by table name; then what only a live server knows of its objects (INVALID indexes).
/// </summary>
public static class CatalogLoader
{
    public static LoadedCatalog Load(IReadOnlyList<SourceText> schema, IReadOnlyDictionary<string, TableStats>? stats, IEnumerable<QualifiedName> invalidIndexes)
    {
        var diagnostics = new List<Diagnostic>();
        var catalog = new Catalog();
        var applier = new SchemaApplier(catalog, strict: false, diagnostics);
        foreach (var source in schema)
        {
            var parsed = SqlParser.Parse(source, PsqlSyntax.Tolerated);
            diagnostics.AddRange(parsed.Diagnostics);
            foreach (var statement in parsed.Statements)
            {
                applier.Apply(statement);
            }
        }

        var unmatched = stats is null ? [] : StatsLoader.Attach(catalog, stats).ToList();
        foreach (var invalid in invalidIndexes)
        {
            if (catalog.FindIndex(invalid) is { } index)
            {
                index.Valid = false;
            }
        }

        return new LoadedCatalog(catalog, diagnostics, unmatched);
    }
}
