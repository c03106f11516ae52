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

    /// <summary>
    /// False when the table (by catalog id) ends the change without an index whose leading columns are
    /// <paramref name="columns"/> (in any order): lookups by those columns then scan it. True when it has one, or
    /// when the change drops the table.
    /// </summary>
    public bool HasIndexLeadingWith(int tableId, IReadOnlyCollection<Identifier> columns) =>
        !_facts.IndexColumnsAtEnd.TryGetValue(tableId, out var lists) || Leads(lists, columns);

    /// <summary>The same for the table of that name at the end of the change (one the change creates).</summary>
    public bool HasIndexLeadingWith(QualifiedName table, IReadOnlyCollection<Identifier> columns) =>
        !_facts.IndexColumnsAtEndByName.TryGetValue(table.Key, out var lists) || Leads(lists, columns);

    private static bool Leads(List<string[]> lists, IReadOnlyCollection<Identifier> columns) =>
        lists.Any(l => l.Length >= columns.Count && l.Take(columns.Count).Order(StringComparer.Ordinal).SequenceEqual(columns.Select(c => c.Value).Order(StringComparer.Ordinal)));
    /// <summary>True when the change makes the column an identity column (its DROP DEFAULT then runs in that step, in one transaction).</summary>
    public bool GetsIdentity(QualifiedName table, Identifier column) => _facts.IdentityAdded.Contains(ChangeFacts.Key(table, column));

    /// <summary>
    /// True when a statement of the change after the first <paramref name="seen"/> drops or retypes a column of the
    /// table (by catalog id), or drops it: a view over the table would make it fail.
    /// </summary>
    public bool ReshapedAfter(int tableId, int seen) => _facts.Reshapes.GetValueOrDefault(tableId) > seen;

    /// <summary>How many UPDATE/DELETE statements of the change work on the table (by its catalog id, which survives renames).</summary>
    public int DmlStatementsOn(int tableId) => _facts.DmlPerTable.GetValueOrDefault(tableId);
}
