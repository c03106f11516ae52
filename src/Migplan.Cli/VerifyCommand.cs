using System.CommandLine;
using System.Globalization;
using Migplan.Live;
using Migplan.Rendering.Messages;
using Migplan.Verify;

namespace Migplan.Cli;

/// <summary>
/// <c>migplan verify &lt;plan-dir&gt; --scratch CONN --schema FILE --change FILE</c>: rehearses the plan on scratch
/// databases and writes verify-report.json and verify-report.md into the plan directory. Exit 0: all good; 1: a
/// failure (each named on stderr); 2: bad input or an unusable server (named host:port/dbname, never the password).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var planDir = new Argument<string>("plan-dir") { Description = "the plan directory written by migplan plan (holds plan.json)" };
        var scratch = new Option<string?>("--scratch") { Description = "the server to make scratch databases on (migplan_verify_<hash>): a postgresql:// URI or key=value pairs naming a database to connect to; needs CREATEDB" };
        var conn = new Option<string?>("--conn") { Description = "read the start schema from a live server (not supported yet)" };
        var schema = new Option<string?>("--schema") { Description = "the schema file the plan was made from (checked against plan.json's sha256)" };
        var change = new Option<string[]>("--change") { Description = "the change's files the plan was made from, in order, or their directory (as plan took them)", AllowMultipleArgumentsPerToken = false };
        var rows = new Option<long?>("--rows") { Description = "synthetic rows written to the largest table before the rehearsal, the other tables in proportion to the plan's row estimates (default: none, the tables as the schema leaves them)" };
        var keep = new Option<bool>("--keep") { Description = "keep the scratch databases for inspection" };
        var allowSameServer = new Option<bool>("--allow-same-server") { Description = "allow the scratch databases on --conn's server" };
        var command = new Command("verify", "Rehearse a plan on a scratch database: observed locks, rewrites, verifications, every rollback, and the end state against the change as written.")
        {
            planDir, scratch, conn, schema, change, rows, keep, allowSameServer,
        };
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(conn) is not null)
            {
                return Fail("migplan verify: --conn (the start schema from a live server) is not supported yet: give the plan's --schema and --change files and a --scratch server");
            }

            if (result.GetValue(scratch) is not { } scratchText)
            {
                return Fail("migplan verify: --scratch CONN is required: the server to make scratch databases on");
            }

            if (result.GetValue(rows) is { } n && n < 0)
            {
                return Fail("migplan verify: --rows must be 0 or more");
            }

            var parsed = ConnectionSpec.Parse(scratchText);
            if (parsed.Spec is not { } spec)
            {
                return Fail($"migplan verify: --scratch: {parsed.Error}");
            }

            foreach (var warning in spec.Warnings)
            {
                Console.Error.WriteLine($"migplan: warning: {warning}");
            }

            string dir = result.GetValue(planDir)!;
            var loaded = await VerifyInputsLoader.LoadAsync(dir, result.GetValue(schema), result.GetValue(change) ?? [], English.Instance, ct).ConfigureAwait(false);
            if (loaded.Inputs is not { } inputs)
            {
                return Fail(loaded.Errors);
            }

            var request = new VerifyRequest(inputs.Plan, inputs.PlanSha256, spec, inputs.Schema, inputs.Change)
            {
                Rows = result.GetValue(rows),
                Keep = result.GetValue(keep),
                Progress = new Progress(),
            };
            var outcome = await Verifier.RunAsync(request, ct).ConfigureAwait(false);
            foreach (var name in outcome.DroppedLeftovers)
            {
                Console.Error.WriteLine($"migplan verify: dropped {name}, left over by an earlier run");
            }

            if (outcome.Report is not { } report)
            {
                // A server fault reads "cannot ... host:port/db: reason"; a schema the server refuses, "file:line:column: ...".
                return Fail(outcome.Errors.Select(e => e.StartsWith("cannot ", StringComparison.Ordinal) ? "migplan verify: " + e : e));
            }

            await VerifyReportFiles.WriteAsync(dir, report, ct).ConfigureAwait(false);
            foreach (var name in outcome.Kept)
            {
                Console.Error.WriteLine($"migplan verify: kept {name}");
            }

            foreach (var note in report.Notes)
            {
                Console.Error.WriteLine("migplan verify: note: " + note);
            }

            foreach (var failure in report.Failures)
            {
                Console.Error.WriteLine("migplan verify: FAILED: " + failure);
            }

            string shown = dir.TrimEnd('/', Path.DirectorySeparatorChar);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"migplan verify: {(report.Passed ? "passed" : $"{report.Failures.Length} failure(s)")} on PostgreSQL {report.ServerVersion}: {report.Steps.Length} step(s), {report.Rollbacks.Count(r => r.Status == "restored")} rollback point(s) restored, end state {report.Equivalence.Status.Replace('_', ' ')}; wrote {shown}/{VerifyReportJson.FileName} and {VerifyReportMarkdown.FileName}"));
            return report.Passed ? ExitCodes.Success : ExitCodes.ProblemFound;
        });
        return command;
    }

    private static int Fail(params IEnumerable<string> messages) => ExitCodes.Fail(messages);

    /// <summary>
    /// Progress lines on stderr when it is a terminal (quiet when redirected, as in tests and CI logs); with
    /// MIGPLAN_TIMING=1 always, each prefixed with the seconds since the start (where a run's time goes).
    /// </summary>
    private sealed class Progress : IProgress<string>
    {
        private readonly System.Diagnostics.Stopwatch? watch = Environment.GetEnvironmentVariable("MIGPLAN_TIMING") == "1" ? System.Diagnostics.Stopwatch.StartNew() : null;
        private readonly bool show = !Console.IsErrorRedirected;

        public void Report(string value)
        {
            if (watch is not null)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"migplan verify: {watch.Elapsed.TotalSeconds,7:F2} s: {value}"));
            }
            else if (show)
            {
                Console.Error.WriteLine("migplan verify: " + value);
            }
        }
    }
}
