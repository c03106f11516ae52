using System.Globalization;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning.Operations;

/// <summary>
/// An integer column widened (int → bigint) keeps a sequence that still hands out integers: PostgreSQL 15 widens an
/// identity column's sequence with the column, but a serial column's (or any sequence the column owns) stays
/// <c>AS integer</c>, and the column overflows at the sequence's end as before. The plan widens the sequence too, and
/// narrows it back on rollback only while its last value still fits (measured: <c>TypeChangeLockFacts</c>).
/// </summary>
internal static class SequenceWidening
{
    private static readonly string[] Order = ["smallint", "integer", "bigint"];

    /// <summary>smallint, integer or bigint for an integer type (serial types as theirs); null otherwise.</summary>
    public static string? Integer(TypeName type) => type.ArrayDimensions > 0 ? null : type.BaseName switch
    {
        "smallint" or "int2" or "smallserial" or "serial2" => "smallint",
        "int" or "integer" or "int4" or "serial" or "serial4" => "integer",
        "bigint" or "int8" or "bigserial" or "serial8" => "bigint",
        _ => null,
    };

    /// <summary>True when <paramref name="to"/> is an integer type wider than the integer type <paramref name="from"/>.</summary>
    public static bool Widens(TypeName from, TypeName to) =>
        Integer(from) is { } f && Integer(to) is { } t && Array.IndexOf(Order, t) > Array.IndexOf(Order, f);

    private static string Max(string type) => type switch
    {
        "smallint" => "32767",
        "integer" => "2147483647",
        _ => long.MaxValue.ToString(CultureInfo.InvariantCulture),
    };

    private static string Declare(QualifiedName table, Identifier column) =>
        "DECLARE\n" +
        $"  s regclass := pg_catalog.pg_get_serial_sequence({SqlText.Literal(table.Quoted)}, {SqlText.Literal(column.Value)})::regclass;\n" +
        "BEGIN\n";

    /// <summary>Makes the sequence the column owns (if any) hand out <paramref name="to"/> values, when it is narrower; a re-run does nothing.</summary>
    public static string Forward(QualifiedName table, Identifier column, string to) =>
        SqlText.DoBlock(Declare(table, column) + Widen(to) + "END\n");

    /// <summary>
    /// Makes the sequence hand out <paramref name="back"/> values again when it was widened to <paramref name="from"/>;
    /// stops with an error, changing nothing, when its last value no longer fits.
    /// </summary>
    public static string Back(QualifiedName table, Identifier column, string back, string from) =>
        SqlText.DoBlock(Declare(table, column) + Narrow(table, column, back, from) + "END\n");

    /// <summary>PL/pgSQL statements widening the sequence in the variable <c>s</c> (a regclass, NULL for none) to <paramref name="to"/>.</summary>
    public static string Widen(string to)
    {
        var narrower = Order.Take(Array.IndexOf(Order, to)).Select(n => SqlText.Literal(n) + "::regtype");
        return $"  IF s IS NOT NULL AND (SELECT seqtypid::regtype FROM pg_catalog.pg_sequence WHERE seqrelid = s) IN ({string.Join(", ", narrower)}) THEN\n" +
            $"    EXECUTE pg_catalog.format('ALTER SEQUENCE %s AS {to}', s);\n" +
            "  END IF;\n";
    }

    /// <summary>PL/pgSQL statements narrowing the sequence in <c>s</c> back to <paramref name="back"/>, or stopping with an error when its last value does not fit.</summary>
    public static string Narrow(QualifiedName table, Identifier column, string back, string from) =>
        $"  IF s IS NOT NULL AND (SELECT seqtypid::regtype FROM pg_catalog.pg_sequence WHERE seqrelid = s) = {SqlText.Literal(from)}::regtype THEN\n" +
        $"    IF pg_catalog.pg_sequence_last_value(s) > {Max(back)} THEN\n" +
        $"      RAISE EXCEPTION 'migplan: cannot change %.% back to {back}: its sequence % has handed out %, past {back}''s largest value {Max(back)}', {SqlText.Literal(table.Quoted)}, {SqlText.Literal(column.Value)}, s, pg_catalog.pg_sequence_last_value(s)\n" +
        "        USING ERRCODE = 'numeric_value_out_of_range', HINT = 'Nothing was changed. The rows written since the change need the wider type: keep it, or move them out of range first.';\n" +
        "    END IF;\n" +
        $"    EXECUTE pg_catalog.format('ALTER SEQUENCE %s AS {back}', s);\n" +
        "  END IF;\n";
}
