using Alerts.Core.Messages;
using Alerts.Local;

namespace Alerts.Integration.Tests.Cli;

public sealed class ReplayCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Replay_moves_poison_messages_back_to_their_queue_and_dry_run_only_prints_them()
    {
        var queue = new SqliteMessageQueue(SqliteDatabase.ForFile(Path.Combine(_cli.WorkDir, "alerts.db")));
        var bodies = new[] { "{\"sourceId\":\"a\",\"group\":\"news\"}", "{\"sourceId\":\"b\",\"group\":\"news\"}", "{\"sourceId\":\"c\",\"group\":\"news\"}" };
        foreach (var body in bodies)
        {
            await queue.EnqueueAsync(QueueNames.Poison(QueueNames.PollRequests), body);
        }

        var dry = await _cli.RunAsync("replay", "poll-requests", "--dry-run", "--store", _cli.StoreArgument);
        Assert.Equal(0, dry.ExitCode);
        Assert.All(bodies, b => Assert.Contains(b, dry.Output, StringComparison.Ordinal));
        Assert.Equal(3, await queue.CountAsync(QueueNames.Poison(QueueNames.PollRequests)));
        Assert.Equal(0, await queue.CountAsync(QueueNames.PollRequests));

        var replay = await _cli.RunAsync("replay", "poll-requests", "--store", _cli.StoreArgument);

        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("3 messages moved", replay.Error, StringComparison.Ordinal);
        Assert.Equal(0, await queue.CountAsync(QueueNames.Poison(QueueNames.PollRequests)));
        var back = await queue.ReceiveAsync(QueueNames.PollRequests, 10, TimeSpan.FromMinutes(1));
        Assert.Equal(bodies.Order(StringComparer.Ordinal), back.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(back, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task Replay_refuses_an_unknown_queue()
    {
        var result = await _cli.RunAsync("replay", "no-such-queue", "--store", _cli.StoreArgument);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-queue", result.Error + result.Output, StringComparison.Ordinal);
    }
}
