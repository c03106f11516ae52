using System.Text;

namespace Migplan.Live;

/// <summary>
/// Reads CONN as libpq does: a <c>postgresql://</c> (or <c>postgres://</c>) URI, <c>key=value</c> pairs
/// (values optionally single-quoted, with <c>\'</c> and <c>\\</c> escapes), or a bare database name.
/// Error messages name keys, never values (a value may be a password).
/// </summary>
internal static class ConnectionStringParser
{
    /// <summary>The keys migplan understands; any other key is an error naming it.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "sslmode", "connect_timeout",
        "application_name", "fallback_application_name",
    };

    /// <summary>Fills <paramref name="values"/>; returns an error message, or null.</summary>
    public static string? Parse(string conn, Dictionary<string, string> values)
    {
        string trimmed = conn.Trim();
        if (trimmed.StartsWith("postgresql://", StringComparison.Ordinal) || trimmed.StartsWith("postgres://", StringComparison.Ordinal))
        {
            return ParseUri(trimmed[(trimmed.IndexOf("://", StringComparison.Ordinal) + 3)..], values);
        }

        if (!trimmed.Contains('=', StringComparison.Ordinal))
        {
            if (trimmed.Length > 0)
            {
                values["dbname"] = trimmed; // like psql's lone argument
            }

            return null;
        }

        return ParseKeyValues(conn, values);
    }

    private static string? ParseKeyValues(string text, Dictionary<string, string> values)
    {
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                return null;
            }

            int keyStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string key = text[keyStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length || text[i] != '=')
            {
                return $"missing \"=\" after \"{key}\" in the connection string";
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var value = new StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                i++;
                while (true)
                {
                    if (i == text.Length)
                    {
                        return $"unterminated quoted value of \"{key}\" in the connection string";
                    }

                    char c = text[i++];
                    if (c == '\'')
                    {
                        break;
                    }

                    if (c == '\\' && i < text.Length)
                    {
                        c = text[i++];
                    }

                    value.Append(c);
                }
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    char c = text[i++];
                    if (c == '\\' && i < text.Length)
                    {
                        c = text[i++];
                    }

                    value.Append(c);
                }
            }

            if (Set(key, value.ToString(), values) is { } error)
            {
                return error;
            }
        }
    }

    /// <summary>After the scheme: <c>[user[:password]@][host][:port][/dbname][?key=value&amp;...]</c>.</summary>
    private static string? ParseUri(string rest, Dictionary<string, string> values)
    {
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        string beforeQuery = query < 0 ? rest : rest[..query];
        int slash = beforeQuery.IndexOf('/', StringComparison.Ordinal);
        string authority = slash < 0 ? beforeQuery : beforeQuery[..slash];
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            string userInfo = authority[..at];
            authority = authority[(at + 1)..];
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if ((Put("user", colon < 0 ? userInfo : userInfo[..colon]) ?? (colon < 0 ? null : Put("password", userInfo[(colon + 1)..]))) is { } error)
            {
                return error;
            }
        }

        string host = authority;
        string? port = null;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "unterminated IPv6 address ([...]) in the connection URI";
            }

            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return "unexpected text after the IPv6 address in the connection URI";
                }

                port = after[1..];
            }
        }
        else if (authority.LastIndexOf(':') is int colon and >= 0)
        {
            host = authority[..colon];
            port = authority[(colon + 1)..];
        }

        if ((Put("host", host) ?? (port is null ? null : Put("port", port))) is { } hostError)
        {
            return hostError;
        }

        if (slash >= 0 && Put("dbname", beforeQuery[(slash + 1)..]) is { } dbError)
        {
            return dbError;
        }

        if (query >= 0)
        {
            foreach (string pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    return $"missing \"=\" after \"{Decode(pair) ?? pair}\" in the connection URI's parameters";
                }

                string? key = Decode(pair[..eq]);
                if (key is null)
                {
                    return "invalid percent-encoding in the connection URI";
                }

                if (Put(key, pair[(eq + 1)..]) is { } error)
                {
                    return error;
                }
            }
        }

        return null;

        string? Put(string key, string encoded)
        {
            if (encoded.Length == 0)
            {
                return Keys.Contains(key) ? null : Set(key, string.Empty, values);
            }

            return Decode(encoded) is { } decoded ? Set(key, decoded, values) : "invalid percent-encoding in the connection URI";
        }
    }

    private static string? Set(string key, string value, Dictionary<string, string> values)
    {
        if (!Keys.Contains(key))
        {
            return $"unknown connection option \"{key}\" (migplan understands {string.Join(", ", Keys.Order(StringComparer.Ordinal))})";
        }

        values[key] = value;
        return null;
    }

    /// <summary>Percent-decoding as UTF-8; null when a % is not followed by two hex digits.</summary>
    private static string? Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] != '%')
            {
                int next = text.IndexOf('%', i);
                int end = next < 0 ? text.Length : next;
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..end]));
                i = end;
                continue;
            }

            if (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2]))
            {
                return null;
            }

            bytes.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
            i += 3;
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
