using System.Collections.Immutable;
using System.Globalization;

namespace Migplan.Verify;

/// <summary>
/// Every rollback point, rehearsed: for point k (after step k), a copy of the start database that has run steps 1..k
/// (taken from one copy that walks forward a step at a time) runs the rollbacks of steps k..1 in reverse, each as <c>apply</c> will run it (its session settings, its commands);
/// the schema must then be the start's (<see cref="SchemaFingerprint"/>), and the rows too where every rolled-back
/// step's class says no existing data is lost (<c>none</c>, <c>new_objects_only</c>). A point after a step whose
/// rollback stops for a person (<c>byHand</c>) is not rehearsed: no command can undo that step.
/// </summary>
internal static class RollbackRehearsal
{
    public static async Task<ImmutableArray<RollbackReport>> RunAsync(
        ScratchServer server, string start, StartState startState, Plan plan, int points, List<string> failures, IProgress<string>? progress, CancellationToken ct)
    {
        var reports = ImmutableArray.CreateBuilder<RollbackReport>();
        var steps = plan.Steps;
        int firstByHand = steps.Select((s, i) => (s, i)).Where(x => x.s.Rollback.StopsUnlessAccepted).Select(x => x.i).DefaultIfEmpty(-1).First();

        // One copy of the start walks forward a step at a time; each point's copy is taken from it (CREATE DATABASE ...
        // TEMPLATE), so every step runs once on the way, not once per later point.
        string? walker = null;
        string? onTheWay = null;
        try
        {
            for (int k = 1; k <= points; k++)
            {
                var step = steps[k - 1];
                if (firstByHand >= 0 && k > firstByHand)
                {
                    var stop = steps[firstByHand];
                    reports.Add(new RollbackReport(k, step.Id, "not_rehearsed", false, $"the rollback of step {stop.Id} needs a person ({PlanIds.DataLoss(stop.Rollback.Loss)}): it stops unless migplan.accept_data_loss is on"));
                    continue;
                }

                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"rollback from point {k} ({step.Id})"));
                walker ??= await server.CreateAsync("_walk", start, ct).ConfigureAwait(false);
                if (onTheWay is null && await RunAsync(server, walker, plan.Session.AddRange(step.Settings), step.Commands, step.Locks, ct).ConfigureAwait(false) is { } error)
                {
                    onTheWay = $"step {step.Id} failed on the way to the point: {error}";
                }

                if (onTheWay is not null)
                {
                    reports.Add(Failed(failures, k, step.Id, onTheWay));
                    continue;
                }

                string copy = await server.CreateAsync(string.Create(CultureInfo.InvariantCulture, $"_rb{k}"), walker, ct).ConfigureAwait(false);
                try
                {
                    reports.Add(await PointAsync(server, copy, startState, plan, k, failures, ct).ConfigureAwait(false));
                }
                finally
                {
                    await server.DropAsync(copy).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (walker is not null)
            {
                await server.DropAsync(walker).ConfigureAwait(false);
            }
        }

        return reports.ToImmutable();
    }

    /// <summary>On a copy taken after steps 1..k: the rollbacks of steps k..1 in reverse, then the start's schema (and rows) must be back.</summary>
    private static async Task<RollbackReport> PointAsync(ScratchServer server, string database, StartState startState, Plan plan, int k, List<string> failures, CancellationToken ct)
    {
        var steps = plan.Steps;
        string pointId = steps[k - 1].Id;
        for (int i = k - 1; i >= 0; i--)
        {
            var step = steps[i];
            if (await RunAsync(server, database, plan.Session.AddRange(step.RollbackSettings), step.Rollback.Commands, step.Locks, ct).ConfigureAwait(false) is { } error)
            {
                return Failed(failures, k, pointId, $"the rollback of step {step.Id} failed: {error}");
            }
        }

        var end = await StartState.ReadAsync(server, database, ct).ConfigureAwait(false);
        if (SchemaFingerprint.Differences(startState.Schema, end.Schema) is { } schemaDiff)
        {
            return Failed(failures, k, pointId, "the schema is not the start's (- start only, + after the rollbacks only):\n" + schemaDiff);
        }

        bool compareRows = steps.Take(k).All(s => s.Rollback.Loss is DataLoss.None or DataLoss.NewObjectsOnly);
        if (compareRows && SchemaFingerprint.Differences(startState.Rows, end.Rows) is { } rowsDiff)
        {
            return Failed(failures, k, pointId, "the rows are not the start's (- start only, + after the rollbacks only):\n" + rowsDiff);
        }

        return new RollbackReport(k, pointId, "restored", compareRows, null);
    }

    private static RollbackReport Failed(List<string> failures, int k, string stepId, string detail)
    {
        failures.Add(string.Create(CultureInfo.InvariantCulture, $"rollback from point {k} (after step {stepId}): {detail}"));
        return new RollbackReport(k, stepId, "failed", false, detail);
    }

    /// <summary>Runs commands unobserved in a session of their own; the failing command and the server's error, or null.</summary>
    private static async Task<string?> RunAsync(ScratchServer server, string database, ImmutableArray<Setting> settings, ImmutableArray<Command> commands, ImmutableArray<LockTaken> locks, CancellationToken ct)
    {
        await using var session = await StepSession.OpenAsync(server.For(database, "migplan verify"), settings, observe: false, ct).ConfigureAwait(false);
        var runs = await StepRunner.RunCommandsAsync(session, commands, locks, observe: false, ct).ConfigureAwait(false);
        return runs.FirstOrDefault(r => r.Failed) is { } failed
            ? $"{StepRunner.FirstLine(commands[failed.Index].Sql)}: {failed.Error!.MessageText} (SQLSTATE {failed.Error.SqlState})"
            : null;
    }
}

/// <summary>A database's schema fingerprint and row checksums at one moment.</summary>
internal sealed record StartState(string Schema, string Rows)
{
    public static async Task<StartState> ReadAsync(ScratchServer server, string database, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.For(database, "migplan verify").ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return new StartState(
            await SchemaFingerprint.OfAsync(connection, ct).ConfigureAwait(false),
            await SchemaFingerprint.DataOfAsync(connection, ct).ConfigureAwait(false));
    }
}
