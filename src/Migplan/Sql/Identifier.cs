using System.Text;

namespace Migplan.Sql;

/// <summary>
/// A name as PostgreSQL stores it (unquoted names already folded to lower case).
/// It quotes itself by rule: unquoted only when it is lower-case ASCII letters, digits, '_' or '$',
/// does not start with a digit or '$', and is not a keyword that needs quoting.
/// </summary>
public sealed record Identifier(string Value) : IComparable<Identifier>
{
    private string? _quoted; // computed once: plans quote the same names many thousands of times

    public string Quoted => _quoted ??= NeedsQuotes(Value) ? "\"" + Value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : Value;

    // Equality is by value only (not by the cache). Do not use `with` on an Identifier: build a new one.
    public bool Equals(Identifier? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public static bool NeedsQuotes(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        char first = value[0];
        if (!(first is >= 'a' and <= 'z' || first == '_'))
        {
            return true;
        }

        foreach (char c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '$'))
            {
                return true;
            }
        }

        return Keywords.RequiresQuoting(value);
    }

    /// <summary>Folds an unquoted name the way PostgreSQL does (ASCII letters only).</summary>
    public static string Fold(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (char c in raw)
        {
            sb.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }

        return sb.ToString();
    }

    public int CompareTo(Identifier? other) => string.CompareOrdinal(Value, other?.Value);

    public override string ToString() => Quoted;
}

/// <summary>An optionally schema-qualified name: <c>schema.name</c>.</summary>
public sealed record QualifiedName(Identifier? Schema, Identifier Name)
{
    public QualifiedName(string name)
        : this(null, new Identifier(name))
    {
    }

    private string? _quoted; // computed once each (like _resolved); equality below ignores them. Do not use `with`: build a new name.
    private string? _key;
    private string? _regClass;

    public string Quoted => _quoted ??= Schema is null ? Name.Quoted : Schema.Quoted + "." + Name.Quoted;

    private QualifiedName? _resolved; // the last name made explicit, kept with its own caches

    /// <summary>The name with the schema made explicit (<paramref name="defaultSchema"/> when none was written).</summary>
    public QualifiedName WithDefaultSchema(string defaultSchema)
    {
        if (Schema is not null)
        {
            return this;
        }

        var resolved = _resolved;
        if (resolved is null || !string.Equals(resolved.Schema!.Value, defaultSchema, StringComparison.Ordinal))
        {
            resolved = new QualifiedName(new Identifier(defaultSchema), Name);
            _resolved = resolved;
        }

        return resolved;
    }

    /// <summary>Unquoted display key such as <c>public.users</c> (used for stats lookup and messages).</summary>
    public string Key => _key ??= Schema is null ? Name.Value : Schema.Value + "." + Name.Value;

    /// <summary>
    /// <c>'public.users'::regclass::oid</c>, the name quoted inside the literal: the table's oid, to compare with
    /// catalog columns of type oid. As a plain regclass the comparison would need a coercion, and an operator
    /// <c>=(oid, regclass)</c> someone created in public would match it exactly and run instead of the built-in.
    /// </summary>
    public string RegClass => _regClass ??= SqlText.Literal(Quoted) + "::regclass::oid";

    public bool Equals(QualifiedName? other) => other is not null && Equals(Schema, other.Schema) && Name.Equals(other.Name);

    public override int GetHashCode() => HashCode.Combine(Schema, Name);

    public override string ToString() => Quoted;
}
