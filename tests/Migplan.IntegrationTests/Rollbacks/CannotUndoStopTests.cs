using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Rollbacks;

/// <summary>
/// A rollback that cannot undo its step stops with an error (psql exit 3 under ON_ERROR_STOP) unless the operator
/// turned on migplan.accept_data_loss; running every rollback in reverse no longer "succeeds" past a dropped table.
/// </summary>
public sealed class CannotUndoStopTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE users (id bigint PRIMARY KEY, name text, mood mood);
        CREATE TABLE wishlist (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), item text);
        """;

    private const string Seed = """
        INSERT INTO users SELECT g, 'user ' || g, 'happy' FROM generate_series(1, 30) g;
        INSERT INTO wishlist SELECT g, 1 + g % 30, 'item ' || g FROM generate_series(1, 90) g;
        """;

    private const string Change = """
        ALTER TYPE mood ADD VALUE 'meh';
        ALTER TABLE users ADD COLUMN nickname text;
        DROP TABLE wishlist;
        """;

    [Fact]
    public async Task EveryRollbackInReverse_StopsAtTheDroppedTable_AndGoesOnOnlyWithTheSetting()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct);
        var steps = rehearsal.Plan.Steps.ToList();
        var rollbacks = steps.Select(s => Path.Combine(rehearsal.Plan.Dir, s.GetProperty("rollback").GetProperty("script").GetString()!)).Reverse().ToList();
        int dropTable = steps.FindIndex(s => s.GetProperty("id").GetString()!.Contains("drop_table_wishlist", StringComparison.Ordinal));
        Assert.True(dropTable >= 0);

        var psql = new PsqlRunner(db.ConnectionString);
        PsqlResult? stopped = null;
        int ran = 0;
        foreach (var script in rollbacks)
        {
            var result = await psql.RunFileAsync(script, Ct);
            if (!result.Succeeded)
            {
                stopped = result;
                break;
            }

            ran++;
        }

        Assert.NotNull(stopped);
        Assert.Equal(3, stopped.ExitCode);
        Assert.Equal(steps.Count - 1 - dropTable, ran); // the first rollback to run is the drop's: nothing after it ran
        Assert.Contains("cannot undo it; data loss: restore from backup", stopped.StdErr, StringComparison.Ordinal);
        Assert.Contains("pg_restore", stopped.StdErr, StringComparison.Ordinal);
        Assert.Contains("migplan.accept_data_loss", stopped.StdErr, StringComparison.Ordinal);

        // The operator accepts the loss (PGOPTIONS='-c migplan.accept_data_loss=on'): every rollback runs, the enum's too.
        var builder = db.CreateConnectionStringBuilder();
        builder.Options = "-c migplan.accept_data_loss=on";
        var accepted = new PsqlRunner(builder.ConnectionString);
        foreach (var script in rollbacks)
        {
            await GeneratedPlan.RunOkAsync(accepted, script, Ct);
        }

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'nickname' AND NOT attisdropped", Ct));
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_enum WHERE enumtypid = 'mood'::regtype", Ct)); // the value stays, as the rollback says
    }

    [Fact]
    public async Task EnumValueRollback_Stops_AndASetInTheSessionLetsItGoOn()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TYPE mood ADD VALUE 'meh';", Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct);
        var step = rehearsal.Plan.Step("enum_add_value");
        Assert.Equal("none", step.GetProperty("rollback").GetProperty("dataLoss").GetString());
        string script = Path.Combine(rehearsal.Plan.Dir, step.GetProperty("rollback").GetProperty("script").GetString()!);

        var psql = new PsqlRunner(db.ConnectionString);
        var result = await psql.RunFileAsync(script, Ct);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot drop an enum value", result.StdErr, StringComparison.Ordinal);

        var set = await psql.RunSqlAsync($"SET migplan.accept_data_loss = on;\n\\i '{script}'\n", Ct);
        Assert.True(set.Succeeded, set.ToString());
    }
}
