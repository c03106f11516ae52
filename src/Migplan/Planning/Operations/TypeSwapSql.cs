using System.Collections.Immutable;
using System.Globalization;
using Migplan.Sql;

namespace Migplan.Planning.Operations;

/// <summary>
/// The SQL of the online type change (<see cref="TypeSwapOperation"/>): the names it makes, the trigger function keeping
/// the shadow column in sync, and the swap and its undoing, each one transaction (a DO block).
/// </summary>
internal sealed record TypeSwapSql(QualifiedName Table, Identifier Column, string NewType, string OldType, Identifier PrimaryKey, ImmutableArray<TypeChangeLink> Referencing)
{
    /// <summary>The shadow column of the new type, until the swap; then the old column's name is <see cref="Old"/>.</summary>
    public Identifier New { get; } = SqlText.MakeName(Column.Value, null, "migplan_new");

    public Identifier Old { get; } = SqlText.MakeName(Column.Value, null, "migplan_old");

    public QualifiedName Function { get; } = new(Table.Schema, SqlText.MakeName(Table.Name.Value, Column.Value, "migplan_sync"));

    public Identifier Trigger => Function.Name;

    public QualifiedName Index { get; } = new(Table.Schema, SqlText.MakeName(Table.Name.Value, Column.Value, "migplan_new_key"));

    public Identifier NotNullCheck { get; } = SqlText.MakeName(Table.Name.Value, Column.Value, "migplan_new_not_null");

    private string T => Table.Quoted;

    private string HasColumn(Identifier column) =>
        $"EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {SqlText.RegClass(Table)} AND attname = {SqlText.Literal(column.Value)} AND NOT attisdropped)";

    /// <summary>CREATE OR REPLACE FUNCTION: a BEFORE INSERT OR UPDATE row trigger setting <paramref name="assignment"/>.</summary>
    private string SyncFunction(string assignment)
    {
        string body = $"BEGIN\n  {assignment}\n  RETURN NEW;\nEND\n";
        string tag = SqlText.DollarTag(body, "migplan_sync");
        return $"CREATE OR REPLACE FUNCTION {Function.Quoted}() RETURNS trigger LANGUAGE plpgsql AS {tag}\n{body}{tag};\n";
    }

    /// <summary>Before the swap: the new column follows the old one in every written row.</summary>
    public string ForwardSync => SyncFunction($"NEW.{New.Quoted} := NEW.{Column.Quoted};");

    /// <summary>After the swap: the old column follows the new one while the value fits the old type (NULL otherwise), so the swap can be undone.</summary>
    public string BackwardSync
    {
        get
        {
            var (min, max) = Range(OldType);
            return SyncFunction($"NEW.{Old.Quoted} := CASE WHEN NEW.{Column.Quoted} BETWEEN {min} AND {max} THEN NEW.{Column.Quoted}::{OldType} END;");
        }
    }

    private static (string Min, string Max) Range(string integer) => integer switch
    {
        "smallint" => ("-32768", "32767"),
        "integer" => ("-2147483648", "2147483647"),
        _ => (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture)),
    };

    public string AddColumn => $"ALTER TABLE {T} ADD COLUMN IF NOT EXISTS {New.Quoted} {NewType};\n";

    public string CreateTrigger => SqlText.DoBlock(
        "BEGIN\n" +
        $"  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = {SqlText.RegClass(Table)} AND tgname = {SqlText.Literal(Trigger.Value)}) THEN\n" +
        $"    CREATE TRIGGER {Trigger.Quoted} BEFORE INSERT OR UPDATE ON {T} FOR EACH ROW EXECUTE FUNCTION {Function.Quoted}();\n" +
        "  END IF;\n" +
        "END\n");

    public string DropSync => $"DROP TRIGGER IF EXISTS {Trigger.Quoted} ON {T};\nDROP FUNCTION IF EXISTS {Function.Quoted}();\n";

    public string Backfill(string keyRange) =>
        $"UPDATE {T} SET {New.Quoted} = {Column.Quoted} WHERE {keyRange} AND {New.Quoted} IS DISTINCT FROM {Column.Quoted};";

    /// <summary>The default expression of a column as the server writes it, into <c>d</c>.</summary>
    private string ReadDefault(Identifier column) =>
        $"  SELECT pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) INTO d FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum\n" +
        $"   WHERE a.attrelid = {SqlText.RegClass(Table)} AND a.attname = {SqlText.Literal(column.Value)};\n";

    private string SetDefault => $"  IF d IS NOT NULL THEN\n    EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', {SqlText.Literal(T)}, {SqlText.Literal(Column.Value)}, d);\n  END IF;\n";

    private string Declare =>
        "DECLARE\n" +
        $"  s regclass := pg_catalog.pg_get_serial_sequence({SqlText.Literal(T)}, {SqlText.Literal(Column.Value)})::regclass;\n" +
        "  d text;\n" +
        "BEGIN\n";

    private string OwnSequence => $"  IF s IS NOT NULL THEN\n    EXECUTE pg_catalog.format('ALTER SEQUENCE %s OWNED BY %s.%I', s, {SqlText.Literal(T)}, {SqlText.Literal(Column.Value)});\n  END IF;\n";

    /// <summary>
    /// One transaction: the referencing foreign keys and the old key dropped, the columns renamed, the key added on the
    /// new column's unique index, the default and the sequence moved, the sync reversed, the foreign keys re-added NOT VALID.
    /// A re-run after it committed does nothing.
    /// </summary>
    public string Swap(string sequenceWidening)
    {
        var b = new System.Text.StringBuilder(Declare);
        b.Append($"  IF {HasColumn(New)} THEN\n");
        b.Append(ReadDefault(Column));
        foreach (var fk in Referencing)
        {
            b.Append($"  ALTER TABLE {fk.Other.Name.Quoted} DROP CONSTRAINT {fk.Constraint.Quoted};\n");
        }

        b.Append($"  ALTER TABLE {T} DROP CONSTRAINT {PrimaryKey.Quoted};\n");
        b.Append($"  ALTER TABLE {T} ALTER COLUMN {Column.Quoted} DROP DEFAULT, ALTER COLUMN {Column.Quoted} DROP NOT NULL;\n");
        b.Append($"  ALTER TABLE {T} RENAME COLUMN {Column.Quoted} TO {Old.Quoted};\n");
        b.Append($"  ALTER TABLE {T} RENAME COLUMN {New.Quoted} TO {Column.Quoted};\n");
        b.Append($"  -- No scan: the validated CHECK ({New.Quoted} IS NOT NULL) proves it.\n");
        b.Append($"  ALTER TABLE {T} ALTER COLUMN {Column.Quoted} SET NOT NULL;\n");
        b.Append($"  ALTER TABLE {T} DROP CONSTRAINT {NotNullCheck.Quoted};\n");
        b.Append($"  ALTER TABLE {T} ADD CONSTRAINT {PrimaryKey.Quoted} PRIMARY KEY USING INDEX {Index.Name.Quoted};\n");
        b.Append(SetDefault).Append(OwnSequence).Append(sequenceWidening);
        b.Append(SqlText.Indent(BackwardSync, 2));
        foreach (var fk in Referencing)
        {
            b.Append($"  ALTER TABLE {fk.Other.Name.Quoted} ADD CONSTRAINT {fk.Constraint.Quoted} {fk.Definition} NOT VALID;\n");
        }

        b.Append("  END IF;\nEND\n");
        return SqlText.DoBlock(b.ToString());
    }

    /// <summary>
    /// The swap undone, in one transaction: the old column is the key again (its index rebuilt under ACCESS EXCLUSIVE),
    /// the foreign keys re-added and validated, the sync forward again; the new column's unique index is gone (it was
    /// the key's). Stops, changing nothing, when a row written since holds a value the old type cannot.
    /// </summary>
    public string Unswap(string sequenceNarrowing)
    {
        var b = new System.Text.StringBuilder(Declare);
        b.Append($"  IF {HasColumn(Old)} THEN\n");
        b.Append($"  IF EXISTS (SELECT 1 FROM {T} WHERE {Old.Quoted} IS NULL) THEN\n");
        b.Append($"    RAISE EXCEPTION 'migplan: cannot swap %.% back to {OldType}: rows written since hold values {OldType} cannot', {SqlText.Literal(T)}, {SqlText.Literal(Column.Value)}\n");
        b.Append("      USING ERRCODE = 'numeric_value_out_of_range', HINT = 'Nothing was changed. Keep the new type, or move those rows out of range first.';\n");
        b.Append("  END IF;\n");
        b.Append(sequenceNarrowing);
        b.Append(ReadDefault(Column));
        foreach (var fk in Referencing)
        {
            b.Append($"  ALTER TABLE {fk.Other.Name.Quoted} DROP CONSTRAINT IF EXISTS {fk.Constraint.Quoted};\n");
        }

        b.Append($"  ALTER TABLE {T} DROP CONSTRAINT {PrimaryKey.Quoted};\n");
        b.Append($"  ALTER TABLE {T} ALTER COLUMN {Column.Quoted} DROP DEFAULT, ALTER COLUMN {Column.Quoted} DROP NOT NULL;\n");
        b.Append($"  ALTER TABLE {T} RENAME COLUMN {Column.Quoted} TO {New.Quoted};\n");
        b.Append($"  ALTER TABLE {T} RENAME COLUMN {Old.Quoted} TO {Column.Quoted};\n");
        b.Append($"  ALTER TABLE {T} ADD CONSTRAINT {PrimaryKey.Quoted} PRIMARY KEY ({Column.Quoted});\n");
        b.Append($"  ALTER TABLE {T} ADD CONSTRAINT {NotNullCheck.Quoted} CHECK ({New.Quoted} IS NOT NULL) NOT VALID;\n");
        b.Append(SetDefault).Append(OwnSequence);
        b.Append(SqlText.Indent(ForwardSync, 2));
        foreach (var fk in Referencing)
        {
            b.Append($"  ALTER TABLE {fk.Other.Name.Quoted} ADD CONSTRAINT {fk.Constraint.Quoted} {fk.Definition};\n");
        }

        b.Append("  END IF;\nEND\n");
        return SqlText.DoBlock(b.ToString());
    }
}
