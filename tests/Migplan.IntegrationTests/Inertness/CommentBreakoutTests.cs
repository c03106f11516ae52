using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Inertness;

/// <summary>
/// Issue 9, item 1: a line break (LF or CR) inside a quoted column name or an enum label is harmless in the
/// input, but must not end a generated <c>--</c> comment (<c>-- Step N: ...</c>, <c>-- Lock: ...</c>,
/// <c>-- Rollback of step ...</c>) and let psql run the rest as SQL or as a meta-command.
/// </summary>
public sealed class CommentBreakoutTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text);
        CREATE TYPE mood AS ENUM ('ok');

        """;

    /// <summary>A name of at most 63 bytes (with a temp directory of /tmp), so PostgreSQL keeps it whole.</summary>
    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task LineBreak_InAColumnName_RunsNothingButThePlan(string lineBreak)
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", $"ALTER TABLE users ADD COLUMN \"x{lineBreak}{HostileCase.CreateMarker}{lineBreak}{hostile.Touch}\" text;\n");

        await PlanAndRunAsync(hostile);
    }

    /// <summary>The marker's path only: a label is at most 63 bytes.</summary>
    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task LineBreak_InAnEnumLabel_RunsNothingButThePlan(string lineBreak)
    {
        using var hostile = new HostileCase();
        hostile.Write("schema.sql", Schema);
        hostile.Write("change.sql", $"ALTER TYPE mood ADD VALUE 'x{lineBreak}{hostile.Touch}';\n");

        await PlanAndRunAsync(hostile);
    }

    private async Task PlanAndRunAsync(HostileCase hostile)
    {
        if (!await hostile.PlanAsync())
        {
            return;
        }

        await hostile.LoadSchemaAsync(Db, Ct);
        await hostile.RunPlanAsync(Db, Ct);
        await hostile.AssertNothingRanAsync(Db, Ct);
    }
}
