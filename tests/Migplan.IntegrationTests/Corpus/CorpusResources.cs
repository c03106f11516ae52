using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>
/// Migrations a .NET package embeds as manifest resources of its assembly (the manifest's <c>resources</c>
/// directive): read from the assembly's metadata, without loading it, and written out one file per resource name.
/// </summary>
public static class CorpusResources
{
    /// <summary>Writes every embedded resource of <paramref name="assembly"/> to <paramref name="folder"/>, once.</summary>
    public static void ExtractOnce(string assembly, string folder)
    {
        string done = Path.Combine(folder, ".extracted");
        if (File.Exists(done))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidDataException($"{assembly} is not a .NET assembly");
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil)
            {
                continue; // in another file of the assembly
            }

            // Each resource is a 4-byte little-endian length and its bytes, at its offset in the resources directory.
            var data = pe.GetSectionData(resources.RelativeVirtualAddress + (int)resource.Offset).GetReader();
            int length = data.ReadInt32();
            File.WriteAllBytes(Path.Combine(folder, metadata.GetString(resource.Name)), data.ReadBytes(length));
        }

        File.WriteAllText(done, assembly);
    }
}
