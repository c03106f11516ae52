using System.Collections.Immutable;
using System.Text;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>One migration of a corpus project: its file, and how the project's runner turns the file into SQL.</summary>
public sealed record CorpusMigration(
    string File, ImmutableArray<string> DropLinePrefixes, ImmutableArray<(string Token, string Value)> Replacements, bool InTransaction)
{
    /// <summary>Why migplan must refuse this migration with a position (the manifest's <c>refused</c>), or "".</summary>
    public string Refused { get; init; } = "";

    /// <summary>The SQL the project's runner executes for this migration, read from <paramref name="folder"/>.</summary>
    public string Sql(string folder)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(folder, File));
        var sb = new StringBuilder();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (!DropLinePrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
            {
                sb.Append(line).Append('\n');
            }
        }

        var sql = sb.ToString();
        foreach (var (token, value) in Replacements)
        {
            sql = sql.Replace(token, value, StringComparison.Ordinal);
        }

        return InTransaction ? "BEGIN;\n" + sql + "\nCOMMIT;\n" : sql;
    }
}

/// <summary>A project of the corpus: the package that ships its migrations, where they are, and their order.</summary>
public sealed record CorpusProject(
    string Name, string FetchKind, string Package, string Version, string Folder, string BaseSql, ImmutableArray<CorpusMigration> Migrations)
{
    /// <summary>The assembly (in <see cref="Folder"/>) whose manifest resources are the migrations, or "".</summary>
    public string ResourceAssembly { get; init; } = "";

    /// <summary>The folder of the fetched package in the corpus cache (see tests/corpus/fetch.sh).</summary>
    public string PackageDir(string cache) => Path.Combine(cache, $"{Package}_{Version}");

    /// <summary>The folder holding the migrations.</summary>
    public string MigrationDir(string cache) =>
        ResourceAssembly.Length == 0 ? Path.Combine(PackageDir(cache), Folder) : Path.Combine(PackageDir(cache), ".resources");

    public override string ToString() => Name;
}

/// <summary>Reads tests/corpus/manifest.txt (its directives are described at its top).</summary>
public static class CorpusManifest
{
    public static string PathInRepo(string repoRoot) => Path.Combine(repoRoot, "tests", "corpus", "manifest.txt");

    public static ImmutableArray<CorpusProject> Read(string path)
    {
        var projects = ImmutableArray.CreateBuilder<CorpusProject>();
        CorpusProject? current = null;
        var migrations = ImmutableArray.CreateBuilder<CorpusMigration>();
        var drops = new List<string>();
        var replacements = new List<(string, string)>();
        bool transaction = false;
        string refused = "";
        int lineNumber = 0;

        void Close()
        {
            if (current is not null)
            {
                projects.Add(current with { Migrations = migrations.ToImmutable() });
            }

            migrations.Clear();
            drops.Clear();
            replacements.Clear();
            transaction = false;
        }

        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            string directive = parts[0];
            string rest = parts.Length > 1 ? parts[1] : "";
            string Where() => $"{path}:{lineNumber}";
            if (directive == "project")
            {
                Close();
                current = new CorpusProject(rest, "", "", "", "", "", []);
                continue;
            }

            if (current is null)
            {
                throw new FormatException($"{Where()}: `{directive}` before any `project`");
            }

            switch (directive)
            {
                case "fetch":
                    var f = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    current = f.Length == 3 ? current with { FetchKind = f[0], Package = f[1], Version = f[2] }
                        : throw new FormatException($"{Where()}: fetch KIND PACKAGE VERSION");
                    break;
                case "folder":
                    current = current with { Folder = rest };
                    break;
                case "resources":
                    current = current with { ResourceAssembly = rest };
                    break;
                case "base-sql":
                    current = current with { BaseSql = current.BaseSql + rest + "\n" };
                    break;
                case "transaction":
                    transaction = rest == "on";
                    break;
                case "drop-lines":
                    drops.Add(rest);
                    break;
                case "replace":
                    var r = rest.Split(' ', 2);
                    replacements.RemoveAll(x => x.Item1 == r[0]);
                    replacements.Add((r[0], r.Length > 1 ? r[1] : ""));
                    break;
                case "refused":
                    refused = rest;
                    break;
                case "migration":
                    migrations.Add(new CorpusMigration(rest, [.. drops], [.. replacements], transaction) { Refused = refused });
                    refused = "";
                    break;
                default:
                    throw new FormatException($"{Where()}: unknown directive `{directive}`");
            }
        }

        Close();
        return projects.ToImmutable();
    }
}
