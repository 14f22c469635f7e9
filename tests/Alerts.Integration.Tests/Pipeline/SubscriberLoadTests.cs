using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Cli;
using Alerts.Local;
using Alerts.Testing;
using Xunit.Abstractions;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// A thousand users following Russia, one channel, one Russian withdrawal: <c>alerts run --once</c> against the fake
/// Telegram server enforcing the flood limits. Every user and the channel get the alert once, Telegram never answers
/// 429, and the channel's post goes out with the first batch. Figures in docs/PERFORMANCE.md ("Personal deliveries").
/// </summary>
[Trait("Category", "Load")]
public sealed class SubscriberLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Subscribers = 1000;
    private const string ChannelChat = "-1009876543210";
    private readonly CliHarness _cli = new();
    private PipelineRig _rig = null!;

    public async Task InitializeAsync() => _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive()));

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task A_thousand_subscribers_get_one_alert_each_with_no_429_and_the_channel_first()
    {
        var config = _cli.WriteConfig(_rig.Settings(pollInterval: "00:00:01").Source("mt-load", PipelineFeeds.NewsPath)
            .Channel("load-en", ChannelChat, "en", review: "none").Set("Run:MaxDelayedWait", "00:03:00"));
        var first = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(first.ExitCode == 0, first.ToString());

        var store = new SubscriptionStore(new SqliteStateStore(new SqliteDatabase(_cli.StoreArgument), TimeProvider.System), TimeProvider.System);
        var users = Enumerable.Range(1, Subscribers).Select(i => 500_000_000L + i).ToList();
        foreach (var user in users)
        {
            await store.SaveProfileAsync(new SubscriberProfile { ChatId = user, Language = user % 2 == 0 ? "ru" : "en", Since = DateTimeOffset.UtcNow });
            Assert.Equal(FollowResult.Added, await store.FollowAsync(user, new SubscriptionFilter("RU", null, null), 10));
        }

        _rig.Telegram.Limits = new FakeTelegramLimits();
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var clock = Stopwatch.StartNew();
        var run = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);
        clock.Stop();
        Assert.True(run.ExitCode == 0, run.ToString());

        var sends = _rig.Telegram.CallsOf("sendMessage");
        Assert.Equal(0, _rig.Telegram.TooManyRequestsCount);
        Assert.Equal(Subscribers + 1, sends.Count);
        Assert.Single(_rig.Telegram.Messages(ChannelChat));
        Assert.All(users, user => Assert.Single(_rig.Telegram.Messages(user.ToString(CultureInfo.InvariantCulture))));
        // Channels first: the channel's delivery is queued ahead of the subscribers', so it goes out with the first
        // batch the runner takes (16 messages), not behind a thousand personal sends.
        var channelSend = sends.ToList().FindIndex(c => c.ChatId == ChannelChat);
        Assert.InRange(channelSend, 0, 15);
        Assert.Contains("пыток", _rig.Telegram.Messages("500000002")[0].PlainText, StringComparison.OrdinalIgnoreCase);

        var span = sends[^1].At - sends[0].At;
        // The subscribers' sends go at the personal share of the global rate (Delivery:ChannelReservedPerSecond is kept for channels).
        var minimum = Subscribers / (double)new Alerts.Core.Posting.DeliveryOptions().PersonalPerSecond;
        output.WriteLine($"subscribers {Subscribers}, sends {sends.Count}, channel post at send #{channelSend + 1}, 429s {_rig.Telegram.TooManyRequestsCount}, first-to-last send {span.TotalSeconds:F1} s, "
            + $"limit-bound minimum {minimum:F1} s, efficiency {minimum / span.TotalSeconds:P1}, wall clock of the run {clock.Elapsed.TotalSeconds:F1} s");
    }
}
