using Migplan.Live;
using Npgsql;

namespace Migplan.Tests.Live;

/// <summary>CONN as libpq reads it: URIs, key=value pairs, PG* variables and the password file, without a server.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConnectionSpecTests : IDisposable
{
    private const string Secret = "s3cr3t-Pa55:w@rd";
    private readonly string _dir = Directory.CreateTempSubdirectory("migplan-conn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ConnectionEnvironment Env(params (string Key, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Key, v => v.Value);
        return new ConnectionEnvironment(k => map.GetValueOrDefault(k), _dir, "osuser") { DefaultHost = () => "/var/run/postgresql" };
    }

    private static ConnectionSpec Ok(ConnectionSpecResult result)
    {
        Assert.True(result.Spec is not null, result.Error);
        return result.Spec;
    }

    [Fact]
    public void Uri_ReadsUserPasswordHostPortDatabaseAndParameters_PercentDecoded()
    {
        var spec = Ok(ConnectionSpec.Parse("postgresql://app%20user:s3cr3t-Pa55%3Aw%40rd@db.example:6543/my%2Fdb?sslmode=require&application_name=deploy&connect_timeout=7", Env()));
        Assert.Equal(("db.example", 6543, "my/db", "app user", SslMode.Require, "deploy", 7), (spec.Host, spec.Port, spec.Database, spec.User, spec.SslMode, spec.ApplicationName, spec.ConnectTimeoutSeconds));
        Assert.Equal(Secret, spec.ToBuilder().Password);
    }

    [Fact]
    public void Uri_WithBracketedIPv6Host_AndPostgresScheme()
    {
        var spec = Ok(ConnectionSpec.Parse("postgres://[::1]:5433/app", Env(("PGUSER", "env_user"))));
        Assert.Equal(("::1", 5433, "app", "env_user"), (spec.Host, spec.Port, spec.Database, spec.User));
        Assert.Equal("[::1]:5433/app as env_user", spec.Display);
        Assert.Equal("live:[::1]:5433/app", spec.SourceName);
    }

    [Fact]
    public void KeyValues_QuotedValuesWithEscapes_AndSpacesAroundEquals()
    {
        var spec = Ok(ConnectionSpec.Parse(@"host = db.example port=5433 dbname='my db' user=o\'brien password='it\'s a \\ secret'", Env()));
        Assert.Equal(("db.example", 5433, "my db", "o'brien"), (spec.Host, spec.Port, spec.Database, spec.User));
        Assert.Equal(@"it's a \ secret", spec.ToBuilder().Password);
    }

    [Fact]
    public void Environment_GivesDefaults_AndConnWins()
    {
        var env = Env(("PGHOST", "envhost"), ("PGPORT", "6000"), ("PGDATABASE", "envdb"), ("PGUSER", "envuser"), ("PGPASSWORD", Secret), ("PGSSLMODE", "disable"), ("PGAPPNAME", "envapp"), ("PGCONNECT_TIMEOUT", "1"));
        var fromEnv = Ok(ConnectionSpec.Parse("", env));
        Assert.Equal(("envhost", 6000, "envdb", "envuser", SslMode.Disable, "envapp", 2), (fromEnv.Host, fromEnv.Port, fromEnv.Database, fromEnv.User, fromEnv.SslMode, fromEnv.ApplicationName, fromEnv.ConnectTimeoutSeconds));
        Assert.True(fromEnv.HasPassword);
        var given = Ok(ConnectionSpec.Parse("host=connhost dbname=conndb", env));
        Assert.Equal(("connhost", 6000, "conndb", "envuser"), (given.Host, given.Port, given.Database, given.User));
    }

    [Fact]
    public void Nothing_Given_UsesTheSocketTheOsUserAndDatabaseOfTheSameName()
    {
        var spec = Ok(ConnectionSpec.Parse("", Env()));
        Assert.Equal(("/var/run/postgresql", 5432, "osuser", "osuser", "migplan"), (spec.Host, spec.Port, spec.Database, spec.User, spec.ApplicationName));
        Assert.False(spec.HasPassword);
    }

    [Fact]
    public void LoneWord_IsTheDatabaseName()
    {
        Assert.Equal("shop", Ok(ConnectionSpec.Parse("shop", Env())).Database);
    }

    [Theory]
    [InlineData("host=h secret_option=" + Secret, "secret_option")]
    [InlineData("postgresql://u:" + "pw@h/db?sslcompression=" + Secret, "sslcompression")]
    public void UnknownKey_IsAnErrorNamingTheKey_NotItsValue(string conn, string key)
    {
        var result = ConnectionSpec.Parse(conn, Env());
        Assert.Null(result.Spec);
        Assert.Contains($"unknown connection option \"{key}\"", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host=h port=x", "invalid port")]
    [InlineData("host=h sslmode=sometimes", "invalid sslmode")]
    [InlineData("host=h password='unterminated", "unterminated quoted value of \"password\"")]
    [InlineData("host=h dbname", "missing \"=\" after \"dbname\"")]
    [InlineData("postgresql://h/db%zz", "invalid percent-encoding")]
    [InlineData("host=a,b", "several hosts")]
    public void BadConn_IsAnError(string conn, string expected)
    {
        var result = ConnectionSpec.Parse(conn, Env());
        Assert.Null(result.Spec);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Display_NamesHostPortDatabaseAndUser_NeverThePassword()
    {
        var spec = Ok(ConnectionSpec.Parse($"host=db.example port=5432 dbname=app user=deploy password='{Secret}'", Env()));
        Assert.Equal("db.example:5432/app as deploy", spec.Display);
        Assert.Equal("db.example:5432/app", spec.Server);
        Assert.DoesNotContain(Secret, spec.Display + spec.Server + spec.SourceName, StringComparison.Ordinal);
    }

    [Fact]
    public void PassFile_FirstMatchingLineWins_WithWildcardsAndEscapes()
    {
        string file = PassFile("# comment\nother:5432:app:deploy:wrong\ndb.example:5432:app:other:wrong\ndb\\:x:*:*:deploy:nope\ndb.example:*:app:deploy:s3cr3t-Pa55\\:w@rd\n*:*:*:*:fallback\n");
        var spec = Ok(ConnectionSpec.Parse($"host=db.example dbname=app user=deploy passfile={file}", Env()));
        Assert.Equal(Secret, spec.ToBuilder().Password);
        var other = Ok(ConnectionSpec.Parse("host=elsewhere dbname=app user=deploy", Env(("PGPASSFILE", file))));
        Assert.Equal("fallback", other.ToBuilder().Password);
    }

    [Fact]
    public void PassFile_InTheHomeDirectory_MatchesASocketAsLocalhost()
    {
        string file = Path.Combine(_dir, ".pgpass");
        File.WriteAllText(file, "localhost:5432:osuser:osuser:" + Secret.Replace(":", "\\:", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(Secret, Ok(ConnectionSpec.Parse("", Env())).ToBuilder().Password);
    }

    [Fact]
    public void PassFile_ReadableByGroupOrOthers_IsIgnoredWithAWarning()
    {
        string file = PassFile("*:*:*:*:" + "groupreadable\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var spec = Ok(ConnectionSpec.Parse($"host=h passfile={file}", Env()));
        Assert.False(spec.HasPassword);
        Assert.Contains(spec.Warnings, w => w.Contains("group or world access", StringComparison.Ordinal));
    }

    [Fact]
    public void PassFile_IsNotRead_WhenAPasswordIsGiven()
    {
        string file = PassFile("*:*:*:*:fromfile\n");
        Assert.Equal("given", Ok(ConnectionSpec.Parse($"host=h password=given passfile={file}", Env())).ToBuilder().Password);
    }

    private string PassFile(string text)
    {
        string file = Path.Combine(_dir, "pgpass-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, text);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }
}
