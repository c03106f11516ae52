using System.Collections.Immutable;
using System.Security.Cryptography;
using Migplan.Inputs;
using Migplan.Sql;

namespace Migplan.Verify;

/// <summary>The plan read back, with the start schema and the change as written from the files it was made from.</summary>
public sealed record VerifyInputs(Plan Plan, string PlanSha256, IReadOnlyList<SourceText> Schema, IReadOnlyList<SourceText> Change);

/// <summary>A plan directory and the inputs verify was given, or what is wrong with them (exit 2).</summary>
public sealed record VerifyInputsResult(VerifyInputs? Inputs, ImmutableArray<string> Errors);

/// <summary>
/// Reads <c>PLAN-DIR/plan.json</c> and the files named by <c>--schema</c> and <c>--change</c> (files or a directory, as
/// <c>plan</c> takes them): each must be one of the plan's inputs (same kind and name) with the sha256 plan.json records,
/// every schema and change input of the plan must be given, and the change's files in the plan's order.
/// </summary>
public static class VerifyInputsLoader
{
    public static async Task<VerifyInputsResult> LoadAsync(string planDir, string? schemaPath, IReadOnlyList<string> changePaths, IMessageCatalog messages, CancellationToken ct)
    {
        string planPath = Path.Combine(planDir, "plan.json");
        if (!File.Exists(planPath))
        {
            return Failed($"{planPath}: no such file: name a plan directory written by migplan plan");
        }

        byte[] bytes = await File.ReadAllBytesAsync(planPath, ct).ConfigureAwait(false);
        Plan plan;
        try
        {
            using var stream = new MemoryStream(bytes);
            plan = PlanJsonReader.Read(stream, messages, planPath);
        }
        catch (PlanFormatException e)
        {
            return Failed(e.Message);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (plan.Inputs.FirstOrDefault(i => i.Kind == "schema" && i.Name.StartsWith("live:", StringComparison.Ordinal)) is { } live)
        {
            return Failed($"migplan verify: the plan read its schema from a server ({live.Name}); verify --conn, which would read it again, is not supported yet");
        }

        if (changePaths.Count == 0 || schemaPath is null && !changePaths.Any(Directory.Exists))
        {
            return Failed("migplan verify: name the plan's inputs: --schema FILE and --change FILE (repeatable; or --change DIR, as plan took it)");
        }

        var loaded = await InputLoader.LoadAsync(changePaths, schemaPath, null, "public", ct).ConfigureAwait(false);
        if (loaded.Inputs is not { } inputs)
        {
            return new VerifyInputsResult(null, loaded.Errors);
        }

        var errors = new List<string>();
        var paths = inputs.Change.Select(s => s.Path).Concat(inputs.Schema.Select(s => s.Path)).ToList();
        foreach (var given in inputs.Artifacts)
        {
            string path = PathOf(given, inputs) ?? given.Name;
            var recorded = plan.Inputs.FirstOrDefault(i => i.Kind == given.Kind && i.Name == given.Name);
            if (recorded is null)
            {
                errors.Add($"{path}: not an input of this plan (plan.json lists {string.Join(", ", plan.Inputs.Select(i => i.Name))})");
            }
            else if (recorded.Sha256 != given.Sha256)
            {
                errors.Add($"{path}: differs from the {given.Kind} file the plan was made from (sha256 {given.Sha256[..12]}…, plan.json records {recorded.Sha256[..12]}…): re-plan, or give the file the plan was made from");
            }
        }

        foreach (var missing in plan.Inputs.Where(i => i.Kind is "schema" or "change" or "artifact" && !inputs.Artifacts.Any(a => a.Kind == i.Kind && a.Name == i.Name)))
        {
            errors.Add($"migplan verify: the plan's {missing.Kind} input {missing.Name} was not given: name it with {(missing.Kind == "schema" ? "--schema" : "--change")}");
        }

        var planOrder = plan.Inputs.Where(i => i.Kind is "change" or "artifact").Select(i => i.Name).ToList();
        var givenOrder = inputs.Artifacts.Where(i => i.Kind is "change" or "artifact").Select(i => i.Name).ToList();
        if (errors.Count == 0 && !planOrder.SequenceEqual(givenOrder))
        {
            errors.Add($"migplan verify: give the change's files in the plan's order: {string.Join(", ", planOrder)}");
        }

        return errors.Count > 0
            ? new VerifyInputsResult(null, [.. errors])
            : new VerifyInputsResult(new VerifyInputs(plan, sha, inputs.Schema, inputs.Change), []);
    }

    private static string? PathOf(InputArtifact artifact, Planning.PlanInputs inputs) =>
        inputs.Change.Concat(inputs.Schema).Select(s => s.Path).FirstOrDefault(p => Path.GetFileName(p) == artifact.Name);

    private static VerifyInputsResult Failed(string message) => new(null, [message]);
}
