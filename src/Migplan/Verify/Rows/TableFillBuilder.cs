namespace Migplan.Verify.Rows;

/// <summary>One table's <see cref="TableFill"/> while it is being filled.</summary>
internal sealed class TableFillBuilder(RowsTable table, long target, RowCountBasis basis)
{
    public long Target => target;

    public long Inserted { get; set; }

    public List<Message> Notes { get; } = [];

    public List<Message> Problems { get; } = [];

    /// <summary>Records why the table holds fewer rows than its target.</summary>
    public void Short(Message reason) =>
        Problems.Add(Message.Of("rows.short", MessageArg.Name(table.Name), MessageArg.Count(Inserted), MessageArg.Count(target), reason));

    public TableFill Build() => new(table.Name, target, basis, Inserted, [.. Notes], [.. Problems]);
}
