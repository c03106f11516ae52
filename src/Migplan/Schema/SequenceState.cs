using System.Globalization;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>
/// The options a sequence's CREATE SEQUENCE and ALTER SEQUENCE statements set (as written: "AS" → "integer",
/// "MINVALUE" → null for NO MINVALUE, "CYCLE" → "true"/"false", "OWNED BY" → "public.t.id" or "NONE"); what none set
/// is PostgreSQL's default. Its position (last_value) is data, not schema, and is not here.
/// </summary>
public sealed class SequenceState
{
    private readonly Dictionary<string, string?> _set = new(StringComparer.Ordinal);

    /// <summary>The options ALTER SEQUENCE can change and a rollback restores, in the order it writes them.</summary>
    public static readonly string[] Restorable = ["AS", "INCREMENT", "MINVALUE", "MAXVALUE", "START", "CACHE", "CYCLE", "OWNED BY"];

    public void Apply(IEnumerable<SequenceOption> options)
    {
        foreach (var o in options)
        {
            switch (o.Kind)
            {
                case "NO MINVALUE": _set["MINVALUE"] = null; break;
                case "NO MAXVALUE": _set["MAXVALUE"] = null; break;
                case "CYCLE": _set["CYCLE"] = "true"; break;
                case "NO CYCLE": _set["CYCLE"] = "false"; break;
                case "RESTART": break; // the position: data
                default: _set[o.Kind] = o.Value; break;
            }
        }
    }

    /// <summary>The option's value now, as <see cref="Apply"/> keeps it; <paramref name="known"/> is false when it cannot be told.</summary>
    public string? Value(string kind, out bool known)
    {
        known = true;
        if (_set.TryGetValue(kind, out string? value))
        {
            return value;
        }

        switch (kind)
        {
            case "AS": return "bigint";
            case "INCREMENT": return "1";
            case "CACHE": return "1";
            case "CYCLE": return "false";
            case "OWNED BY": return "NONE";
            case "MINVALUE" or "MAXVALUE": return null;
            case "START":
                // The default start is the minimum of an ascending sequence (1 unless MINVALUE says otherwise).
                if (_set.TryGetValue("MINVALUE", out string? min) && min is not null)
                {
                    return min;
                }

                if (!long.TryParse(Value("INCREMENT", out _), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long increment) || increment < 0)
                {
                    known = false;
                    return null;
                }

                return "1";
            default:
                known = false;
                return null;
        }
    }

    /// <summary>The option as ALTER SEQUENCE writes it to set <paramref name="value"/> (a value from <see cref="Value"/>).</summary>
    public static string Clause(string kind, string? value) => (kind, value) switch
    {
        ("MINVALUE" or "MAXVALUE", null) => "NO " + kind,
        ("CYCLE", "true") => "CYCLE",
        ("CYCLE", _) => "NO CYCLE",
        ("INCREMENT", _) => "INCREMENT BY " + value,
        ("START", _) => "START WITH " + value,
        _ => kind + " " + value,
    };
}
