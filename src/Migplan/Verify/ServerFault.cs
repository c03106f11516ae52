using System.Net.Sockets;
using Migplan.Live;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// The scratch server cannot be used (unreachable, refused, no privilege to create a database): bad input, exit 2.
/// Thrown and caught inside <see cref="Verifier"/> only; the message names the server as host:port/dbname, never a password.
/// </summary>
internal sealed class ServerFault(string message) : Exception(message)
{
    /// <summary>True for the exceptions a connection or the server's refusal raise (not a bug).</summary>
    public static bool IsServerError(Exception e) =>
        e is NpgsqlException or TimeoutException or SocketException or IOException or System.Security.Authentication.AuthenticationException;

    /// <summary>The reason in one line: the server's message and SQLSTATE, or the connection error and its causes.</summary>
    public static string Describe(Exception e) => LiveIntrospector.OneLine(LiveIntrospector.Reason(e));
}
