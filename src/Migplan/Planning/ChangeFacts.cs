using Migplan.Planning.Operations;
using Migplan.Schema;
using Migplan.Sql;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// What the planner learns across statements: which columns are backfilled or made NOT NULL, and where.
/// Operations read it, once the whole change is read, through <see cref="ChangeView"/>.
/// </summary>
internal sealed class ChangeFacts
{
    public HashSet<string> Backfilled { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SourceLocation> BackfillOrigins { get; } = new(StringComparer.Ordinal);

    /// <summary>How many UPDATE/DELETE statements of the change work on each table (so far).</summary>
    public Dictionary<int, int> DmlPerTable { get; } = [];

    /// <summary>Statements that do nothing against this schema (IF EXISTS on a missing object), noted in the plan.</summary>
    public List<(SourceLocation At, QualifiedName Missing)> NoOps { get; } = [];

    /// <summary>Where the change asks for NOT NULL on a column ("schema.table.column").</summary>
    public Dictionary<string, SourceLocation> NotNullOrigins { get; } = new(StringComparer.Ordinal);

    public List<(CreateIndexOperation Op, string Table, List<string> Columns, bool BackfilledEarlier)> PendingIndexes { get; } = [];

    /// <summary>
    /// The leading plain columns of every index and PRIMARY KEY/UNIQUE constraint of each table (by catalog id) once the
    /// whole change is applied: what the schema has and the change creates, less what it drops.
    /// </summary>
    public Dictionary<int, List<string[]>> IndexColumnsAtEnd { get; } = [];

    /// <summary>The same, by the name each table ends the change with (for a table the change creates: it has no id before).</summary>
    public Dictionary<string, List<string[]>> IndexColumnsAtEndByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Records the indexes of every table as the change leaves them (see <see cref="IndexColumnsAtEnd"/>).</summary>
    public void RecordIndexesAtEnd(Catalog catalog)
    {
        foreach (var table in catalog.Tables)
        {
            var lists = new List<string[]>();
            foreach (var index in table.Indexes.Where(i => !i.HasPredicate))
            {
                lists.Add([.. index.Columns.TakeWhile(c => c is not null).Select(c => c!.Value)]);
            }

            foreach (var c in table.Constraints.Where(c => c.Kind is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude))
            {
                lists.Add([.. c.Columns.Select(col => col.Value)]);
            }

            IndexColumnsAtEnd[table.Id] = lists;
            IndexColumnsAtEndByName[table.Name.Key] = lists;
        }
    }
    /// <summary>Tables (by catalog id) a column rename gives a compatibility view in their schema's compatibility schema.</summary>
    public HashSet<int> CompatibilityViews { get; } = [];

    /// <summary>
    /// How many statements of the change so far drop or retype a column of each table (by catalog id), or drop it: a
    /// view over the table would make them fail, so a rename keeps none when one comes after it.
    /// </summary>
    public Dictionary<int, int> Reshapes { get; } = [];

    /// <summary>Counts one more statement that drops or retypes a column of the table, or drops it.</summary>
    public void Reshaped(int tableId) => Reshapes[tableId] = Reshapes.GetValueOrDefault(tableId) + 1;

    /// <summary>Columns ("schema.table.column") the change makes identity columns (ALTER COLUMN ... ADD GENERATED ... AS IDENTITY).</summary>
    public HashSet<string> IdentityAdded { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes that an UPDATE at <paramref name="at"/> writes the column (the first place counts).</summary>
    public void Backfills(QualifiedName table, Identifier column, SourceLocation at)
    {
        string key = Key(table, column);
        Backfilled.Add(key);
        BackfillOrigins.TryAdd(key, at);
    }

    /// <summary>Counts one more UPDATE/DELETE on the table (by catalog id) and returns its ordinal, from 1.</summary>
    public int NextDml(int tableId)
    {
        int ordinal = DmlPerTable.GetValueOrDefault(tableId) + 1;
        DmlPerTable[tableId] = ordinal;
        return ordinal;
    }

    /// <summary>Notes that the change asks for NOT NULL on the column at <paramref name="at"/> (the first place counts).</summary>
    public void NotNullAsked(QualifiedName table, Identifier column, SourceLocation at) => NotNullOrigins.TryAdd(Key(table, column), at);

    /// <summary>Notes a statement that does nothing: it names <paramref name="missing"/>, which the schema lacks, with IF EXISTS.</summary>
    public void NothingToDo(SourceLocation at, QualifiedName missing) => NoOps.Add((at, missing));

    /// <summary>The key of a column in these facts: "schema.table.column".</summary>
    public static string Key(QualifiedName table, Identifier column) => table.Key + "." + column.Value;
}
