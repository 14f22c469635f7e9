using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Feeds;

namespace Alerts.Benchmarks;

/// <summary>
/// The feed parse alone, as <c>alerts scan</c> runs it (<see cref="FeedParser.ParseStreaming"/>, items handed out and not
/// kept) and as the poller runs it (<see cref="FeedParser.Parse(ReadOnlySpan{byte}, string?, Uri?)"/>, every item kept):
/// single-threaded, median of the warm passes, µs per item (wall and the process's CPU), bytes allocated per item and the GC pauses of the passes.
/// Usage: dotnet run -c Release --project benchmarks/Alerts.Benchmarks -- parse-profile FILE [passes=5] [streamed]
/// </summary>
public static class ParseProfile
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: parse-profile FILE [passes=5] [streamed] (FILE must exist)");
            return 2;
        }
        var file = args[0];
        var passes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var bytes = File.ReadAllBytes(file);
        var uri = new Uri(Path.GetFullPath(file));
        var count = 0;
        var streamed = Measure(passes, () =>
        {
            count = 0;
            FeedParser.ParseStreaming(bytes, null, uri, _ => count++);
        });
        // "streamed" as a third argument times ParseStreaming only (for a profiler's trace of the scan's path).
        var kept = args.Length > 2 && args[2] == "streamed" ? default : Measure(passes, () => FeedParser.Parse(bytes, null, uri));
        Console.WriteLine($"{file}: {bytes.Length:N0} bytes, {count:N0} items; median of {passes} warm passes, one thread");
        void Row(string name, (double Ms, long Bytes, double PauseMs, double CpuMs) m)
            => Console.WriteLine($"{name,-30}{m.Ms,8:F1} ms{m.Ms * 1000 / count,7:F2} µs/item  CPU {m.CpuMs * 1000 / count,6:F2} µs/item{m.Bytes / 1048576.0,7:F1} MB/pass{(double)m.Bytes / count,6:F0} B/item  GC pause {m.PauseMs,6:F1} ms/pass");
        Row("ParseStreaming (alerts scan)", streamed);
        if (kept.Ms > 0)
        {
            Row("Parse (items kept)", kept);
        }
        return 0;
    }

    /// <summary>Median wall time, bytes allocated, median GC pause and median CPU time of the process (the GC's threads
    /// included) per pass: on a loaded machine the CPU time is the steadier figure.</summary>
    private static (double Ms, long Bytes, double PauseMs, double CpuMs) Measure(int passes, Action action)
    {
        // Three warm-up passes: the hot methods are recompiled at tier 1 in the background, and that compilation must not
        // be counted in the measured passes' CPU time.
        for (var i = 0; i < 3; i++)
        {
            action();
        }
        var times = new List<double>();
        var pauses = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < passes; i++)
        {
            var pause = GC.GetTotalPauseDuration();
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            pauses.Add((GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
        }
        times.Sort();
        pauses.Sort();
        cpu.Sort();
        return (times[times.Count / 2], allocated, pauses[pauses.Count / 2], cpu[cpu.Count / 2]);
    }
}
