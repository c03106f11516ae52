using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// A migration plan is reviewed and committed: a secret written in the change (a password, a connection string)
/// makes the run fail with exit 2 at its position, and its text appears in no output, no message and no file.
/// </summary>
public sealed class SecretsTests
{
    private const string Secret = "Hunter2Secret";

    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";

    [Theory]
    [InlineData("CREATE ROLE app LOGIN PASSWORD 'Hunter2Secret';", 32)]
    [InlineData("CREATE USER app WITH ENCRYPTED PASSWORD 'Hunter2Secret' VALID UNTIL 'infinity';", 41)]
    [InlineData("ALTER ROLE app PASSWORD 'Hunter2Secret';", 25)]
    [InlineData("ALTER USER app WITH PASSWORD E'Hunter2Secret';", 30)]
    [InlineData("ALTER GROUP app PASSWORD $$Hunter2Secret$$;", 26)]
    [InlineData("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password 'Hunter2Secret');", 73)]
    [InlineData("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET \"password\" 'Hunter2Secret');", 66)]
    [InlineData("CREATE SUBSCRIPTION s CONNECTION 'host=db password=Hunter2Secret' PUBLICATION p;", 34)]
    [InlineData("ALTER SUBSCRIPTION s CONNECTION 'host=db password=Hunter2Secret';", 33)]
    [InlineData("DELETE FROM users WHERE name = PASSWORD 'Hunter2Secret';", 41)] // found by the fuzz test: the tokens inside a condition kept as text
    [InlineData("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE ROLE r LOGIN PASSWORD 'Hunter2Secret'; END $$;", 92)] // found by the fuzz test: a function body is SQL too
    [InlineData("DO $$ BEGIN EXECUTE 'CREATE ROLE r PASSWORD ''Hunter2Secret'''; END $$;", 21)]
    public async Task SecretInTheChange_IsRefusedAtItsPosition_AndAppearsNowhere(string statement, int column)
    {
        using var dir = Case(statement + "\nALTER TABLE users ADD COLUMN email text;\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"change.sql:1:{column}: ", error, StringComparison.Ordinal);
        Assert.Contains("must never hold a secret", error, StringComparison.Ordinal);
        AssertNowhere(dir, result);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public async Task PasswordNull_IsNotASecret_AndIsPlanned()
    {
        using var dir = Case("ALTER ROLE app PASSWORD NULL;\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task SecretInTheSchema_IsOnlyRead_AndAppearsInNoOutput()
    {
        using var dir = Case("ALTER TABLE users ADD COLUMN email text;\n", Schema + "CREATE ROLE app PASSWORD 'Hunter2Secret';\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(0, result.ExitCode);
        AssertNowhere(dir, result);
    }

    [Theory]
    [InlineData("CREATE INDEX ON users 'Hunter2Secret';", "found a string literal")]
    [InlineData("CREATE INDEX ON users E'Hunter2Secret';", "found a string literal")]
    [InlineData("CREATE INDEX ON users $q$Hunter2Secret$q$;", "found a string literal")]
    [InlineData("CREATE INDEX ON users X'4865';", "found a bit string literal")]
    public async Task SyntaxError_AtALiteral_NamesItsKind_NotItsText(string change, string expected)
    {
        using var dir = Case(change + "\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("4865", result.StdErr, StringComparison.Ordinal);
    }

    private static void AssertNowhere(TempDirectory dir, CliResult result)
    {
        Assert.DoesNotContain(Secret, result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.StdErr, StringComparison.Ordinal);
        foreach (string file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetFileName(file);
            if (name is not ("change.sql" or "schema.sql"))
            {
                Assert.DoesNotContain(Secret, File.ReadAllText(file), StringComparison.Ordinal);
            }
        }
    }

    private static TempDirectory Case(string change, string schema = Schema)
    {
        var dir = new TempDirectory("migplan-secrets");
        dir.Write("schema.sql", schema);
        dir.Write("change.sql", change);
        return dir;
    }
}
