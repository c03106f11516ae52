using System.CommandLine;
using System.Globalization;
using Migplan.Inputs;
using Migplan.Planning;
using Migplan.Rendering;

namespace Migplan.Cli;

/// <summary><c>migplan plan &lt;inputs...&gt;</c>: writes the plan folder.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = ".sql files, .md artifacts, or a directory holding them (plus schema.sql and stats.json)", Arity = ArgumentArity.ZeroOrMore };
        var schema = new Option<string?>("--schema") { Description = "DDL of the current schema (pg_dump --schema-only output works)" };
        var conn = new Option<string?>("--conn") { Description = "read the schema and sizes from a live server: a postgresql:// URI or key=value pairs (PG* variables and ~/.pgpass apply); read-only" };
        var stats = new Option<string?>("--stats") { Description = "row counts and sizes: {\"tables\": {\"public.users\": {\"rows\": N, \"bytes\": N}}} (bytes: heap size; also heapBytes, indexBytes, totalBytes)" };
        var project = new Option<string?>("--project") { Description = "project name for the plan's title (default: the input directory's name)" };
        var stage = new Option<string>("--stage") { Description = "stage name for the plan's title", DefaultValueFactory = _ => "Database Migration" };
        var pgVersion = new Option<int?>("--pg-version") { Description = "PostgreSQL major version of the target server (default 15)" };
        var batchSize = new Option<int>("--batch-size") { Description = "rows per batch of a backfill", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string>("--out") { Description = "output directory: created, or replaced whole when the plan is complete if it is empty or holds a plan migplan wrote", DefaultValueFactory = _ => "out" };
        var command = new Command("plan", "Plan a schema change: writes migration-plan.md, plan.json, sql/ and sql/rollback/.")
        {
            inputs, schema, conn, stats, project, stage, pgVersion, batchSize, output,
        };
        command.SetAction(async (result, ct) =>
        {
            string? connText = result.GetValue(conn);
            if (connText is not null && result.GetValue(schema) is not null)
            {
                return Fail("migplan plan: --conn and --schema both give the schema: give one");
            }

            if (connText is not null && result.GetValue(stats) is not null)
            {
                return Fail("migplan plan: --conn and --stats both give the sizes: give one source of sizes");
            }

            var unknown = (result.GetValue(inputs) ?? []).Where(i => i.StartsWith('-') && !File.Exists(i) && !Directory.Exists(i)).ToList();
            if (unknown.Count > 0)
            {
                return Fail(unknown.Select(u => $"migplan plan: unknown option {u} (run 'migplan plan --help')"));
            }

            int? version = result.GetValue(pgVersion);
            if (version is { } v && (v < 10 || v > 18))
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"--pg-version {v}: supported versions are 10 to 18"));
            }

            int batch = result.GetValue(batchSize);
            if (batch < 1)
            {
                return Fail("--batch-size must be at least 1");
            }

            var timing = Timing.FromEnvironment();
            var loaded = await InputLoader.LoadAsync(result.GetValue(inputs) ?? [], result.GetValue(schema), result.GetValue(stats), "public", ct).ConfigureAwait(false);
            if (loaded.Inputs is null)
            {
                return Fail(loaded.Errors);
            }

            timing.Mark("load");
            var inputsToPlan = loaded.Inputs;
            if (connText is not null)
            {
                var live = await LiveCommand.ReadAsync(connText, loaded.Inputs, version, ct).ConfigureAwait(false);
                if (live.Inputs is null)
                {
                    return Fail(live.Errors);
                }

                inputsToPlan = live.Inputs;
                version = live.PgVersion;
                timing.Mark("introspect");
            }

            var options = new PlanOptions
            {
                Project = result.GetValue(project) ?? loaded.DefaultProject,
                Stage = result.GetValue(stage) ?? "Database Migration",
                PgVersion = version ?? PlanOptions.DefaultPgVersion,
                PgVersionGiven = result.GetValue(pgVersion) is not null,
                BatchSize = batch,
            };
            var outcome = Planner.Plan(inputsToPlan, options);
            if (outcome.Plan is null)
            {
                return Fail(outcome.Errors);
            }

            timing.Mark("plan");

            // Planning leaves its step drafts and their messages behind as garbage (tens of megabytes for a large
            // change); collecting it here lets writing reuse that memory instead of growing the heap.
            GC.Collect();

            string outDir = result.GetValue(output) ?? "out";
            var written = await PlanWriter.WriteAsync(outcome.Plan, outDir, loaded.Paths, ct).ConfigureAwait(false);
            if (!written.Written)
            {
                return Fail(written.Errors);
            }

            timing.Mark("write");
            var plan = outcome.Plan;
            int unanalysed = plan.Steps.Count(s => !s.Analysed);
            int high = plan.Steps.Count(s => s.Risk == Plans.RiskLevel.High);
            string shown = outDir.TrimEnd('/', Path.DirectorySeparatorChar);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"migplan: wrote {shown}/migration-plan.md, plan.json and {plan.Steps.Length} step scripts with their rollbacks ({high} high-risk step{(high == 1 ? string.Empty : "s")}, about {Estimator.Duration(plan.TotalSeconds)} in all{(unanalysed > 0 ? $", {unanalysed} statement(s) not analysed: review by hand" : string.Empty)})"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static int Fail(params IEnumerable<string> messages) => ExitCodes.Fail(messages);
}
