using System.Diagnostics;
using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.Support;
using Migplan.Tests.Cli;

namespace Migplan.IntegrationTests.Verify;

/// <summary>verify stopped by SIGTERM (as Ctrl-C stops it) drops its scratch databases before it exits 130.</summary>
public sealed class VerifyCancelTests(PgServer server) : PgTest(server)
{
    private readonly TempDir _work = new();

    public override async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Terminated_DropsItsScratchDatabases_Exit130()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the signal is sent with kill(1)");
        string plan = await VerifyRun.PlanAsync(_work.Path, VerifyRun.ExampleDir, "--project", "cancelled");
        string family = VerifyRun.Family(plan);
        var start = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            WorkingDirectory = _work.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { CliRunner.CliDll, "verify", plan, "--scratch", VerifyRun.Scratch(Server), "--change", VerifyRun.ExampleDir })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            // Signal once the steps have begun: the start database and its copy exist.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var seen = new List<string>();
            while (!seen.Contains(family + "_plan"))
            {
                if (process.HasExited)
                {
                    Assert.Fail("verify ended before it was signalled: " + await stderr);
                }

                Assert.True(DateTime.UtcNow < deadline, "verify never made its databases");
                await Task.Delay(20, Ct);
                seen = await VerifyRun.ScratchDatabasesAsync(Server, Ct);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
                Assert.Equal(0, kill.ExitCode);
            }

            await process.WaitForExitAsync(Ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        string errors = await stderr;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{await stdout}\n{errors}");
        Assert.Contains("migplan: cancelled", errors, StringComparison.Ordinal);
        Assert.DoesNotContain(await VerifyRun.ScratchDatabasesAsync(Server, Ct), d => d.StartsWith(family, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(plan, "verify-report.json")));
    }
}
