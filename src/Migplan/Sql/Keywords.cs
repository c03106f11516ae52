using System.Collections.Frozen;

namespace Migplan.Sql;

/// <summary>PostgreSQL keyword categories (PostgreSQL 15, src/include/parser/kwlist.h).</summary>
public static class Keywords
{
    /// <summary>Keywords that can never be a column or table name without quotes.</summary>
    public static readonly FrozenSet<string> Reserved = new[]
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
        "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
        "using", "variadic", "when", "where", "window", "with",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Keywords allowed as function or type names but not as column names.</summary>
    public static readonly FrozenSet<string> TypeFuncName = new[]
    {
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
        "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
        "right", "similar", "tablesample", "verbose",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Keywords allowed as column names but not as function or type names.</summary>
    public static readonly FrozenSet<string> ColName = new[]
    {
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
        "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
        "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real",
        "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar",
        "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
        "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when a folded name is a keyword that is not unreserved, so it must be quoted (as quote_ident does).</summary>
    public static bool RequiresQuoting(string lowerName) =>
        Reserved.Contains(lowerName) || TypeFuncName.Contains(lowerName) || ColName.Contains(lowerName);
}
