using Migplan.Sql.Ast;

namespace Migplan.Analysis;

/// <summary>How PostgreSQL's format_type() prints a type, for the common built-in types.</summary>
public static class TypeDisplay
{
    /// <summary>
    /// The canonical spelling of <paramref name="type"/> (<c>varchar(255)</c> → <c>character varying(255)</c>,
    /// <c>int</c> → <c>integer</c>); a type it does not know is returned as written.
    /// </summary>
    public static string FormatType(TypeName type)
    {
        string modifiers = type.Modifiers.Length == 0 ? string.Empty : "(" + string.Join(",", type.Modifiers.Select(m => m.Trim())) + ")";
        string arrays = string.Concat(Enumerable.Repeat("[]", type.ArrayDimensions));
        string? canonical = type.BaseName switch
        {
            "varchar" or "character varying" => "character varying" + modifiers,
            "char" or "character" or "bpchar" => "character" + (modifiers.Length == 0 ? "(1)" : modifiers),
            "int" or "integer" or "int4" or "serial" or "serial4" => "integer",
            "bigint" or "int8" or "bigserial" or "serial8" => "bigint",
            "smallint" or "int2" or "smallserial" or "serial2" => "smallint",
            "bool" or "boolean" => "boolean",
            "float8" or "double precision" => "double precision",
            "float4" or "real" => "real",
            "decimal" or "numeric" => "numeric" + modifiers,
            "timestamptz" or "timestamp with time zone" => modifiers.Length == 0 ? "timestamp with time zone" : $"timestamp{modifiers} with time zone",
            "timestamp" or "timestamp without time zone" => modifiers.Length == 0 ? "timestamp without time zone" : $"timestamp{modifiers} without time zone",
            "timetz" or "time with time zone" => modifiers.Length == 0 ? "time with time zone" : $"time{modifiers} with time zone",
            "time" or "time without time zone" => modifiers.Length == 0 ? "time without time zone" : $"time{modifiers} without time zone",
            "varbit" or "bit varying" => "bit varying" + modifiers,
            "bit" => "bit" + (modifiers.Length == 0 ? "(1)" : modifiers),
            "text" or "uuid" or "jsonb" or "json" or "date" or "bytea" or "inet" or "cidr" or "macaddr" or "money" or "xml" or "tsvector" or "interval" => type.BaseName + modifiers,
            _ => null,
        };
        return canonical is null ? type.Text : canonical + arrays;
    }
}
