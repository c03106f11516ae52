using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// DROP DEFAULT: metadata only; the rollback restores <paramref name="old"/>, the default it drops (a serial column's
/// <c>nextval</c> of its sequence). A serial column the change then makes an identity column loses its default only
/// inside that step, in the same transaction as ADD ... AS IDENTITY, so writers never see it without one.
/// </summary>
public sealed class DropDefaultOperation(QualifiedName table, DropDefaultAction action, string? old) : Operation(action.Location)
{
    /// <summary>True when the default is a sequence's nextval (a serial column, or one written as in a dump).</summary>
    public bool SequenceDefault { get; init; }

    internal static DropDefaultOperation For(Table table, DropDefaultAction a)
    {
        var column = table.FindColumn(a.Column);
        string? old = column?.Default?.Text;
        if (old is null && column is not null && SerialTypes.IsSerial(column.Type))
        {
            old = $"nextval({SqlText.Literal(AddIdentityOperation.SerialSequence(table.Name, a.Column).Quoted)}::regclass)";
        }

        bool sequence = old is not null && column?.Default?.Functions.Contains("nextval") != false;
        return new(table.Name, a, old) { SequenceDefault = sequence };
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        if (SequenceDefault && context.Change.GetsIdentity(table, a.Column))
        {
            context.Notes.Add(new PlanNote(Origin.ToString(), Message.Of("note.drop-default-in-identity-step", Name($"{table.Name.Value}.{a.Column.Value}"))));
            yield break;
        }

        string target = table.Quoted;
        string slugBase = table.Name.Value;
        string sql = AsIs.AlterTable(table, action);
        yield return AsIs.Brief(sql, table, $"drop_default.{slugBase}_{a.Column.Value}", Message.Of("title.drop-default", Name(slugBase), Name(a.Column.Value)), RiskLevel.Low, Message.Of("risk.metadata-only"),
            new Rollback(old is null ? Rollback.NothingToUndo : $"ALTER TABLE {target} ALTER COLUMN {a.Column.Quoted} SET DEFAULT {old};\n", DataLoss.None, Message.Of("rollback.restore-previous-default")),
            PlanSql.ColumnDefault(table, a.Column, present: false), Message.Of("action.drop-default")).Step(context);
    }
}
