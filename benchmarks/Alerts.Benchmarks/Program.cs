using Alerts.Benchmarks;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "poll-cycle")
{
    return await PollCycleBench.RunAsync(args.Skip(1).ToArray());
}
if (args.Length > 0 && args[0] == "feed-server")
{
    return await FeedServerMode.RunAsync(args.Skip(1).ToArray());
}
if (args.Length > 0 && args[0] == "scan-profile")
{
    return ScanProfile.Run(args.Skip(1).ToArray());
}
if (args.Length > 0 && args[0] == "parse-profile")
{
    return ParseProfile.Run(args.Skip(1).ToArray());
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
