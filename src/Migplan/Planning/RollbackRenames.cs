using System.Collections.Immutable;
using Migplan.Schema;
using Migplan.Sql;
using Migplan.Sql.Ast;

namespace Migplan.Planning;

/// <summary>
/// A rename a step makes: column <see cref="Column"/> of <see cref="Table"/> to <see cref="NewName"/>, or, when
/// <see cref="Column"/> is null, the table itself to <see cref="NewName"/> (same schema).
/// </summary>
public sealed record RenameEffect(QualifiedName Table, Identifier? Column, Identifier NewName)
{
    public bool Names(QualifiedName table) => Table.Key == table.Key;

    public QualifiedName NewTable => new(Table.Schema, NewName);
}

/// <summary>
/// Rollbacks that rebuild a definition (an index, a foreign key) must name what is live when they run. A rollback of
/// step k runs after the rollbacks of every later step, so the names live then are those after steps 1..k in plan
/// order. The catalog already gave it the renames written before its statement; this adds those written after it
/// that the plan runs before it (a rename on another table stays in Schema Changes while the drop goes to Cleanup).
/// </summary>
internal static class RollbackRenames
{
    /// <summary>The drafts in plan order, each rollback rebuilt for the renames written after it and run before it.</summary>
    public static List<StepDraft> Follow(List<StepDraft> drafts, Func<string, bool> isNewTable)
    {
        if (!drafts.Exists(d => d.Renames is not null))
        {
            return drafts;
        }

        for (int p = 0; p < drafts.Count; p++)
        {
            var d = drafts[p];
            if (d.RollbackAfterRenames is null || d.InputOrder < 0)
            {
                continue;
            }

            var renames = drafts.Take(p).Where(r => r.Renames is not null && r.InputOrder > d.InputOrder).Select(r => r.Renames!).ToImmutableArray();
            if (!renames.IsEmpty)
            {
                drafts[p] = d with { Rollback = LockRetries.ApplyToRollback(d, d.RollbackAfterRenames(renames), isNewTable) };
            }
        }

        return drafts;
    }

    /// <summary>An index definition and its table after the renames, in order.</summary>
    public static (QualifiedName Table, CreateIndexStatement Definition) Index(QualifiedName table, CreateIndexStatement definition, ImmutableArray<RenameEffect> renames)
    {
        foreach (var r in renames.Where(r => r.Names(table)))
        {
            if (r.Column is { } c)
            {
                definition = DefinitionRenames.RenameColumn(definition, c.Value, r.NewName);
            }
            else
            {
                table = r.NewTable;
            }
        }

        return (table, definition);
    }

    /// <summary>A foreign key's table, definition and referenced table after the renames, in order.</summary>
    public static (QualifiedName Table, string Definition, QualifiedName Referenced) ForeignKey(QualifiedName table, string definition, QualifiedName referenced, ImmutableArray<RenameEffect> renames)
    {
        foreach (var r in renames)
        {
            bool own = r.Names(table);
            bool target = r.Names(referenced);
            if (r.Column is { } c)
            {
                definition = own ? DefinitionRenames.RenameForeignKeyColumn(definition, own: true, c.Value, r.NewName) : definition;
                definition = target ? DefinitionRenames.RenameForeignKeyColumn(definition, own: false, c.Value, r.NewName) : definition;
                continue;
            }

            if (target)
            {
                definition = DefinitionRenames.RenameReferencedTable(definition, r.NewTable);
                referenced = r.NewTable;
            }

            table = own ? r.NewTable : table;
        }

        return (table, definition, referenced);
    }
}

/// <summary>An operation whose drafts carry their statement's place in the change (for <see cref="RollbackRenames"/>).</summary>
internal sealed class InputOrdered(Operation inner, int order) : Operation(inner.Origin)
{
    public override IEnumerable<StepDraft> Steps(PlanContext context) => inner.Steps(context).Select(d => d with { InputOrder = order });
}
