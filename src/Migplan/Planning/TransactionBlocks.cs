using System.Text.RegularExpressions;
using Migplan.Sql.Ast;
using static Migplan.Plans.MessageArg;

namespace Migplan.Planning;

/// <summary>
/// Follows the BEGIN ... COMMIT blocks of the change as written. The plan replaces them by its own transactions; a
/// statement that PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...) means the
/// change as written fails there with SQLSTATE 25001 (active_sql_transaction), and the plan must say so: the team may
/// believe the block was tested.
/// </summary>
internal sealed class TransactionBlocks
{
    /// <summary>Statements migplan does not analyse that cannot run inside a transaction block.</summary>
    private static readonly Regex OutsideOnly = new(
        @"\A\s*(VACUUM|CREATE\s+DATABASE|DROP\s+DATABASE|ALTER\s+SYSTEM|CREATE\s+TABLESPACE|DROP\s+TABLESPACE|REINDEX\s+(\(.*?\)\s*)?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM)\s+CONCURRENTLY|CREATE\s+SUBSCRIPTION|DROP\s+SUBSCRIPTION|ALTER\s+SUBSCRIPTION\s+\S+\s+REFRESH)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));

    private string? _openedAt;

    /// <summary>The note for <paramref name="statement"/> when the change as written would fail at it; null otherwise.</summary>
    public Message? Observe(Statement statement)
    {
        switch (statement)
        {
            case TransactionStatement { Kind: TransactionKind.Begin } t:
                _openedAt ??= t.Location.ToString();
                return null;
            case TransactionStatement:
                _openedAt = null;
                return null;
        }

        if (_openedAt is null || !OutsideTransactionOnly(statement))
        {
            return null;
        }

        return Message.Of("note.fails-in-transaction-block", Code(FirstLine(statement.Text)), Text(_openedAt));
    }

    private static bool OutsideTransactionOnly(Statement statement) => statement switch
    {
        CreateIndexStatement c => c.Concurrently,
        DropIndexStatement d => d.Concurrently,
        OpaqueStatement o => OutsideOnly.IsMatch(o.Text),
        _ => false,
    };

    private static string FirstLine(string text)
    {
        string line = text.Trim().Split('\n')[0].TrimEnd();
        return line.Length > 80 ? line[..77] + "..." : line;
    }
}
