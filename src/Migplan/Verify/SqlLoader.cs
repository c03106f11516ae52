using Migplan.Sql;
using Migplan.Sql.Ast;
using Npgsql;

namespace Migplan.Verify;

/// <summary>A statement the server refused: where it is, its first line, and the server's error.</summary>
public sealed record StatementFailure(string Location, string Statement, string Error)
{
    public override string ToString() => $"{Location}: {Statement}: {Error}";
}

/// <summary>
/// Runs SQL sources statement by statement over one Npgsql session, each committed on its own (as psql runs a file):
/// the schema (psql's meta-commands of a pg_dump, such as <c>\restrict</c>, are the parser's <see cref="PsqlMetaCommand"/>s
/// and are skipped: they are not SQL) and the change as written.
/// </summary>
public static class SqlLoader
{
    /// <summary>Parses the sources; the diagnostics of any that do not parse (each <c>file:line:column: message</c>).</summary>
    public static List<string> Check(IEnumerable<SourceText> sources, PsqlSyntax psql) =>
        [.. sources.SelectMany(s => SqlParser.Parse(s, psql).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)).Select(d => d.ToString())];

    /// <summary>Runs every statement; the first one the server refuses stops the run and is returned.</summary>
    public static async Task<StatementFailure?> RunAsync(NpgsqlConnection connection, IEnumerable<SourceText> sources, PsqlSyntax psql, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            foreach (var statement in SqlParser.Parse(source, psql).Statements)
            {
                if (statement is PsqlMetaCommand)
                {
                    continue;
                }

                try
                {
                    await using var command = new NpgsqlCommand(statement.Text, connection) { CommandTimeout = 0 };
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException e)
                {
                    return new StatementFailure(statement.Location.ToString(), StepRunner.FirstLine(statement.Text), $"{e.MessageText} (SQLSTATE {e.SqlState})");
                }
            }
        }

        return null;
    }
}
