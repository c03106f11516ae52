using System.Collections.Immutable;
using Migplan.Analysis;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// ALTER COLUMN TYPE: brief and metadata only when the change is binary-coercible; otherwise a rewrite of
/// the table under ACCESS EXCLUSIVE, for a maintenance window, which also holds ACCESS EXCLUSIVE on every table
/// a foreign key through the column links it to (<paramref name="links"/>) while their keys are re-checked.
/// <paramref name="oldType"/> is the column's type before the change (null when the schema does not know the column;
/// a serial type as its integer type); <paramref name="keyColumn"/> says whether a primary or foreign key uses it.
/// An integer column widened also widens the sequence it owns.
/// </summary>
public sealed class AlterColumnTypeOperation(TableFacts table, AlterColumnTypeAction action, TypeName? oldType, bool keyColumn, ImmutableArray<TypeChangeLink> links, bool ownsSequence)
    : Operation(action.Location)
{
    internal static Operation For(PlanningScope scope, Table table, AlterColumnTypeAction a)
    {
        var column = table.FindColumn(a.Column);
        var oldType = column is null ? null : SerialTypes.Underlying(column.Type);
        var links = column is null ? [] : TypeChangeLink.Of(scope, table, a.Column);
        if (column is not null && oldType is not null && TypeSwapOperation.Applies(scope, table, column, oldType, a, links) is { } online)
        {
            return online;
        }

        return new AlterColumnTypeOperation(scope.Facts(table), a, oldType,
            table.Constraints.Any(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.ForeignKey && c.Columns.Any(col => col.Value == a.Column.Value)), links,
            column is not null && OwnsSequence(column))
        {
            RevalidatedForeignKeys = RewriteForeignKeys.Revalidated(scope, table, a.Column),
        };
    }

    /// <summary>True for a serial or identity column, or one whose default draws from a sequence (which it may own).</summary>
    internal static bool OwnsSequence(Column column) =>
        SerialTypes.IsSerial(column.Type) || column.Identity || column.Default is { } d && d.Functions.Contains("nextval");

    /// <summary>The sequence's new type when the change widens an integer column (the column may own a sequence); null otherwise.</summary>
    private string? WidenedSequence => ownsSequence && oldType is not null && SequenceWidening.Widens(oldType, action.Type) ? SequenceWidening.Integer(action.Type) : null;

    /// <summary>The foreign keys a rewrite validates again, both ways (see <see cref="RewriteForeignKeys"/>): part of its estimate.</summary>
    public IReadOnlyList<(TableFacts Referencing, TableFacts Referenced)> RevalidatedForeignKeys { get; init; } = [];

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = action;
        var t = table;
        string sql = AsIs.AlterTable(table.Name, action);
        string slug = $"alter_type.{table.Name.Name.Value}_{a.Column.Value}";
        var title = Message.Of("title.alter-type", Name(table.Name.Name.Value), Name(a.Column.Value), Code(a.Type.Text));
        string back = oldType is null ? string.Empty : $"ALTER TABLE {table.Name.Quoted} ALTER COLUMN {a.Column.Quoted} TYPE {oldType.Text};\n";
        var rollback = oldType is null
            ? new Rollback(Message.Of("by-hand.change-type-back"), DataLoss.None, Message.Of("rollback.change-type-back"))
            : new Rollback(back, DataLoss.None, Message.Of("rollback.change-type-back"));
        ImmutableArray<Command> sequence = [];
        if (WidenedSequence is { } widened)
        {
            // Commands of their own: the sequence's block after the rewrite; going back, the check of its last value first.
            sequence = [new Command(SequenceWidening.Forward(table.Name, a.Column, widened))];
            rollback = rollback with { Commands = rollback.Commands.Insert(0, new Command(SequenceWidening.Back(table.Name, a.Column, SequenceWidening.Integer(oldType!)!, widened))) };
        }

        var verification = new Verification($"SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table.Name)} AND attname = {SqlText.Literal(a.Column.Value)};", TypeDisplay.FormatType(a.Type));
        if (oldType is null || !TypeChanges.IsBinaryCoercible(a.Type, oldType, hasUsing: false))
        {
            // Going back is a rewrite (a narrowing or a real conversion), even when going forward is not.
            rollback = rollback with
            {
                Loss = DataLoss.ExistingData,
                Description = oldType is null ? Message.Of("rollback.change-type-back-rewrite-unknown-type") : Message.Of("rollback.change-type-back-rewrite", Code(oldType.Text)),
                Timeouts = TimeoutPolicy.Window,
            };
        }

        if (a.Using is not null && rollback.Loss == DataLoss.None)
        {
            // Only the type goes back: what USING computed from each value stays.
            rollback = rollback with { Loss = DataLoss.ExistingData, Description = Message.Of("rollback.change-type-back-using") };
        }

        if (oldType is not null && TypeChanges.IsBinaryCoercible(oldType, a.Type, a.Using is not null))
        {
            yield return AsIs.Brief(sql, table.Name, slug, title, RiskLevel.Low, Message.Of("risk.binary-coercible-type", Code(oldType.Text), Code(a.Type.Text)), rollback, verification,
                [Message.Of("action.binary-coercible-type", Code(oldType.Text), Code(a.Type.Text))]).Step(context);
            yield break;
        }

        var others = TypeChangeLink.OtherTables(links, table.Name).ToList();
        var actions = ImmutableArray.CreateBuilder<Message>();
        actions.Add(Message.Of(t.IsEmpty ? "action.change-type-empty-table" : "action.type-rewrite-no-online-form"));
        if (WidenedSequence is { } w)
        {
            actions.Add(Message.Of("action.type-change-widens-sequence", Name(table.Name.Quoted + "." + a.Column.Quoted), Code(w)));
        }

        var step = new AsIs(Phase.SchemaChanges, slug, title, sql)
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, table.Name, Brief: false), .. others.Select(o => new LockTaken(LockMode.AccessExclusive, o.Name, Brief: false))],
            Timeouts = TimeoutPolicy.Window,
            Impact = others.Count == 0
                ? Message.Of("impact.type-rewrite", Name(table.Name))
                : Message.Of("impact.type-rewrite-foreign-keys", Name(table.Name), List(others.Select(o => Message.Of("list.name", Name(o.Name))))),
            Rollback = rollback,
            Verification = verification,
            Estimate = context.Estimator.Rewrite(t, RevalidatedForeignKeys),
            Risk = t.IsEmpty && others.All(o => o.IsEmpty) ? RiskLevel.Low : RiskLevel.High,
            RiskReason = t.IsEmpty ? Message.Of("risk.empty-table") : RewriteReason(t),
            Actions = actions.ToImmutable(),
        }.Step(context);
        yield return step with { Commands = step.Commands.AddRange(sequence) };
    }

    private Message RewriteReason(TableFacts t)
    {
        string id = keyColumn ? "risk.type-rewrite-key-column" : "risk.type-rewrite";
        return oldType is null
            ? Message.Of(id + "-unknown-type", Code(action.Type.Text), Count(t.Rows), Bytes(t.Bytes))
            : Message.Of(id, Code(oldType.Text), Code(action.Type.Text), Count(t.Rows), Bytes(t.Bytes));
    }
}
