using System.CommandLine;
using Migplan.Cli;

var root = new RootCommand("migplan: turns a PostgreSQL schema change into a safe, reviewable online migration plan.");
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"migplan: {error.Message}");
    }

    Console.Error.WriteLine("Run 'migplan --help' for usage.");
    return ExitCodes.BadInput;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        // Ctrl-C and SIGTERM cancel the action; it gets this long to clean up (verify drops its scratch databases) before the process ends.
        ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
    }).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    // Ctrl-C or SIGTERM: the action stopped and cleaned up (its finally blocks ran). 128 + SIGINT, as shells report it.
    Console.Error.WriteLine("migplan: cancelled");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine($"migplan: internal error: {e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine("This is a bug in migplan; please report it with the input that caused it.");
    if (Environment.GetEnvironmentVariable("MIGPLAN_VERBOSE") == "1")
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.InternalError;
}
