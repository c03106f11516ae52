using System.Globalization;
using System.Text;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Fuzz;

/// <summary>The seed and bounds of a fuzz run, overridable from the environment to reproduce a failure.</summary>
internal static class FuzzSettings
{
    /// <summary><c>MIGPLAN_FUZZ_SEED</c>: the run's seed (default fixed, so CI runs the same inputs every time).</summary>
    public const string SeedVariable = "MIGPLAN_FUZZ_SEED";

    /// <summary><c>MIGPLAN_FUZZ_ONLY</c>: run only this input index (to reproduce one failure).</summary>
    public const string OnlyVariable = "MIGPLAN_FUZZ_ONLY";

    public static int Seed(int fallback) => Number(SeedVariable) ?? fallback;

    public static int? Only => Number(OnlyVariable);

    /// <summary>The random source of input <paramref name="index"/> of a run: independent of every other input, and the
    /// same in every process (HashCode.Combine is seeded anew in each, which made runs differ).</summary>
    public static Random ForInput(int seed, int index) => new(unchecked((seed * 1_000_003) ^ (index * 7_919)));

    public static string Reproduce(int seed, int index) => $"{SeedVariable}={seed} {OnlyVariable}={index}";

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : null;
}

/// <summary>One golden case's input files, and a mutated copy of them.</summary>
internal sealed record FuzzInput(string Case, IReadOnlyDictionary<string, string> Files, string? Mutated)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static FuzzInput Load(string name)
    {
        string dir = GoldenCase.InputDirectory(name);
        var files = Directory.GetFiles(dir)
            .Where(f => Path.GetFileName(f) != "args.txt")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        return new FuzzInput(name, files, null);
    }

    /// <summary>A copy with one change file (.sql or .md; now and then schema.sql) mutated.</summary>
    public FuzzInput Mutate(Random random)
    {
        var names = Files.Keys.Where(f => f != "stats.json" && (f != "schema.sql" || random.Next(10) == 0)).Order(StringComparer.Ordinal).ToList();
        string target = names[random.Next(names.Count)];
        var files = new Dictionary<string, string>(Files, StringComparer.Ordinal)
        {
            [target] = FuzzMutator.Mutate(Files[target], Files.GetValueOrDefault("schema.sql", string.Empty), random),
        };
        return this with { Files = files, Mutated = target };
    }

    /// <summary>Whether the mutated file holds <see cref="FuzzMutator.RoleWithPassword"/> intact, on a line of its own.</summary>
    public bool CarriesSecret =>
        Mutated is not null && Files[Mutated].Split('\n').Contains(FuzzMutator.RoleWithPassword, StringComparer.Ordinal);

    /// <summary>Writes the files into <paramref name="dir"/>; lone surrogates become invalid UTF-8 bytes.</summary>
    public void WriteTo(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in Files)
        {
            File.WriteAllBytes(Path.Combine(dir, name), Encode(text));
        }
    }

    /// <summary>What to show when this input fails: the case, the mutated file, its text with control characters visible.</summary>
    public string Describe() =>
        $"case {Case}, mutated {Mutated}:\n{FuzzMutator.Escape(Mutated is null ? string.Empty : Files[Mutated])}";

    /// <summary>UTF-8, except that a lone surrogate is written as its 3-byte form (ED A0 80 ...), which is not valid UTF-8.</summary>
    private static byte[] Encode(string text)
    {
        using var bytes = new MemoryStream(text.Length + 16);
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            bool pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(text[i]))
            {
                bytes.Write(Utf8.GetBytes(text[start..i]));
                int c = text[i];
                bytes.Write([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
                start = i + 1;
            }
        }

        bytes.Write(Utf8.GetBytes(text[start..]));
        return bytes.ToArray();
    }
}

/// <summary>
/// The fuzz runs' working folder: under /dev/shm when the machine has it (thousands of small plan folders are
/// written and deleted; memory keeps that off a shared disk), else under the temp directory. Deleted on dispose.
/// </summary>
internal sealed class FuzzDirectory : IDisposable
{
    private const string Memory = "/dev/shm";

    public FuzzDirectory(string prefix)
    {
        string parent = OperatingSystem.IsLinux() && Directory.Exists(Memory) ? Memory : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path);
        }
        catch (UnauthorizedAccessException)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
