using System.Collections.Immutable;
using Migplan.Sql.Ast;

namespace Migplan.Schema;

/// <summary>serial, bigserial and smallserial: an integer type with a sequence it owns as its default.</summary>
public static class SerialTypes
{
    public static bool IsSerial(TypeName type) => Integer(type) is not null;

    /// <summary>The integer type a serial type stands for (serial → integer); the type itself otherwise.</summary>
    public static TypeName Underlying(TypeName type) =>
        Integer(type) is { } name ? new TypeName(name, name, ImmutableArray<string>.Empty, 0) : type;

    private static string? Integer(TypeName type) => type.ArrayDimensions > 0 ? null : type.BaseName switch
    {
        "serial" or "serial4" => "integer",
        "bigserial" or "serial8" => "bigint",
        "smallserial" or "serial2" => "smallint",
        _ => null,
    };
}
