using Migplan.Sql;

namespace Migplan.Planning;

/// <summary>
/// The whole change as far as an operation may ask while it derives its steps: what it cannot know when
/// it is created, because later statements decide it (is this column backfilled by a later UPDATE?).
/// Read-only; the planner fills the facts behind it while it reads the change, and steps are generated
/// only once the last statement is read.
/// </summary>
public sealed class ChangeView
{
    private readonly ChangeFacts _facts;

    internal ChangeView(ChangeFacts facts) => _facts = facts;

    /// <summary>True when an UPDATE of the change writes the column.</summary>
    public bool IsBackfilled(QualifiedName table, Identifier column) => _facts.Backfilled.Contains(ChangeFacts.Key(table, column));

    /// <summary>True when the change asks for NOT NULL on the column (ADD COLUMN ... NOT NULL or SET NOT NULL).</summary>
    public bool IsMadeNotNull(QualifiedName table, Identifier column) => _facts.NotNullOrigins.ContainsKey(ChangeFacts.Key(table, column));

    /// <summary>True when the change makes the column an identity column (its DROP DEFAULT then runs in that step, in one transaction).</summary>
    public bool GetsIdentity(QualifiedName table, Identifier column) => _facts.IdentityAdded.Contains(ChangeFacts.Key(table, column));

    /// <summary>How many UPDATE/DELETE statements of the change work on the table (by its catalog id, which survives renames).</summary>
    public int DmlStatementsOn(int tableId) => _facts.DmlPerTable.GetValueOrDefault(tableId);
}
