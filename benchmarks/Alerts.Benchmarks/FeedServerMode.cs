using System.Globalization;
using System.Text.Json;
using Alerts.Testing;

namespace Alerts.Benchmarks;

/// <summary>
/// Serves N copies of the archived Moscow Times feed on a loopback server and writes a configuration for the
/// <c>alerts</c> CLI with one source per copy, so a whole CLI process can be measured against it:
/// <c>alerts run --once --config FILE</c>. Runs until its standard input closes (or Ctrl+C).
/// Usage: dotnet run -c Release --project benchmarks/Alerts.Benchmarks -- feed-server CONFIG-FILE [sources=1000]
/// </summary>
public static class FeedServerMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: feed-server CONFIG-FILE [sources=1000]");
            return 2;
        }
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var feed = File.ReadAllBytes(RepositoryPaths.TestData("e2e", "moscowtimes-2023-10-25.xml"));
        await using var server = await LoopbackFeedServer.StartAsync();
        var sources = new List<object>();
        for (var i = 0; i < count; i++)
        {
            server.Serve($"/feed/{i}", feed);
            sources.Add(new { Id = $"bench-{i}", Url = server.Url($"/feed/{i}").ToString(), Group = "news", AllowPrivateNetwork = true });
        }
        await File.WriteAllTextAsync(args[0], JsonSerializer.Serialize(new { UseDefaultSources = false, Sources = sources }));
        Console.WriteLine($"serving {count} feeds; configuration written to {args[0]}; close stdin to stop");
        await Console.In.ReadToEndAsync();
        Console.WriteLine($"requests served: {server.TotalRequests}");
        return 0;
    }
}
