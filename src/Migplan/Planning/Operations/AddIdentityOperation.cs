using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ALTER COLUMN ... ADD GENERATED ... AS IDENTITY, typically serial → identity. One transaction (a DO block): the
/// sequence default is dropped (when the column has one), the identity added and started after both the largest
/// value in the column and the old sequence's last value, so writers never meet a column without a default (they
/// queue briefly behind the ACCESS EXCLUSIVE lock) nor an identity that hands out a value already used. The rollback
/// drops the identity and restores the sequence default (recreating the serial's sequence if the change dropped it),
/// the sequence set past every value in use.
/// </summary>
public sealed class AddIdentityOperation(QualifiedName table, AddIdentityAction action, TypeName type, string? oldDefault, QualifiedName? serialSequence)
    : Operation(action.Location)
{
    internal static AddIdentityOperation For(PlanningScope scope, Table table, AddIdentityAction a)
    {
        scope.Change.IdentityAdded.Add(ChangeFacts.Key(table.Name, a.Column));
        var column = table.FindColumn(a.Column);
        var type = column is null ? new TypeName("integer", "integer", [], 0) : SerialTypes.Underlying(column.Type);
        bool serial = column is not null && SerialTypes.IsSerial(column.Type);
        string? old = column?.Default is { } d && d.Functions.Contains("nextval") ? d.Text : null;
        return new AddIdentityOperation(table.Name, a, type, serial ? null : old, serial ? SerialSequence(table.Name, a.Column) : null);
    }

    /// <summary>The sequence PostgreSQL creates for a serial column: table_column_seq, in the table's schema.</summary>
    public static QualifiedName SerialSequence(QualifiedName table, Identifier column) => new(table.Schema, SqlText.MakeName(table.Name.Value, column.Value, "seq"));

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        string col = table.Name.Value + "." + a.Column.Value;
        yield return (AsIs.Brief(Forward(), table, $"add_identity.{table.Name.Value}_{a.Column.Value}", Message.Of("title.add-identity", Name(table.Name.Value), Name(a.Column.Value)),
            RiskLevel.Medium, Message.Of("risk.add-identity", Name(col)),
            new Rollback(Back(), DataLoss.None, Message.Of("rollback.identity-to-sequence-default")),
            new Verification($"SELECT attidentity::text FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(a.Column.Value)} AND NOT attisdropped;", a.Always ? "a" : "d"),
            Message.Of("action.add-identity-one-transaction", Name(col)))
            with { Rerunnable = true }).Step(context);
    }

    private string IsIdentity => $"EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(action.Column.Value)} AND attidentity <> '')";

    /// <summary>Drops the sequence default, adds the identity and starts it past every value used, in one transaction; a re-run after success does nothing.</summary>
    private string Forward()
    {
        var a = action;
        string t = table.Quoted;
        string c = a.Column.Quoted;
        string body =
            "DECLARE\n" +
            "  old_sequence regclass;\n" +
            "  last_used bigint;\n" +
            "BEGIN\n" +
            $"  IF NOT {IsIdentity} THEN\n" +
            $"    old_sequence := pg_catalog.pg_get_serial_sequence({SqlText.Literal(t)}, {SqlText.Literal(a.Column.Value)})::regclass;\n" +
            $"    ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;\n" +
            $"    SELECT pg_catalog.max({c}) INTO last_used FROM {t};\n" +
            "    IF old_sequence IS NOT NULL THEN\n" +
            "      last_used := GREATEST(last_used, pg_catalog.pg_sequence_last_value(old_sequence));\n" +
            "    END IF;\n" +
            $"    ALTER TABLE {t} ALTER COLUMN {c} ADD GENERATED {(a.Always ? "ALWAYS" : "BY DEFAULT")} AS IDENTITY{(a.Options is null ? string.Empty : " (" + a.Options + ")")};\n" +
            "    IF last_used IS NOT NULL THEN\n" +
            $"      EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I RESTART WITH %s', {SqlText.Literal(t)}, {SqlText.Literal(a.Column.Value)}, last_used + 1);\n" +
            "    END IF;\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }

    /// <summary>Drops the identity and puts the sequence default back, the sequence past every value used, in one transaction.</summary>
    private string Back()
    {
        var a = action;
        string t = table.Quoted;
        string c = a.Column.Quoted;
        string sequence = serialSequence is { } s
            ? $"    CREATE SEQUENCE IF NOT EXISTS {s.Quoted} AS {type.Text} OWNED BY {t}.{c};\n    new_sequence := {SqlText.Literal(s.Quoted)}::regclass;\n"
            : oldDefault is null ? "    new_sequence := NULL;\n" : string.Empty;
        string setDefault = serialSequence is { } q
            ? $"    ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT nextval({SqlText.Literal(q.Quoted)}::regclass);\n"
            : oldDefault is null ? string.Empty : $"    ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {oldDefault};\n    new_sequence := pg_catalog.pg_get_serial_sequence({SqlText.Literal(t)}, {SqlText.Literal(a.Column.Value)})::regclass;\n";
        string body =
            "DECLARE\n" +
            "  new_sequence regclass;\n" +
            "  last_used bigint;\n" +
            "BEGIN\n" +
            $"  IF {IsIdentity} THEN\n" +
            $"    LOCK TABLE {t} IN ACCESS EXCLUSIVE MODE;\n" +
            $"    SELECT pg_catalog.max({c}) INTO last_used FROM {t};\n" +
            "    SELECT GREATEST(last_used, pg_catalog.pg_sequence_last_value(d.objid::regclass)) INTO last_used\n" +
            "      FROM pg_depend d JOIN pg_attribute att ON att.attrelid = d.refobjid AND att.attnum = d.refobjsubid\n" +
            $"     WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refobjid = {SqlText.RegClass(table)} AND att.attname = {SqlText.Literal(a.Column.Value)} AND d.deptype = 'i';\n" +
            $"    ALTER TABLE {t} ALTER COLUMN {c} DROP IDENTITY IF EXISTS;\n" +
            sequence +
            setDefault +
            "    IF new_sequence IS NOT NULL AND last_used IS NOT NULL THEN\n" +
            "      PERFORM pg_catalog.setval(new_sequence, last_used);\n" +
            "    END IF;\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }
}
