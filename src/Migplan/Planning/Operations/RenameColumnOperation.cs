using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning.Operations;

/// <summary>
/// RENAME COLUMN: a brief ACCESS EXCLUSIVE, metadata only, but every query that names the old name fails at once.
/// On an existing table the plan keeps the old names working (expand/contract, see docs/renames.md): before the
/// rename, a view of the table in its compatibility schema (<c>migplan_compat_SCHEMA</c>) with every column under its
/// current name, which the running application reaches through its search_path; the view stores column numbers, so
/// after the rename it still shows the old name and reads and writes the renamed column (a simple view is
/// auto-updatable). A deploy gate before the rename (the application reads the table through the view) and one before
/// Cleanup (every instance uses the new name), which drops the view. Every dependent of the column is listed.
/// </summary>
public sealed class RenameColumnOperation : Operation
{
    private readonly QualifiedName _table;
    private readonly RenameColumnAction _action;

    private RenameColumnOperation(QualifiedName table, RenameColumnAction action) : base(action.Location)
    {
        _table = table;
        _action = action;
    }

    internal ImmutableArray<RenameDependent> Dependents { get; private init; } = [];

    /// <summary>The table's columns when the view is made (their names then, and the columns, which follow later renames); empty when no view is kept.</summary>
    private ImmutableArray<(Identifier Original, Column Column)> ViewColumns { get; init; } = [];

    /// <summary>Why no view is kept on an existing table (a message id), or null.</summary>
    private string? NoViewReason { get; init; }

    /// <summary>True when an earlier rename of the change made the table's compatibility view already.</summary>
    private bool ViewMadeEarlier { get; init; }

    private int TableId { get; init; } = -1;

    /// <summary>The table in the catalog, whose name follows later renames: at the end of the change it is the name Cleanup sees.</summary>
    private Table? Renamed { get; init; }

    private int ReshapesSeen { get; init; }

    internal static RenameColumnOperation For(PlanningScope scope, Table table, RenameColumnAction action)
    {
        var dependents = table.CreatedInChange ? [] : RenameDependents.OfColumn(scope, table, action.Column);
        if (table.CreatedInChange)
        {
            return new RenameColumnOperation(table.Name, action);
        }

        string? noView = table.ColumnsUnknown ? "note.no-compat-view-columns-unknown"
            : table.IsMaterializedView ? "note.no-compat-view-materialized"
            : null;
        bool earlier = noView is null && !scope.Change.CompatibilityViews.Add(table.Id);
        return new RenameColumnOperation(table.Name, action)
        {
            Dependents = dependents,
            NoViewReason = noView,
            ViewMadeEarlier = earlier,
            ViewColumns = noView is null && !earlier ? [.. table.Columns.Select(c => (c.Name, c))] : [],
            TableId = table.Id,
            Renamed = table,
            ReshapesSeen = scope.Change.Reshapes.GetValueOrDefault(table.Id),
        };
    }

    public override IEnumerable<StepDraft> Steps(PlanContext context)
    {
        var a = _action;
        var table = _table;
        var what = Name(table.Name.Value + "." + a.Column.Value);
        bool reshaped = TableId >= 0 && context.Change.ReshapedAfter(TableId, ReshapesSeen);
        bool keepView = !ViewColumns.IsEmpty && !reshaped;
        var view = new QualifiedName(CompatibilityViews.SchemaFor(table.Schema!), table.Name);
        if (!ViewColumns.IsEmpty && reshaped)
        {
            context.Notes.Add(new PlanNote(Origin.ToString(), Message.Of("note.no-compat-view-reshaped", Name(table.Quoted))));
        }
        else if (NoViewReason is { } reason)
        {
            context.Notes.Add(new PlanNote(Origin.ToString(), Message.Of(reason, Name(table.Quoted))));
        }

        if (keepView)
        {
            yield return ViewStep(context, table, view);
        }

        var actions = new List<Message>();
        actions.Add(keepView || (ViewMadeEarlier && !reshaped)
            ? Message.Of("action.rename-column-through-view", Name(view.Quoted), Name(view.Schema!.Quoted))
            : Message.Of("action.rename-column-compatible-first"));
        actions.AddRange(RenameDependents.Actions(Dependents, what));
        var rename = (AsIs.Brief(AsIs.AlterTable(table, a), table, $"rename_column.{table.Name.Value}_{a.Column.Value}",
                Message.Of("title.rename-column", Name(table.Name.Value), Name(a.Column.Value), Name(a.NewName.Value)), RiskLevel.Medium,
                RenameDependents.Risk(Message.Of(keepView ? "risk.rename-column-with-view" : "risk.rename-column"), Dependents),
                new Rollback($"ALTER TABLE {table.Quoted} RENAME COLUMN {a.NewName.Quoted} TO {a.Column.Quoted};\n", DataLoss.None, Message.Of("rollback.rename-back")),
                PlanSql.ColumnExists(table, a.NewName), [.. actions])
            with { Sql = RenameColumnIfPresent(table, a) }).Step(context) with { Renames = new RenameEffect(table, a.Column, a.NewName) };
        if (keepView)
        {
            rename = rename with { Gate = new Gate([], [Message.Of("confirm.application-reads-through-view", Name(table.Quoted), Name(view.Schema!.Quoted + ", " + table.Schema!.Quoted))]) };
        }

        yield return rename;
        if (keepView)
        {
            yield return DropViewStep(context, table, view);
        }
    }

    private StepDraft ViewStep(PlanContext context, QualifiedName table, QualifiedName view)
    {
        string select = string.Join(", ", ViewColumns.Select(c => c.Original.Quoted));
        return new AsIs(Phase.SchemaChanges, $"compat_view.{table.Name.Value}", Message.Of("title.create-compat-view", Name(view.Quoted)),
            CompatibilityViews.CreateIfMissing(context.Capabilities, view, table, select, createSchema: true))
        {
            Locks = [new LockTaken(LockMode.AccessShare, table, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.create-compat-view", Name(table.Quoted)),
            Rollback = new Rollback(CompatibilityViews.Drop(view, dropSchema: true), DataLoss.None, Message.Of("rollback.drop-compat-view")),
            Verification = PlanSql.RelationExists(view),
            RiskReason = Message.Of("risk.compat-view"),
            Actions = [Message.Of("action.create-compat-view", Name(view.Quoted), Name(table.Quoted)), Message.Of("action.point-application-at-view", Name(view.Schema!.Quoted + ", " + table.Schema!.Quoted))],
        }.Step(context) with { Companion = true };
    }

    private StepDraft DropViewStep(PlanContext context, QualifiedName table, QualifiedName view)
    {
        // The columns as the change leaves them (Column objects follow later renames), each under the name the view gave it.
        string select = string.Join(", ", ViewColumns.Select(c => c.Column.Name.Equals(c.Original) ? c.Original.Quoted : c.Column.Name.Quoted + " AS " + c.Original.Quoted));
        var recreate = SqlText.DoBlock("DECLARE\n  g record;\nBEGIN\n" + $"  CREATE SCHEMA IF NOT EXISTS {view.Schema!.Quoted};\n" + $"  IF pg_catalog.to_regclass({SqlText.Literal(view.Quoted)}) IS NULL THEN\n" +
            CompatibilityViews.Create(context.Capabilities, view, Renamed?.Name ?? table, select) + "  END IF;\nEND\n");
        return new AsIs(Phase.Cleanup, $"drop_compat_view.{table.Name.Value}", Message.Of("title.drop-compat-view", Name(view.Quoted)), CompatibilityViews.Drop(view, dropSchema: true))
        {
            Locks = [new LockTaken(LockMode.AccessExclusive, view, Brief: true)],
            Timeouts = TimeoutPolicy.Brief,
            Impact = Message.Of("impact.drop-compat-view", Name(view.Quoted), Name(table.Quoted)),
            Rollback = new Rollback(recreate, DataLoss.None, Message.Of("rollback.recreate-compat-view-columns")),
            Verification = PlanSql.RelationAbsent(view),
            Risk = RiskLevel.Medium,
            RiskReason = Message.Of("risk.compat-view-dropped", Name(view.Quoted)),
            Actions = [Message.Of("action.drop-compat-view", Name(view.Quoted), Name(view.Schema!.Quoted))],
        }.Step(context) with
        {
            Companion = true,
            Gate = new Gate([], [Message.Of("confirm.application-uses-new-column-names", Name(table.Quoted), Name(view.Schema!.Quoted))]),
        };
    }

    /// <summary>RENAME COLUMN that a re-run skips once the column has its new name.</summary>
    private static string RenameColumnIfPresent(QualifiedName table, RenameColumnAction a)
    {
        string body =
            "BEGIN\n" +
            $"  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = {SqlText.RegClass(table)} AND attname = {SqlText.Literal(a.Column.Value)} AND NOT attisdropped) THEN\n" +
            $"    ALTER TABLE {table.Quoted} RENAME COLUMN {a.Column.Quoted} TO {a.NewName.Quoted};\n" +
            "  END IF;\n" +
            "END\n";
        return SqlText.DoBlock(body);
    }
}
