using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// The privileges the schema's GRANT and REVOKE lines give (pg_dump writes an object's ACL as those lines, from the
/// default ACL): per object, per grantee ("" for PUBLIC), each privilege ("SELECT", or "SELECT(col)" for a column)
/// with whether it is held WITH GRANT OPTION. The owner's implicit privileges are not modelled. A schema without a
/// single GRANT or REVOKE (a dump taken with --no-privileges, a hand-written schema, a live reading) does not say what
/// anyone holds: <see cref="Seen"/> stays false and every lookup is unknown.
/// </summary>
public sealed class Acls
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, bool>>> _objects = new(StringComparer.Ordinal);

    /// <summary>True once a GRANT or REVOKE of the schema was applied: the schema carries privileges.</summary>
    public bool Seen { get; set; }

    /// <summary>Every privilege the kind has, in the order PostgreSQL lists them (what ALL means).</summary>
    public static IReadOnlyList<string> AllOf(string kind) => kind switch
    {
        "SEQUENCE" => ["USAGE", "SELECT", "UPDATE"],
        "SCHEMA" => ["USAGE", "CREATE"],
        "FUNCTION" or "PROCEDURE" or "ROUTINE" => ["EXECUTE"],
        "TYPE" or "DOMAIN" => ["USAGE"],
        _ => ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"],
    };

    /// <summary>
    /// The privileges <paramref name="grantee"/> holds on the object (privilege to "with grant option"), or null
    /// when the schema does not say: it carries no privileges, or the object is neither in the schema model nor named
    /// by one of its GRANT or REVOKE lines.
    /// </summary>
    public IReadOnlyDictionary<string, bool>? Held(string objectKey, bool modelled, string kind, Grantee grantee)
    {
        if (!Seen || (!modelled && !_objects.ContainsKey(objectKey)))
        {
            return null;
        }

        return Entry(objectKey, kind, grantee.Key, create: false) ?? new Dictionary<string, bool>();
    }

    /// <summary>Applies a GRANT or REVOKE to one object.</summary>
    public void Apply(string objectKey, PrivilegeStatement s, string kind)
    {
        foreach (var grantee in s.Grantees)
        {
            var held = Entry(objectKey, kind, grantee.Key, create: true)!;
            foreach (string p in Names(s, kind))
            {
                if (s.IsGrant)
                {
                    held[p] = (held.TryGetValue(p, out bool option) && option) || s.WithGrantOption;
                }
                else if (s.GrantOptionFor)
                {
                    if (held.ContainsKey(p))
                    {
                        held[p] = false;
                    }
                }
                else
                {
                    held.Remove(p);
                    if (!p.Contains('(', StringComparison.Ordinal))
                    {
                        // Revoking a table privilege revokes it on every column too.
                        foreach (string column in held.Keys.Where(k => k.StartsWith(p + "(", StringComparison.Ordinal)).ToList())
                        {
                            held.Remove(column);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The privileges a statement names, one per column for a column list ("SELECT(email)").</summary>
    public static IEnumerable<string> Names(PrivilegeStatement s, string kind) =>
        s.All ? AllOf(kind) : s.Privileges.SelectMany(p => p.Columns.IsEmpty ? [p.Name] : p.Columns.Select(c => $"{p.Name}({c.Quoted})"));

    /// <summary>The kind whose privileges apply to the object: GRANT ... ON TABLE of a sequence grants a sequence's.</summary>
    public static string KindOf(Catalog catalog, string kind, QualifiedName name) =>
        kind == "TABLE" && catalog.FindTable(name) is null && catalog.HasSequence(name) ? "SEQUENCE" : kind;

    /// <summary>The key of an object's ACL: a table by its id (so it follows renames), anything else by kind and name.</summary>
    public static string Key(Catalog catalog, string kind, QualifiedName name, string? arguments)
    {
        if (kind is "TABLE" or "SEQUENCE" && catalog.FindTable(name) is { } table)
        {
            return "table#" + table.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string group = kind switch
        {
            "TABLE" or "SEQUENCE" => "relation",
            "FUNCTION" or "PROCEDURE" or "ROUTINE" => "routine",
            "DOMAIN" => "type",
            _ => kind.ToLowerInvariant(),
        };
        string resolved = kind == "SCHEMA" ? name.Name.Value : catalog.Resolve(name).Key;
        string args = arguments is null ? string.Empty : "(" + string.Join(' ', arguments.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) + ")";
        return $"{group} {resolved}{args}";
    }

    private Dictionary<string, bool>? Entry(string objectKey, string kind, string grantee, bool create)
    {
        if (!_objects.TryGetValue(objectKey, out var grantees))
        {
            if (!create)
            {
                return Default(kind, grantee);
            }

            _objects[objectKey] = grantees = new(StringComparer.Ordinal);
            if (Default(kind, string.Empty) is { } publicDefault)
            {
                grantees[string.Empty] = publicDefault;
            }
        }

        if (!grantees.TryGetValue(grantee, out var held) && create)
        {
            grantees[grantee] = held = new(StringComparer.Ordinal);
        }

        return held;
    }

    /// <summary>What PUBLIC holds by default: EXECUTE on routines, USAGE on types (the owner's privileges are not modelled).</summary>
    private static Dictionary<string, bool>? Default(string kind, string grantee) => (kind, grantee) switch
    {
        ("FUNCTION" or "PROCEDURE" or "ROUTINE", "") => new(StringComparer.Ordinal) { ["EXECUTE"] = false },
        ("TYPE" or "DOMAIN", "") => new(StringComparer.Ordinal) { ["USAGE"] = false },
        _ => null,
    };
}
