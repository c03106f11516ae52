using System.Globalization;
using Npgsql;

namespace Migplan.Live;

/// <summary>
/// Where <c>plan --conn</c> connects, resolved the way libpq resolves it: the CONN string (a
/// <c>postgresql://</c> URI or <c>key=value</c> pairs), then the PG* environment variables, then the password
/// file when no password was given. The password never leaves this object except into the Npgsql builder:
/// every message names the server by <see cref="Display"/>.
/// </summary>
public sealed class ConnectionSpec
{
    /// <summary>The application_name of migplan's session unless CONN or PGAPPNAME names another.</summary>
    public const string DefaultApplicationName = "migplan";

    /// <summary>Seconds to wait for the connection when neither CONN nor PGCONNECT_TIMEOUT says.</summary>
    public const int DefaultConnectTimeoutSeconds = 15;

    internal ConnectionSpec(string host, int port, string database, string user, string? password, SslMode sslMode, int connectTimeout, string applicationName, IReadOnlyList<string> warnings)
    {
        Host = host;
        Port = port;
        Database = database;
        User = user;
        Password = password;
        SslMode = sslMode;
        ConnectTimeoutSeconds = connectTimeout;
        ApplicationName = applicationName;
        Warnings = warnings;
    }

    /// <summary>A host name, an IP address, or a Unix-domain socket directory (starting with '/').</summary>
    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    public string User { get; }

    /// <summary>Never printed; <see cref="HasPassword"/> says whether there is one.</summary>
    internal string? Password { get; }

    public bool HasPassword => !string.IsNullOrEmpty(Password);

    public SslMode SslMode { get; }

    public int ConnectTimeoutSeconds { get; }

    public string ApplicationName { get; }

    /// <summary>What resolving the connection found worth saying (a password file ignored for its permissions).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary><c>host:port/dbname as user</c>: how every message names the server (never the password or the string).</summary>
    public string Display => string.Create(CultureInfo.InvariantCulture, $"{Server} as {User}");

    /// <summary><c>host:port/dbname</c>.</summary>
    public string Server => string.Create(CultureInfo.InvariantCulture, $"{(Host.Contains(':', StringComparison.Ordinal) && !Host.StartsWith('/') ? "[" + Host + "]" : Host)}:{Port}/{Database}");

    /// <summary>The name of the schema script read from this server (<c>live:host:port/dbname</c>): diagnostics point into it.</summary>
    public string SourceName => "live:" + Server;

    /// <summary>The Npgsql settings for one unpooled session (holds the password: hand it to Npgsql only).</summary>
    public NpgsqlConnectionStringBuilder ToBuilder() => new()
    {
        Host = Host,
        Port = Port,
        Database = Database,
        Username = User,
        Password = string.IsNullOrEmpty(Password) ? null : Password,
        SslMode = SslMode,
        Timeout = ConnectTimeoutSeconds,
        ApplicationName = ApplicationName,
        Pooling = false,
        Multiplexing = false,
        IncludeErrorDetail = false,
        // Npgsql would otherwise read PGPASSFILE and ~/.pgpass itself (even one libpq ignores for its
        // permissions); migplan resolved the password already, so Npgsql gets an empty password file.
        Passfile = string.IsNullOrEmpty(Password) ? (OperatingSystem.IsWindows() ? "NUL" : "/dev/null") : null,
    };

    /// <summary>Resolves CONN against the process's environment.</summary>
    public static ConnectionSpecResult Parse(string conn) =>
        Parse(conn, ConnectionEnvironment.Current);

    public static ConnectionSpecResult Parse(string conn, ConnectionEnvironment environment)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        string? error = ConnectionStringParser.Parse(conn, given);
        return error is not null ? new ConnectionSpecResult(null, error) : Resolve(given, environment);
    }

    private static ConnectionSpecResult Resolve(Dictionary<string, string> given, ConnectionEnvironment env)
    {
        string? Value(string key, string variable) =>
            given.TryGetValue(key, out var v) && v.Length > 0 ? v : env.Variable(variable) is { Length: > 0 } e ? e : null;

        string? host = Value("host", "PGHOST") ?? Value("hostaddr", "PGHOSTADDR");
        if (host is not null && host.Contains(',', StringComparison.Ordinal))
        {
            return Failed("several hosts are not supported: name one server");
        }

        host ??= env.DefaultHost();
        int port = 5432;
        if (Value("port", "PGPORT") is { } portText && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return Failed($"invalid port \"{portText}\": expected a number from 1 to 65535");
        }

        string user = Value("user", "PGUSER") ?? env.OsUser;
        string database = Value("dbname", "PGDATABASE") ?? user;
        var ssl = SslMode.Prefer;
        if (Value("sslmode", "PGSSLMODE") is { } sslText)
        {
            SslMode? parsed = sslText switch
            {
                "disable" => SslMode.Disable,
                "allow" => SslMode.Allow,
                "prefer" => SslMode.Prefer,
                "require" => SslMode.Require,
                "verify-ca" => SslMode.VerifyCA,
                "verify-full" => SslMode.VerifyFull,
                _ => null,
            };
            if (parsed is null)
            {
                return Failed($"invalid sslmode \"{sslText}\": expected disable, allow, prefer, require, verify-ca or verify-full");
            }

            ssl = parsed.Value;
        }

        int timeout = DefaultConnectTimeoutSeconds;
        if (Value("connect_timeout", "PGCONNECT_TIMEOUT") is { } timeoutText)
        {
            if (!int.TryParse(timeoutText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out timeout))
            {
                return Failed($"invalid connect_timeout \"{timeoutText}\": expected a number of seconds");
            }

            // libpq: zero or less waits forever, and less than 2 s means 2 s.
            timeout = timeout <= 0 ? 0 : Math.Min(Math.Max(timeout, 2), 1024);
        }

        string application = Value("application_name", "PGAPPNAME") ?? (given.TryGetValue("fallback_application_name", out var fallback) && fallback.Length > 0 ? fallback : DefaultApplicationName);
        var warnings = new List<string>();
        string? password = Value("password", "PGPASSWORD");
        if (password is null)
        {
            string? passFile = Value("passfile", "PGPASSFILE") ?? (env.Home is { } home ? Path.Combine(home, ".pgpass") : null);
            if (passFile is not null)
            {
                password = PassFile.Lookup(passFile, host, port, database, user, warnings);
            }
        }

        return new ConnectionSpecResult(new ConnectionSpec(host, port, database, user, password, ssl, timeout, application, warnings), null);
    }

    private static ConnectionSpecResult Failed(string message) => new(null, message);
}

/// <summary>A resolved connection, or why CONN could not be read (the message never quotes a password).</summary>
public sealed record ConnectionSpecResult(ConnectionSpec? Spec, string? Error);

/// <summary>What resolving CONN reads besides CONN itself: the PG* variables, the home directory, the OS user.</summary>
public sealed record ConnectionEnvironment(Func<string, string?> Variable, string? Home, string OsUser)
{
    public static ConnectionEnvironment Current { get; } = new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } h ? h : null,
        Environment.UserName);

    /// <summary>libpq's default: the Unix-domain socket directory when there is one, else localhost.</summary>
    public Func<string> DefaultHost { get; init; } = () => Directory.Exists("/var/run/postgresql") ? "/var/run/postgresql" : "localhost";
}
