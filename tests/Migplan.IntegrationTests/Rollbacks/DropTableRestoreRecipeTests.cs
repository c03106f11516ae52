using System.Text.RegularExpressions;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.PgDump;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Rollbacks;

/// <summary>
/// The DROP TABLE rollback's recipe, run as the plan words it: the per-table dump its action asks for, then the
/// whole archive restored and the referencing foreign keys re-added, brings back the table with its rows, primary key,
/// indexes, its own foreign keys, check, trigger-free defaults and owned sequence; <c>pg_restore --table</c> alone does not.
/// </summary>
public sealed partial class DropTableRestoreRecipeTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text);
        CREATE TABLE wishlist (id serial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), item text CHECK (item <> ''), added timestamptz DEFAULT now());
        CREATE INDEX wishlist_user_idx ON wishlist (user_id);
        CREATE UNIQUE INDEX wishlist_user_item_idx ON wishlist (user_id, item);
        CREATE TABLE shares (id bigint PRIMARY KEY, wishlist_id integer REFERENCES wishlist (id));
        """;

    private const string Seed = """
        INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 20) g;
        INSERT INTO wishlist (user_id, item, added) SELECT 1 + g % 20, 'item ' || g, '2024-01-01' FROM generate_series(1, 100) g;
        INSERT INTO shares SELECT g, g FROM generate_series(1, 10) g;
        """;

    [Fact]
    public async Task RestoreRecipe_BringsBackRowsPrimaryKeyIndexesAndForeignKeys_WhereTableRestoreDoesNot()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "DROP TABLE wishlist CASCADE;", Ct);
        var step = rehearsal.Plan.Step("drop_table_wishlist");
        string dumpCommand = step.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).Single(t => t.Contains("pg_dump", StringComparison.Ordinal));
        string byHand = step.GetProperty("rollback").GetProperty("byHand").GetProperty("text").GetString()!;
        Assert.Contains("pg_dump -Fc --table=public.wishlist --file=wishlist.dump DBNAME", dumpCommand, StringComparison.Ordinal);
        Assert.Contains("pg_restore --dbname=DBNAME --single-transaction --exit-on-error wishlist.dump", byHand, StringComparison.Ordinal);
        var readds = ReaddLine().Matches(byHand).Select(m => m.Value).ToList();
        Assert.Equal(2, readds.Count); // ADD ... NOT VALID and VALIDATE of shares_wishlist_id_fkey

        await using var db = await rehearsal.SeededAsync(Ct);
        string before = await SchemaFingerprint.OfAsync(db, Ct);
        string rowsBefore = await SchemaFingerprint.DataOfAsync(db, Ct);
        var dir = Directory.CreateTempSubdirectory("migplan-restore-");
        try
        {
            string dump = Path.Combine(dir.FullName, "wishlist.dump");
            var connection = db.CreateConnectionStringBuilder();
            var dumped = await LibpqEnvironment.RunAsync(PgDumpRunner.PgDumpPath, ["-Fc", "--table=public.wishlist", $"--file={dump}", db.Name], connection, "migplan-tests-pg_dump", TimeSpan.FromMinutes(1), Ct);
            Assert.True(dumped.ExitCode == 0, dumped.ToString());

            await rehearsal.RunForwardAsync(db, Ct);
            Assert.NotEqual(before, await SchemaFingerprint.OfAsync(db, Ct));

            // pg_restore --table, the old hint: the rows come back, the keys and indexes do not.
            await using (var other = await rehearsal.SeededAsync(Ct))
            {
                await other.ExecuteAsync("DROP TABLE wishlist CASCADE", Ct);
                var tableOnly = await LibpqEnvironment.RunAsync(PgRestorePath, [$"--dbname={other.Name}", "--table=wishlist", dump], other.CreateConnectionStringBuilder(), "migplan-tests-pg_restore", TimeSpan.FromMinutes(1), Ct);
                Assert.True(tableOnly.ExitCode == 0, tableOnly.ToString());
                Assert.Equal(0L, await other.ScalarAsync<long>("SELECT count(*) FROM pg_index WHERE indrelid = 'wishlist'::regclass", Ct));
            }

            var restored = await LibpqEnvironment.RunAsync(PgRestorePath, [$"--dbname={db.Name}", "--single-transaction", "--exit-on-error", dump], connection, "migplan-tests-pg_restore", TimeSpan.FromMinutes(1), Ct);
            Assert.True(restored.ExitCode == 0, restored.ToString());
            var readd = await new PsqlRunner(db.ConnectionString).RunSqlAsync(string.Join("\n", readds) + "\n", Ct);
            Assert.True(readd.Succeeded, readd.ToString());

            SchemaFingerprint.AssertSame(before, await SchemaFingerprint.OfAsync(db, Ct), "schema after the restore recipe");
            SchemaFingerprint.AssertSame(rowsBefore, await SchemaFingerprint.DataOfAsync(db, Ct), "rows after the restore recipe");
            await db.ExecuteAsync("INSERT INTO wishlist (user_id, item) VALUES (1, 'after restore')", Ct); // the owned sequence is back, past every id
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string PgRestorePath => Path.Combine(Path.GetDirectoryName(PgDumpRunner.PgDumpPath) is { Length: > 0 } d ? d : string.Empty, "pg_restore") is var p && File.Exists(p) ? p : "pg_restore";

    [GeneratedRegex(@"ALTER TABLE [^\n]* CONSTRAINT [^\n]*;")]
    private static partial Regex ReaddLine();
}
