using System.Diagnostics;
using System.Globalization;
using Alerts.Core;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Sources;
using Alerts.Hosting;
using Alerts.Local;
using Alerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Benchmarks;

/// <summary>
/// End-to-end load bench of one poll cycle: N sources on a loopback server, a share of them changed
/// since the last cycle, the rest answering 304. Runs the real schedule and poll stages (fetch,
/// parse, diff against SQLite, detect, correlate) with the local runner's parallelism, and prints
/// wall time, requests, bytes and peak memory.
/// Usage: dotnet run -c Release --project benchmarks/Alerts.Benchmarks -- poll-cycle [sources=1000] [changed=0.05]
/// </summary>
public static class PollCycleBench
{
    private const int Parallelism = 8; // as the local runner

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var changedShare = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.05;
        var feed = File.ReadAllBytes(RepositoryPaths.TestData("e2e", "moscowtimes-2023-10-25.xml"));
        var seed = File.ReadAllText(RepositoryPaths.TestData("e2e", "seed-item.xml"));

        await using var server = await LoopbackFeedServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["UseDefaultSources"] = "false" };
        for (var i = 0; i < count; i++)
        {
            server.Serve($"/feed/{i}", feed);
            var key = $"Sources:{i}:";
            settings[key + "Id"] = $"bench-{i}";
            settings[key + "Url"] = server.Url($"/feed/{i}").ToString();
            settings[key + "Group"] = "news";
            settings[key + "Interval"] = "00:00:01";
            settings[key + "AllowPrivateNetwork"] = "true";
        }
        var directory = Directory.CreateTempSubdirectory("alerts-bench-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAlertsCore(configuration);
        services.AddAlertsHosting(configuration, AppContext.BaseDirectory);
        services.AddAlertsSqlite($"Data Source={Path.Combine(directory, "alerts.db")}");
        await using var provider = services.BuildServiceProvider();
        var schedule = provider.GetRequiredService<SchedulePollsStage>();
        var poll = provider.GetRequiredService<PollSourceStage>();

        // Cycle 1 fills the state (every source fetched once); it is not what is measured.
        await CycleAsync(schedule, poll);

        var changed = (int)Math.Round(count * changedShare);
        for (var i = 0; i < changed; i++)
        {
            // A changed source: the feed gained one item since the last poll.
            var text = System.Text.Encoding.UTF8.GetString(feed);
            var at = text.IndexOf("<item>", StringComparison.Ordinal);
            var withNew = text[..at] + seed.Replace("a90280", $"a9{i:D4}", StringComparison.Ordinal) + "    " + text[at..];
            server.Replace($"/feed/{i}", System.Text.Encoding.UTF8.GetBytes(withNew));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var requestsBefore = server.TotalRequests;
        var bytesBefore = server.BytesSent;
        var stopwatch = Stopwatch.StartNew();
        var outcomes = await CycleAsync(schedule, poll);
        stopwatch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"poll cycle: {count} sources, {changed} changed: wall {stopwatch.Elapsed.TotalSeconds:0.00} s, " +
            $"requests {server.TotalRequests - requestsBefore}, bytes {server.BytesSent - bytesBefore}, " +
            $"fetched {outcomes.Count(o => o.Status == PollStatus.Fetched)}, not modified {outcomes.Count(o => o.Status == PollStatus.NotModified)}, " +
            $"failed {outcomes.Count(o => o.Status == PollStatus.Failed)}, treaty changes {outcomes.Sum(o => o.Changes.Count)}, " +
            $"peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MB"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return outcomes.Any(o => o.Status == PollStatus.Failed) ? 1 : 0;
    }

    private static async Task<IReadOnlyList<PollOutcome>> CycleAsync(SchedulePollsStage schedule, PollSourceStage poll)
    {
        var requests = await schedule.RunAsync("news");
        var outcomes = new PollOutcome[requests.Count];
        await Parallel.ForAsync(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, ct) => outcomes[i] = await poll.RunAsync(requests[i], ct));
        return outcomes;
    }
}
