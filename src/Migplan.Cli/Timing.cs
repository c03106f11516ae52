using System.Diagnostics;
using System.Globalization;

namespace Migplan.Cli;

/// <summary>Phase timings on stderr when MIGPLAN_TIMING=1 (for profiling; off by default).</summary>
internal sealed class Timing
{
    private readonly Stopwatch? _watch;
    private TimeSpan _last;

    private Timing(bool enabled) => _watch = enabled ? Stopwatch.StartNew() : null;

    public static Timing FromEnvironment() => new(Environment.GetEnvironmentVariable("MIGPLAN_TIMING") == "1");

    public void Mark(string phase)
    {
        if (_watch is null)
        {
            return;
        }

        var now = _watch.Elapsed;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timing: {phase} {(now - _last).TotalMilliseconds:F0} ms, heap {GC.GetTotalMemory(false) / 1_000_000} MB, allocated so far {GC.GetTotalAllocatedBytes() / 1_000_000} MB, working set {Environment.WorkingSet / 1_000_000} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));
        _last = now;
    }
}
