using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Migplan.Planning;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Inputs;

/// <summary>What the command line named, loaded: the planner's inputs, or the errors that stop it.</summary>
public sealed record LoadedInputs(PlanInputs? Inputs, ImmutableArray<string> Errors, string DefaultProject)
{
    /// <summary>Every path the inputs were read from: the files and directories named, and each file read.</summary>
    public ImmutableArray<string> Paths { get; init; } = [];
}

/// <summary>
/// Resolves the inputs of <c>migplan plan</c>: .sql files (the change, in order), .md artifacts (their
/// ```sql blocks, in order), or a directory holding them plus <c>schema.sql</c> and <c>stats.json</c>
/// by convention. In a directory, Markdown artifacts come first, then .sql files, each in name order.
/// </summary>
public static class InputLoader
{
    public const string SchemaFileName = "schema.sql";
    public const string StatsFileName = "stats.json";

    public static async Task<LoadedInputs> LoadAsync(IReadOnlyList<string> paths, string? schemaPath, string? statsPath, string defaultSchema, CancellationToken ct)
    {
        var errors = new List<string>();
        var changeFiles = new List<string>();
        string project = "migration";
        foreach (var path in paths)
        {
            if (Directory.Exists(path) && !IsInputFileName(path))
            {
                project = Path.GetFileName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar));

                // Every entry with an input's name, files or not: one that is not a regular file is refused when read.
                var files = Directory.GetFileSystemEntries(path).Select(f => Path.Combine(path, Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
                changeFiles.AddRange(files.Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)));
                changeFiles.AddRange(files.Where(f => f.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(f) != SchemaFileName));
                if (schemaPath is null && Path.Exists(Path.Combine(path, SchemaFileName)))
                {
                    schemaPath = Path.Combine(path, SchemaFileName);
                }

                if (statsPath is null && Path.Exists(Path.Combine(path, StatsFileName)))
                {
                    statsPath = Path.Combine(path, StatsFileName);
                }
            }
            else if (Path.Exists(path))
            {
                if (!IsInputFileName(path))
                {
                    errors.Add($"{path}: not a .sql file, a .md artifact or a directory");
                    continue;
                }

                if (changeFiles.Count == 0 && paths.Count == 1)
                {
                    project = Path.GetFileNameWithoutExtension(path);
                }

                changeFiles.Add(path);
            }
            else
            {
                errors.Add($"{path}: no such file or directory");
            }
        }

        if (paths.Count == 0)
        {
            errors.Add("no input: name the change's .sql files, .md artifacts, or a directory holding them");
        }

        var artifacts = ImmutableArray.CreateBuilder<InputArtifact>();
        var change = new List<SourceText>();
        foreach (var file in changeFiles)
        {
            string text = await ReadAsync(file, errors, ct).ConfigureAwait(false);
            if (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                var blocks = MarkdownSql.Extract(file, text);
                artifacts.Add(new InputArtifact(Path.GetFileName(file), "artifact", Sha256(text)) { Blocks = [.. blocks.Select(b => new LineRange(b.FirstLine, b.LastLine))] });
                change.AddRange(blocks.Select(b => b.Source));
            }
            else
            {
                artifacts.Add(new InputArtifact(Path.GetFileName(file), "change", Sha256(text)));
                change.Add(new SourceText(file, text));
            }
        }

        var schema = new List<SourceText>();
        if (schemaPath is not null)
        {
            string text = await ReadAsync(schemaPath, errors, ct).ConfigureAwait(false);
            artifacts.Add(new InputArtifact(Path.GetFileName(schemaPath), "schema", Sha256(text)));
            schema.Add(new SourceText(schemaPath, text));
        }

        IReadOnlyDictionary<string, TableStats>? stats = null;
        if (statsPath is not null)
        {
            int unreadable = errors.Count;
            string text = await ReadAsync(statsPath, errors, ct).ConfigureAwait(false);
            artifacts.Add(new InputArtifact(Path.GetFileName(statsPath), "stats", Sha256(text)));
            if (errors.Count == unreadable)
            {
                stats = StatsLoader.Parse(statsPath, text, defaultSchema, errors);
            }
        }

        if (errors.Count > 0)
        {
            return new LoadedInputs(null, [.. errors], project);
        }

        var all = artifacts.ToImmutable();
        string inputsHash = InputsHash(all);
        ImmutableArray<string> read = [.. paths, .. changeFiles, .. new[] { schemaPath, statsPath }.OfType<string>()];
        return new LoadedInputs(new PlanInputs(change, schema, stats, all, inputsHash), [], project) { Paths = read };
    }

    private static bool IsInputFileName(string path) =>
        path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> ReadAsync(string path, List<string> errors, CancellationToken ct)
    {
        string? text = await InputFile.ReadAsync(path, errors, ct).ConfigureAwait(false);
        return text is null ? string.Empty : text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The plan's inputs hash: of every artifact's kind, name and content hash, in order.</summary>
    internal static string InputsHash(ImmutableArray<InputArtifact> artifacts) =>
        "sha256:" + Sha256(string.Concat(artifacts.Select(a => a.Kind + "\0" + a.Name + "\0" + a.Sha256 + "\n")));

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
