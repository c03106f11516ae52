using System.Collections.Immutable;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>What became of one migration of the corpus.</summary>
public sealed record CorpusOutcome(string Migration, CorpusResult Result, string Detail, int Steps = 0)
{
    /// <summary>How long planning and running it took (both databases), for the log.</summary>
    public TimeSpan Took { get; init; }

    public override string ToString() => $"{Migration}: {Result}, {Steps} steps, {Took.TotalMilliseconds:F0} ms{(Detail.Length == 0 ? "" : "\n    " + Detail.Replace("\n", "\n    ", StringComparison.Ordinal))}";
}

public enum CorpusResult
{
    /// <summary>The plan ran and ended with the schema and rows of the migration as written.</summary>
    Same,

    /// <summary>migplan refused the migration (exit 2): the diagnostics, with their positions, are the detail.</summary>
    Refused,

    /// <summary>A forward script of the plan failed.</summary>
    PlanFailed,

    /// <summary>The plan ran but ended with another schema or other rows than the migration as written.</summary>
    Differs,

    /// <summary>The migration as written failed on the server: the corpus is wrong, not the plan.</summary>
    AsWrittenFailed,
}

/// <summary>
/// Replays a corpus project on PostgreSQL: one database takes the migrations as written, one after the other, and
/// another the plans of the same migrations, each planned over the schema base + 1..n-1 as written; after each
/// migration the two must have the same <see cref="SchemaFingerprint"/> (column order aside) and rows. After a plan
/// that went wrong, the plan's database is made again as a copy of the as-written one (CREATE DATABASE ... TEMPLATE).
/// Rows are compared with the columns whose default reads the clock compared by NULL-ness only (the two databases are
/// filled at different times), and what a plan does on purpose beyond the migration is done to the as-written
/// database too (<see cref="CorpusIntent"/>).
/// </summary>
public static class CorpusReplay
{
    public static async Task<ImmutableArray<CorpusOutcome>> RunAsync(PgServer server, CorpusProject project, string folder, CancellationToken ct)
    {
        var outcomes = ImmutableArray.CreateBuilder<CorpusOutcome>();
        await using var asWritten = await server.CreateScratchDatabaseAsync(ct);
        var naive = new PsqlRunner(asWritten.ConnectionString);
        var schema = new System.Text.StringBuilder(project.BaseSql);
        if (project.BaseSql.Length > 0 && await naive.RunSqlAsync(project.BaseSql, ct) is { Succeeded: false } baseRun)
        {
            outcomes.Add(new CorpusOutcome("base", CorpusResult.AsWrittenFailed, Tail(baseRun.StdErr)));
            return outcomes.ToImmutable();
        }

        // The plan's database follows along: a copy of the as-written one, made again only after a plan went wrong.
        ScratchDatabase? planned = null;
        try
        {
            foreach (var migration in project.Migrations)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                string sql = migration.Sql(folder);
                planned ??= await server.CreateScratchDatabaseAsync(ct, template: asWritten);
                var outcome = await PlanAndRunAsync(schema.ToString(), migration.File, sql, planned, ct);
                var written = await naive.RunSqlAsync(sql, ct);
                if (!written.Succeeded)
                {
                    outcomes.Add(new CorpusOutcome(migration.File, CorpusResult.AsWrittenFailed, Tail(written.StdErr)));
                    break; // every later migration builds on this one
                }

                if (outcome.Result == CorpusResult.Same)
                {
                    var differences = SchemaFingerprint.Differences(await SchemaFingerprint.OfAsync(asWritten, ct), await SchemaFingerprint.OfAsync(planned, ct));
                    if (differences is not null && await CorpusIntent.WidenSequencesAsync(differences, naive, ct) is { } widened)
                    {
                        outcome = outcome with { Detail = widened };
                        differences = SchemaFingerprint.Differences(await SchemaFingerprint.OfAsync(asWritten, ct), await SchemaFingerprint.OfAsync(planned, ct));
                    }

                    differences ??= SchemaFingerprint.Differences(
                        await SchemaFingerprint.DataOfAsync(asWritten, ct, clockDefaultsAsNullness: true),
                        await SchemaFingerprint.DataOfAsync(planned, ct, clockDefaultsAsNullness: true));
                    outcome = differences is null ? outcome : outcome with { Result = CorpusResult.Differs, Detail = differences };
                }

                if (outcome.Result != CorpusResult.Same)
                {
                    await planned.DisposeAsync();
                    planned = null;
                }

                outcomes.Add(outcome with { Took = started.Elapsed });
                schema.Append(sql).Append('\n');
            }
        }
        finally
        {
            if (planned is not null)
            {
                await planned.DisposeAsync();
            }
        }

        return outcomes.ToImmutable();
    }

    private static async Task<CorpusOutcome> PlanAndRunAsync(string schema, string file, string sql, ScratchDatabase db, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"migplan-corpus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string schemaPath = Path.Combine(dir, "schema.sql");
            string changePath = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(changePath)!); // a Prisma migration is NAME/migration.sql
            await File.WriteAllTextAsync(schemaPath, schema, ct);
            await File.WriteAllTextAsync(changePath, sql, ct);
            var loaded = await Migplan.Inputs.InputLoader.LoadAsync([changePath], schemaPath, null, "public", ct);
            if (loaded.Inputs is null)
            {
                return new CorpusOutcome(file, CorpusResult.Refused, Relative(string.Join("\n", loaded.Errors), dir));
            }

            var outcome = Migplan.Planning.Planner.Plan(loaded.Inputs, new Migplan.Planning.PlanOptions { Project = loaded.DefaultProject });
            if (outcome.Plan is null)
            {
                return new CorpusOutcome(file, CorpusResult.Refused, Relative(string.Join("\n", outcome.Errors), dir));
            }

            string planDir = Path.Combine(dir, "plan");
            await Migplan.Rendering.PlanWriter.WriteAsync(outcome.Plan, planDir, ct);

            // One psql for the whole plan (thousands of scripts over the corpus), each script in a new session of its
            // own as an operator runs it: \connect, then \i.
            var scripts = Directory.GetFiles(Path.Combine(planDir, "sql"), "*.sql").Order(StringComparer.Ordinal).ToList();
            var runAll = Path.Combine(dir, "run-all.psql");
            await File.WriteAllLinesAsync(runAll, scripts.SelectMany(s => new[] { "\\connect", $"\\i '{s}'" }), ct);
            var run = await new PsqlRunner(db.ConnectionString) { Timeout = TimeSpan.FromMinutes(10) }.RunFileAsync(runAll, ct);
            if (!run.Succeeded)
            {
                return new CorpusOutcome(file, CorpusResult.PlanFailed, Relative(Tail(run.StdErr), Path.Combine(planDir, "sql")), scripts.Count);
            }

            return new CorpusOutcome(file, CorpusResult.Same, "", scripts.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Relative(string text, string dir) => text.Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);

    private static string Tail(string stderr)
    {
        var errors = stderr.Split('\n').Where(l => l.Contains("ERROR", StringComparison.Ordinal)).ToList();
        return errors.Count > 0 ? string.Join("\n", errors.Take(3)) : stderr.Trim();
    }
}
