using System.Collections.Immutable;
using System.Globalization;

namespace Migplan.Verify;

/// <summary>
/// Every rollback point, rehearsed: for point k (after step k), a copy of the database the observed forward run uses,
/// taken right after step k (CREATE DATABASE ... TEMPLATE, between steps, when nobody is connected to it), runs the
/// rollbacks of steps k..1 in reverse, each as <c>apply</c> will run it (its session settings, its commands); the schema
/// must then be the start's (<see cref="SchemaFingerprint"/>), and the rows too where every rolled-back step's class
/// says no existing data is lost (<c>none</c>, <c>new_objects_only</c>). Each step therefore runs once forward, observed,
/// and the copies cost one database copy per point. A point after a step whose rollback stops for a person
/// (<c>byHand</c>) is not rehearsed: no command can undo that step.
/// </summary>
internal sealed class RollbackRehearsal(ScratchServer server, StartState startState, Plan plan, List<string> failures, IProgress<string>? progress)
{
    private readonly ImmutableArray<RollbackReport>.Builder reports = ImmutableArray.CreateBuilder<RollbackReport>();
    private readonly int firstByHand = plan.Steps.Select((s, i) => (s, i)).Where(x => x.s.Rollback.StopsUnlessAccepted).Select(x => x.i).DefaultIfEmpty(-1).First();

    /// <summary>The points rehearsed so far, in order.</summary>
    public ImmutableArray<RollbackReport> Reports => reports.ToImmutable();

    /// <summary>Rehearses point <paramref name="k"/>: <paramref name="forward"/> has just run steps 1..k, and nobody is connected to it.</summary>
    public async Task AfterStepAsync(int k, string forward, CancellationToken ct)
    {
        var step = plan.Steps[k - 1];
        if (firstByHand >= 0 && k > firstByHand)
        {
            var stop = plan.Steps[firstByHand];
            reports.Add(new RollbackReport(k, step.Id, "not_rehearsed", false, $"the rollback of step {stop.Id} needs a person ({PlanIds.DataLoss(stop.Rollback.Loss)}): it stops unless migplan.accept_data_loss is on"));
            return;
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"rollback from point {k} ({step.Id})"));
        string copy = await server.CreateAsync(string.Create(CultureInfo.InvariantCulture, $"_rb{k}"), forward, ct).ConfigureAwait(false);
        try
        {
            reports.Add(await PointAsync(copy, k, ct).ConfigureAwait(false));
        }
        finally
        {
            await server.DropAsync(copy).ConfigureAwait(false);
        }
    }

    /// <summary>On a copy taken after steps 1..k: the rollbacks of steps k..1 in reverse, then the start's schema (and rows) must be back.</summary>
    private async Task<RollbackReport> PointAsync(string database, int k, CancellationToken ct)
    {
        var steps = plan.Steps;
        string pointId = steps[k - 1].Id;
        for (int i = k - 1; i >= 0; i--)
        {
            var step = steps[i];
            if (await RunAsync(server, database, plan.Session.AddRange(step.RollbackSettings), step.Rollback.Commands, step.Locks, ct).ConfigureAwait(false) is { } error)
            {
                return Failed(k, pointId, $"the rollback of step {step.Id} failed: {error}");
            }
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"rollback from point {k}: comparing with the start"));
        bool compareRows = steps.Take(k).All(s => s.Rollback.Loss is DataLoss.None or DataLoss.NewObjectsOnly);
        var end = await StartState.ReadAsync(server, database, ct, rows: compareRows).ConfigureAwait(false);
        if (SchemaFingerprint.Differences(startState.Schema, end.Schema) is { } schemaDiff)
        {
            return Failed(k, pointId, "the schema is not the start's (- start only, + after the rollbacks only):\n" + schemaDiff);
        }

        if (compareRows && SchemaFingerprint.Differences(startState.Rows, end.Rows) is { } rowsDiff)
        {
            return Failed(k, pointId, "the rows are not the start's (- start only, + after the rollbacks only):\n" + rowsDiff);
        }

        return new RollbackReport(k, pointId, "restored", compareRows, null);
    }

    private RollbackReport Failed(int k, string stepId, string detail)
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
    /// <summary>Reads both; the rows only when <paramref name="rows"/> (otherwise <see cref="Rows"/> is empty).</summary>
    public static async Task<StartState> ReadAsync(ScratchServer server, string database, CancellationToken ct, bool rows = true)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.For(database, "migplan verify").ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return new StartState(
            await SchemaFingerprint.OfAsync(connection, ct).ConfigureAwait(false),
            rows ? await SchemaFingerprint.DataOfAsync(connection, ct).ConfigureAwait(false) : string.Empty);
    }
}
