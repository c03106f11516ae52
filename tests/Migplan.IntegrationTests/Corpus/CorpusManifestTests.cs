using Migplan.IntegrationTests.EndToEnd;

namespace Migplan.IntegrationTests.Corpus;

/// <summary>tests/corpus/manifest.txt names what the corpus test replays; no server needed.</summary>
public sealed class CorpusManifestTests
{
    [Fact]
    public void Manifest_NamesOverAHundredMigrations_EachWithItsPackageAndFolder()
    {
        var projects = CorpusCache.Projects;
        Assert.True(projects.Sum(p => p.Migrations.Length) >= 100, $"{projects.Sum(p => p.Migrations.Length)} migrations");
        Assert.All(projects, p =>
        {
            Assert.Contains(p.FetchKind, new[] { "deb", "npm", "nuget" });
            Assert.NotEmpty(p.Package);
            Assert.NotEmpty(p.Version);
            Assert.NotEmpty(p.Folder);
            Assert.Equal(p.Migrations.Length, p.Migrations.Select(m => m.File).Distinct().Count());
        });
    }

    [Fact]
    public void Migration_IsReadAsTheProjectRunnerExecutesIt()
    {
        var dir = Directory.CreateTempSubdirectory("migplan-corpus-manifest-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "manifest.txt"), """
                project p
                fetch npm some-package 1.0.0
                folder package/sql
                transaction on
                drop-lines \echo
                replace :SCHEMA app
                migration 1.sql
                replace :SCHEMA other
                refused why
                migration 2.sql
                migration 3.sql
                project q
                fetch nuget Some.Package 2.0.0
                folder lib/netstandard2.0
                resources Some.Package.dll
                migration Some.Package.Scripts.v1.sql
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "1.sql"), "\\echo no\ncreate table :SCHEMA.t (id int);\n");
            var projects = CorpusManifest.Read(Path.Combine(dir.FullName, "manifest.txt"));
            var project = projects[0];
            Assert.Equal("BEGIN;\ncreate table app.t (id int);\n\n\nCOMMIT;\n", project.Migrations[0].Sql(dir.FullName));
            Assert.Equal([(":SCHEMA", "other")], project.Migrations[1].Replacements);
            Assert.Equal(Path.Combine("/cache", "some-package_1.0.0", "package/sql"), project.MigrationDir("/cache"));
            Assert.Equal(["", "why", ""], project.Migrations.Select(m => m.Refused));
            Assert.Equal("Some.Package.dll", projects[1].ResourceAssembly);
            Assert.Equal(Path.Combine("/cache", "Some.Package_2.0.0", ".resources"), projects[1].MigrationDir("/cache"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
