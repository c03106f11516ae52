using System.Globalization;
using System.Text;

namespace Migplan.Live;

/// <summary>
/// libpq's password file (<c>~/.pgpass</c> or PGPASSFILE): lines <c>hostname:port:database:username:password</c>,
/// <c>*</c> matching anything, <c>\:</c> and <c>\\</c> escaping, the first matching line winning. Like libpq, a
/// file that is not a plain file, or that its group or others may read, is ignored with a warning.
/// </summary>
internal static class PassFile
{
    public static string? Lookup(string path, string host, int port, string database, string user, List<string> warnings)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                return null;
            }

            if (file.Attributes.HasFlag(FileAttributes.Directory) || file.LinkTarget is not null && file.ResolveLinkTarget(true) is { Exists: false })
            {
                warnings.Add($"password file \"{path}\" is not a plain file: ignored");
                return null;
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
            {
                warnings.Add($"password file \"{path}\" has group or world access; permissions should be u=rw (0600) or less: ignored");
                return null;
            }

            // A Unix-domain socket connection matches the host "localhost", as in libpq.
            string hostKey = host.StartsWith('/') ? "localhost" : host;
            string portKey = port.ToString(CultureInfo.InvariantCulture);
            foreach (string line in File.ReadLines(path))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var fields = Fields(line.TrimEnd('\r'));
                if (fields.Count < 5)
                {
                    continue;
                }

                if (Matches(fields[0], hostKey) && Matches(fields[1], portKey) && Matches(fields[2], database) && Matches(fields[3], user))
                {
                    return fields[4].Text.Length == 0 ? null : fields[4].Text;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"password file \"{path}\" could not be read ({e.GetType().Name}): ignored");
        }

        return null;
    }

    private static bool Matches(Field field, string value) => field.Wildcard || field.Text == value;

    /// <summary>The colon-separated fields, unescaped; the fifth (the password) takes the rest of the line up to an unescaped colon.</summary>
    private static List<Field> Fields(string line)
    {
        var fields = new List<Field>(5);
        var current = new StringBuilder();
        bool escaped = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                escaped = true;
            }
            else if (c == ':')
            {
                fields.Add(new Field(current.ToString(), !escaped && current.ToString() == "*"));
                current.Clear();
                escaped = false;
                if (fields.Count == 5)
                {
                    return fields;
                }
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(new Field(current.ToString(), !escaped && current.ToString() == "*"));
        return fields;
    }

    private readonly record struct Field(string Text, bool Wildcard);
}
