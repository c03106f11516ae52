using Migplan.Sql.Ast;

namespace Migplan.Analysis;

/// <summary>Whether ALTER COLUMN ... TYPE rewrites the table, by the pair of types (no USING clause).</summary>
public static class TypeChanges
{
    /// <summary>True when PostgreSQL can change the type without rewriting the table or rebuilding its indexes.</summary>
    public static bool IsBinaryCoercible(TypeName from, TypeName to, bool hasUsing)
    {
        if (hasUsing)
        {
            return false;
        }

        string f = Canonical(from.BaseName);
        string t = Canonical(to.BaseName);
        if (from.ArrayDimensions != to.ArrayDimensions)
        {
            return false;
        }

        if (f == t && from.Modifiers.SequenceEqual(to.Modifiers))
        {
            return true;
        }

        switch (f, t)
        {
            case ("varchar", "varchar"):
                return to.Modifiers.Length == 0 || from.Modifiers.Length == 1 && to.Modifiers.Length == 1 && Number(to.Modifiers[0]) >= Number(from.Modifiers[0]);
            case ("varchar", "text"):
                return true;
            case ("text", "varchar"):
                return to.Modifiers.Length == 0;
            case ("numeric", "numeric"):
                if (to.Modifiers.Length == 0)
                {
                    return true;
                }

                if (from.Modifiers.Length == 0)
                {
                    return false;
                }

                int fromScale = from.Modifiers.Length > 1 ? Number(from.Modifiers[1]) : 0;
                int toScale = to.Modifiers.Length > 1 ? Number(to.Modifiers[1]) : 0;
                return fromScale == toScale && Number(to.Modifiers[0]) >= Number(from.Modifiers[0]);
            case ("varbit", "varbit"):
                return to.Modifiers.Length == 0 || from.Modifiers.Length == 1 && Number(to.Modifiers[0]) >= Number(from.Modifiers[0]);
            case ("cidr", "inet"):
                return true;
            default:
                return false;
        }
    }

    private static int Number(string s) => int.TryParse(s.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue;

    private static string Canonical(string baseName) => baseName switch
    {
        "character varying" or "varchar" => "varchar",
        "character" or "char" or "bpchar" => "bpchar",
        "decimal" or "numeric" => "numeric",
        "int" or "integer" or "int4" => "int4",
        "bigint" or "int8" => "int8",
        "smallint" or "int2" => "int2",
        "bit varying" or "varbit" => "varbit",
        "timestamp with time zone" or "timestamptz" => "timestamptz",
        "timestamp" or "timestamp without time zone" => "timestamp",
        "double precision" or "float8" => "float8",
        "real" or "float4" => "float4",
        "boolean" or "bool" => "bool",
        _ => baseName,
    };
}
