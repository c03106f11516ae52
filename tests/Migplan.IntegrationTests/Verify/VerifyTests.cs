using System.Text.Json;
using System.Text.Json.Nodes;
using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Verify;

/// <summary>
/// <c>migplan verify</c> end to end on PostgreSQL 15: the bundled example verifies; a plan.json edited to under-declare a
/// lock, to break a rollback, or to end elsewhere than the change as written makes it exit 1 naming what is wrong; the
/// scratch databases are dropped at the end, and a crashed run's leftovers at the start.
/// </summary>
public sealed class VerifyTests(PgServer server) : PgTest(server)
{
    private readonly TempDir _work = new();

    public override async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Example_Verifies_Exit0_WithReportAndNoScratchDatabaseLeft()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        string family = VerifyRun.Family(plan);
        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir, "--rows", "1000");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("migplan verify: passed on PostgreSQL 15.", result.StdOut, StringComparison.Ordinal);

        using var report = VerifyRun.Report(plan);
        var root = report.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(1000, root.GetProperty("rows").GetInt64());
        // --rows 1000: synthetic rows on the largest table (users), the others in proportion, before anything runs.
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("synthetic rows: ", StringComparison.Ordinal) && n.GetString()!.Contains("1,000 on the largest", StringComparison.Ordinal));
        Assert.Empty(root.GetProperty("failures").EnumerateArray());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(11, steps.Count);
        var addColumn = steps.Single(s => s.GetProperty("id").GetString() == "02_add_column_users_email");
        var lockOnUsers = Assert.Single(addColumn.GetProperty("locks").EnumerateArray());
        Assert.Equal("public.users", lockOnUsers.GetProperty("relation").GetString());
        Assert.Equal("ACCESS EXCLUSIVE", lockOnUsers.GetProperty("mode").GetString());
        Assert.Equal("declared", lockOnUsers.GetProperty("verdict").GetString());
        Assert.Equal("ACCESS EXCLUSIVE", addColumn.GetProperty("longestStrongLock").GetProperty("mode").GetString());
        Assert.False(addColumn.GetProperty("rewrite").GetBoolean());
        Assert.Equal("passed", addColumn.GetProperty("verification").GetProperty("status").GetString());
        var dropForeignKey = steps.Single(s => s.GetProperty("id").GetString() == "10_drop_foreign_key_user_emails_user_id_fkey");
        Assert.Equal(["public.user_emails", "public.users"], dropForeignKey.GetProperty("locks").EnumerateArray().Select(l => l.GetProperty("relation").GetString()));

        var rollbacks = root.GetProperty("rollbacks").EnumerateArray().ToList();
        Assert.Equal(10, rollbacks.Count(r => r.GetProperty("status").GetString() == "restored"));
        Assert.Equal("not_rehearsed", rollbacks[^1].GetProperty("status").GetString()); // the dropped table comes back from a backup only
        // With rows in users, the change as written fails at its first statement (ADD COLUMN ... NOT NULL): the report names
        // it and the server's error, and that is the change's fault, not the plan's.
        var equivalence = root.GetProperty("equivalence");
        Assert.Equal("naive_failed", equivalence.GetProperty("status").GetString());
        Assert.Contains("add-user-email/design.md:", equivalence.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("contains null values", equivalence.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("**PASSED** on PostgreSQL 15.", File.ReadAllText(Path.Combine(plan, "verify-report.md")), StringComparison.Ordinal);
        Assert.DoesNotContain(await VerifyRun.ScratchDatabasesAsync(Server, Ct), d => d.StartsWith(family, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnderDeclaredLock_Exit1_NamesStepRelationAndModes()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);

        // Dropping the foreign key locks both tables; the edited plan names only the referencing one.
        VerifyRun.EditStep(plan, "10_drop_foreign_key", step =>
        {
            var locks = step["locks"]!.AsArray();
            var users = locks.Single(l => l!["relation"]!["name"]!.GetValue<string>() == "users");
            locks.Remove(users);
        });

        // Adding the column takes ACCESS EXCLUSIVE; the edited plan says ROW EXCLUSIVE.
        VerifyRun.EditStep(plan, "02_add_column", step => step["locks"]![0]!["mode"] = "ROW EXCLUSIVE");

        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("migplan verify: FAILED: step 10_drop_foreign_key_user_emails_user_id_fkey: took ACCESS EXCLUSIVE on public.users, which the step does not declare\n", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("migplan verify: FAILED: step 02_add_column_users_email: took ACCESS EXCLUSIVE on public.users, stronger than the declared ROW EXCLUSIVE\n", result.StdErr, StringComparison.Ordinal);
        using var report = VerifyRun.Report(plan);
        Assert.False(report.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(2, report.RootElement.GetProperty("failures").GetArrayLength());
    }

    [Fact]
    public async Task BrokenRollback_Exit1_NamesThePointAndWhatWasNotRestored()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);

        // The foreign key's rollback no longer adds it back. (A rollback that leaves the index on email would not do:
        // the rollback of the step that added the column drops the index with it.)
        VerifyRun.EditStep(plan, "10_drop_foreign_key", step =>
            step["rollback"]!["commands"] = new JsonArray(new JsonObject { ["sql"] = "SELECT 1;\n", ["outsideTransaction"] = false, ["rerunnable"] = true }));

        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("migplan verify: FAILED: rollback from point 10 (after step 10_drop_foreign_key_user_emails_user_id_fkey): the schema is not the start's", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("- constraint public.user_emails user_emails_user_id_fkey FOREIGN KEY (user_id)", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("rollback from point 9 ", result.StdErr, StringComparison.Ordinal);
        using var report = VerifyRun.Report(plan);
        var statuses = report.RootElement.GetProperty("rollbacks").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal([.. Enumerable.Repeat("restored", 9), "failed", "not_rehearsed"], statuses);
    }

    [Fact]
    public async Task FailingRollbackCommand_Exit1_NamesTheStepAndTheServersError()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        VerifyRun.EditStep(plan, "06_check_not_null", step =>
            step["rollback"]!["commands"]![0]!["sql"] = "ALTER TABLE public.users DROP CONSTRAINT no_such_constraint;\n");

        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("migplan verify: FAILED: rollback from point 6 (after step 06_check_not_null_users_email): the rollback of step 06_check_not_null_users_email failed: ALTER TABLE public.users DROP CONSTRAINT no_such_constraint;: constraint \"no_such_constraint\" of relation \"users\" does not exist (SQLSTATE 42704)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongEndState_Exit1_ShowsTheDifferenceFromTheChangeAsWritten()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);

        // The index is built on another column than the change's: still a valid index (its verification passes).
        VerifyRun.EditStep(plan, "05_create_index", step =>
        {
            var build = step["commands"]!.AsArray().Single(c => c!["sql"]!.GetValue<string>().StartsWith("CREATE INDEX", StringComparison.Ordinal))!;
            build["sql"] = build["sql"]!.GetValue<string>().Replace("(email)", "(id)", StringComparison.Ordinal);
        });

        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("migplan verify: FAILED: end state: the schema after the plan differs from the change as written's", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("- index public.idx_users_email on users CREATE INDEX ON public.users USING btree (email)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("+ index public.idx_users_email on users CREATE INDEX ON public.users USING btree (id)", result.StdErr, StringComparison.Ordinal);
        using var report = VerifyRun.Report(plan);
        Assert.Equal("different", report.RootElement.GetProperty("equivalence").GetProperty("status").GetString());
    }

    [Fact]
    public async Task FailingStep_Exit1_NamesStepStatementAndError_AndStopsThere()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir);
        VerifyRun.EditStep(plan, "07_validate", step =>
            step["commands"]![0]!["sql"] = "ALTER TABLE public.users VALIDATE CONSTRAINT no_such_constraint;\n");

        var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("migplan verify: FAILED: step 07_validate_not_null_users_email: command 1 (ALTER TABLE public.users VALIDATE CONSTRAINT no_such_constraint;) failed: constraint \"no_such_constraint\" of relation \"users\" does not exist (SQLSTATE 42704)\n", result.StdErr, StringComparison.Ordinal);
        using var report = VerifyRun.Report(plan);
        Assert.Equal(7, report.RootElement.GetProperty("steps").GetArrayLength());
        Assert.Equal(6, report.RootElement.GetProperty("rollbacks").GetArrayLength());
        Assert.Equal("not_run", report.RootElement.GetProperty("equivalence").GetProperty("status").GetString());
    }

    [Fact]
    public async Task LeftoverScratchDatabases_AreDroppedFirst_LiveRunsAreNot()
    {
        // A different project name: plan.json differs from the other tests' (each plan has its own family of databases).
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir, "--project", "leftovers");
        string family = VerifyRun.Family(plan);
        string leftover = family + "_rb3";
        string crashed = "migplan_verify_0123456789ab_plan";
        string live = "migplan_verify_ba9876543210_plan";
        await VerifyRun.AdminAsync(Server, $"CREATE DATABASE {leftover}", Ct);
        await VerifyRun.AdminAsync(Server, $"CREATE DATABASE {crashed}", Ct);
        await VerifyRun.AdminAsync(Server, $"CREATE DATABASE {live}", Ct);
        try
        {
            // A run of another plan is still going: a session is connected to one of its databases.
            var b = new Npgsql.NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Database = live, Pooling = false };
            await using var running = new Npgsql.NpgsqlConnection(b.ConnectionString);
            await running.OpenAsync(Ct);

            var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir);
            // Exit 0 means the leftover was gone before this run made its own rb3 (CREATE DATABASE of an existing name fails).
            // Who dropped it is not known: any run drops a family nobody is connected to, and other tests run verify too.
            Assert.True(result.ExitCode == 0, result.ToString());
            var left = await VerifyRun.ScratchDatabasesAsync(Server, Ct);
            Assert.DoesNotContain(leftover, left);
            Assert.DoesNotContain(crashed, left); // dropped by this run or by another test's, whichever came first
            Assert.Contains(live, left);
            Assert.DoesNotContain(left, d => d.StartsWith(family, StringComparison.Ordinal));
        }
        finally
        {
            await VerifyRun.AdminAsync(Server, $"DROP DATABASE IF EXISTS {live} WITH (FORCE)", Ct);
            await VerifyRun.AdminAsync(Server, $"DROP DATABASE IF EXISTS {crashed} WITH (FORCE)", Ct);
        }
    }

    [Fact]
    public async Task Keep_LeavesTheScratchDatabases()
    {
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir, "--project", "kept");
        string family = VerifyRun.Family(plan);
        try
        {
            var result = await VerifyRun.VerifyAsync(_work.Path, plan, VerifyRun.Scratch(Server), VerifyRun.ExampleDir, "--keep");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"migplan verify: kept {family}_plan\n", result.StdErr, StringComparison.Ordinal);
            var left = await VerifyRun.ScratchDatabasesAsync(Server, Ct);
            Assert.Contains(family, left);
            Assert.Contains(family + "_plan", left);
            Assert.Contains(family + "_naive", left);
        }
        finally
        {
            foreach (var d in (await VerifyRun.ScratchDatabasesAsync(Server, Ct)).Where(d => d.StartsWith(family, StringComparison.Ordinal)))
            {
                await VerifyRun.AdminAsync(Server, $"DROP DATABASE IF EXISTS {d} WITH (FORCE)", Ct);
            }
        }
    }
}
