using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Facts;

/// <summary>
/// The locks of CREATE [OR REPLACE] / DROP of functions, procedures, triggers and views, read from pg_locks inside an
/// open transaction: what the definition operations (Planning/Operations/Create*Operation, Drop*Operation) declare.
/// </summary>
public sealed class DefinedObjectLockFacts(PgServer server) : PgTest(server)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.ExecuteAsync("""
            CREATE TABLE items (id int PRIMARY KEY, name text);
            CREATE TABLE audit (id int);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE FUNCTION item_count(int) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM items';
            CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE VIEW item_names AS SELECT id, name FROM items;
            """, Ct);
    }

    private Task<LockSet> Observe(string sql) => new LockObserver(Db).ObserveAsync(sql, Ct);

    [Fact]
    public async Task CreateFunction_PlpgsqlBody_LocksNoTable()
    {
        var locks = await Observe("CREATE FUNCTION n() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM items); END $$");

        Assert.True(locks.Entries.IsEmpty, locks.ToString());
    }

    [Fact]
    public async Task CreateOrReplaceFunction_SqlBody_TakesAccessShareOnTheTablesItReads_RowExclusiveOnThoseItWrites()
    {
        var read = await Observe("CREATE OR REPLACE FUNCTION item_count(int) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM audit'");
        LockAssert.Strongest(read, "audit", LockMode.AccessShare);
        LockAssert.NotLocked(read, "items");

        var atomic = await Observe("CREATE PROCEDURE clear_audit() LANGUAGE sql AS 'DELETE FROM audit'");
        LockAssert.Strongest(atomic, "audit", LockMode.RowExclusive);
    }

    [Fact]
    public async Task DropFunction_LocksNoTable_ButCascadeToATriggerTakesAccessExclusiveOnItsTable()
    {
        Assert.True((await Observe("DROP FUNCTION item_count(int)")).Entries.IsEmpty);

        LockAssert.Strongest(await Observe("DROP FUNCTION touch() CASCADE"), "items", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task CreateTrigger_AndCreateOrReplaceTrigger_TakeShareRowExclusiveOnTheTable()
    {
        LockAssert.Strongest(await Observe("CREATE TRIGGER items_insert BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch()"), "items", LockMode.ShareRowExclusive);
        LockAssert.Strongest(await Observe("CREATE OR REPLACE TRIGGER items_touch AFTER UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()"), "items", LockMode.ShareRowExclusive);
    }

    [Fact]
    public async Task DropTrigger_TakesAccessExclusiveOnTheTable()
    {
        LockAssert.Strongest(await Observe("DROP TRIGGER items_touch ON items"), "items", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task CreateView_TakesAccessShareOnWhatItReads()
    {
        var locks = await Observe("CREATE VIEW item_ids AS SELECT i.id FROM items i JOIN audit a USING (id)");

        LockAssert.Strongest(locks, "items", LockMode.AccessShare);
        LockAssert.Strongest(locks, "audit", LockMode.AccessShare);
    }

    [Fact]
    public async Task CreateOrReplaceView_TakesAccessExclusiveOnTheView_AndDropViewToo()
    {
        var replace = await Observe("CREATE OR REPLACE VIEW item_names AS SELECT id, name, 1 AS one FROM items");
        LockAssert.Strongest(replace, "item_names", LockMode.AccessExclusive);
        LockAssert.Strongest(replace, "items", LockMode.AccessShare);

        var drop = await Observe("DROP VIEW item_names");
        LockAssert.Strongest(drop, "item_names", LockMode.AccessExclusive);
        LockAssert.NotLocked(drop, "items");
    }

    [Fact]
    public async Task CreateOrReplaceView_CannotDropAColumn_Sqlstate42P16()
    {
        await Db.ExecuteAsync("CREATE OR REPLACE VIEW item_names AS SELECT id, name, 1 AS one FROM items", Ct);

        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Db.ExecuteAsync("CREATE OR REPLACE VIEW item_names AS SELECT id, name FROM items", Ct));
        Assert.Equal("42P16", e.SqlState); // invalid_table_definition: the rollback's fallback to DROP and CREATE
    }
}
