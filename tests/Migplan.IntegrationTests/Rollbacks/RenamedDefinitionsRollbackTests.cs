using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Rollbacks;

/// <summary>
/// Rollbacks written after a rename rebuild what they restore on the names live when they run: the index on the
/// renamed column, the foreign key on the renamed column and the renamed referenced table and column.
/// </summary>
public sealed class RenamedDefinitionsRollbackTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE authors (id bigint PRIMARY KEY, name text);
        CREATE TABLE notes (id bigint PRIMARY KEY, note text, author bigint, CONSTRAINT notes_author_fkey FOREIGN KEY (author) REFERENCES authors (id));
        CREATE INDEX notes_note_idx ON notes (note);
        CREATE INDEX notes_lower_note_idx ON notes (lower(note)) WHERE note IS NOT NULL;
        """;

    private const string Seed = """
        INSERT INTO authors SELECT g, 'author ' || g FROM generate_series(1, 20) g;
        INSERT INTO notes SELECT g, 'note ' || g, 1 + g % 20 FROM generate_series(1, 200) g;
        """;

    [Fact]
    public async Task DropIndexAndForeignKey_AfterRenames_RollBackFromEveryPoint()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE notes RENAME COLUMN note TO body;
            ALTER TABLE notes RENAME COLUMN author TO author_id;
            ALTER TABLE authors RENAME COLUMN id TO author_key;
            ALTER TABLE authors RENAME TO writers;
            DROP INDEX notes_note_idx;
            DROP INDEX notes_lower_note_idx;
            ALTER TABLE notes DROP CONSTRAINT notes_author_fkey;
            """, Ct);

        Assert.Contains("(body)", File.ReadAllText(Path.Combine(rehearsal.Plan.Dir, rehearsal.Plan.Step("drop_index_notes_note_idx").GetProperty("rollback").GetProperty("script").GetString()!)));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(rehearsal.Plan.Steps.Count(), await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task ForeignKeyDroppedBeforeRenamesOfItsReferencedTable_RunAfterThem_AndItsRollbackUsesTheLiveNames()
    {
        // The drop goes to Cleanup; the renames of the other table, written after it, stay in Schema Changes and run first.
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE notes DROP CONSTRAINT notes_author_fkey;
            ALTER TABLE authors RENAME COLUMN id TO author_key;
            ALTER TABLE authors RENAME TO writers;
            """, Ct);

        var order = rehearsal.Plan.Steps.Select(s => s.GetProperty("id").GetString()!).ToList();
        Assert.True(order.FindIndex(i => i.Contains("rename_table", StringComparison.Ordinal)) < order.FindIndex(i => i.Contains("drop_constraint", StringComparison.Ordinal)));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(rehearsal.Plan.Steps.Count(), await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task SelfReferencingForeignKey_AfterRenamingItsColumns_RollsBackFromEveryPoint()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, """
            CREATE TABLE nodes (id bigint PRIMARY KEY, parent bigint);
            ALTER TABLE nodes ADD CONSTRAINT nodes_parent_fkey FOREIGN KEY (parent) REFERENCES nodes (id);
            """, "INSERT INTO nodes SELECT g, NULLIF(g - 1, 0) FROM generate_series(1, 50) g;", """
            ALTER TABLE nodes RENAME COLUMN parent TO parent_id;
            ALTER TABLE nodes RENAME COLUMN id TO node_id;
            ALTER TABLE nodes DROP CONSTRAINT nodes_parent_fkey;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(rehearsal.Plan.Steps.Count(), await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }
}
