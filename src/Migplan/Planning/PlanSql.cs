using System.Text;
using Migplan.Sql;

namespace Migplan.Planning;

/// <summary>SQL fragments shared by operations: verification queries, idempotent wrappers, names.</summary>
public static class PlanSql
{
    public static Verification ColumnExists(QualifiedName table, Identifier column) => new(
        $"SELECT pg_catalog.count(*) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(column.Value)} AND NOT attisdropped;",
        "1");

    public static Verification ColumnAbsent(QualifiedName table, Identifier column) => new(
        $"SELECT pg_catalog.count(*) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(column.Value)} AND NOT attisdropped;",
        "0");

    public static Verification ColumnNotNull(QualifiedName table, Identifier column) => new(
        $"SELECT attnotnull FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(column.Value)};",
        "t");

    public static Verification ColumnDefault(QualifiedName table, Identifier column, bool present) => new(
        $"SELECT pg_catalog.count(*) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = {SqlText.RegClass(table)} AND a.attname = {SqlText.Literal(column.Value)};",
        present ? "1" : "0");

    public static Verification ConstraintValidated(QualifiedName table, Identifier name) => new(
        $"SELECT convalidated FROM pg_constraint WHERE conrelid = {SqlText.RegClass(table)} AND conname = {SqlText.Literal(name.Value)};",
        "t");

    public static Verification ConstraintCount(QualifiedName table, Identifier name, int expected) => new(
        $"SELECT pg_catalog.count(*) FROM pg_constraint WHERE conrelid = {SqlText.RegClass(table)} AND conname = {SqlText.Literal(name.Value)};",
        expected == 0 ? "0" : "1");

    public static Verification IndexValid(QualifiedName index) => new(
        $"SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass({SqlText.Literal(index.Quoted)})::oid), false);",
        "t");

    public static Verification RelationAbsent(QualifiedName relation) => new(
        $"SELECT pg_catalog.to_regclass({SqlText.Literal(relation.Quoted)}) IS NULL;",
        "t");

    public static Verification RelationExists(QualifiedName relation) => new(
        $"SELECT pg_catalog.to_regclass({SqlText.Literal(relation.Quoted)}) IS NOT NULL;",
        "t");

    /// <summary>
    /// <c>EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = ... AND conname = ...)</c>, with
    /// <paramref name="and"/> (say <c>convalidated</c>) as a further condition when given.
    /// </summary>
    public static string ConstraintExists(QualifiedName table, Identifier name, string? and = null) =>
        $"EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = {SqlText.RegClass(table)} AND conname = {SqlText.Literal(name.Value)}{(and is null ? string.Empty : " AND " + and)})";

    /// <summary>Wraps ALTER TABLE ... ADD CONSTRAINT so a re-run skips it when the constraint is already there.</summary>
    public static string AddConstraintIfMissing(QualifiedName table, Identifier name, string definition)
    {
        string body =
            $"BEGIN\n" +
            $"  IF NOT {ConstraintExists(table, name)} THEN\n" +
            $"    ALTER TABLE {table.Quoted} ADD CONSTRAINT {name.Quoted} {definition};\n" +
            $"  END IF;\n" +
            $"END\n";
        return SqlText.DoBlock(body);
    }

    /// <summary>A constraint or index name the way PostgreSQL makes one (see <see cref="SqlText.MakeName"/>).</summary>
    public static Identifier MakeName(string table, string? column, string suffix) => SqlText.MakeName(table, column, suffix);
}
