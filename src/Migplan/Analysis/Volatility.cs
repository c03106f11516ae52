using System.Collections.Frozen;
using Migplan.Sql.Ast;

namespace Migplan.Analysis;

public enum VolatilityClass
{
    /// <summary>Constant or immutable/stable: evaluated once for ADD COLUMN ... DEFAULT.</summary>
    NonVolatile,

    /// <summary>Volatile (or unknown, treated as volatile): ADD COLUMN ... DEFAULT rewrites the table.</summary>
    Volatile,
}

/// <summary>Classifies default expressions by the functions they call.</summary>
public static class Volatility
{
    private static readonly FrozenSet<string> KnownVolatile = new[]
    {
        "random", "random_normal", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "nextval", "setval", "setseed", "txid_current", "pg_current_xact_id", "currval", "lastval",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> KnownNonVolatile = new[]
    {
        "now", "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "transaction_timestamp",
        "statement_timestamp", "current_user", "session_user", "current_role", "user", "current_schema", "current_catalog",
        "lower", "upper", "coalesce", "nullif", "greatest", "least", "concat", "concat_ws", "length", "char_length", "substring", "substr",
        "trim", "btrim", "ltrim", "rtrim", "replace", "left", "right", "md5", "to_char", "to_date", "to_timestamp", "to_number",
        "date_trunc", "date_part", "extract", "make_date", "make_timestamp", "make_interval", "abs", "round", "floor", "ceil",
        "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json", "array_agg",
        "cast", "format", "split_part", "regexp_replace", "array", "row", "interval", "timezone", "encode", "decode", "sha256",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static VolatilityClass Classify(SqlExpression expression, out string? unknownFunction)
    {
        unknownFunction = null;
        foreach (var f in expression.Functions)
        {
            if (KnownVolatile.Contains(f))
            {
                return VolatilityClass.Volatile;
            }

            if (!KnownNonVolatile.Contains(f))
            {
                unknownFunction = f;
                return VolatilityClass.Volatile;
            }
        }

        return VolatilityClass.NonVolatile;
    }
}
