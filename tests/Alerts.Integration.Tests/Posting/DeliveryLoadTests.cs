using System.Diagnostics;
using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Testing;
using Xunit.Abstractions;

namespace Alerts.Integration.Tests.Posting;

/// <summary>
/// 500 alerts (25 events × 20 channels) through the SQLite queue, the real stage and sender, against a fake
/// Telegram that enforces the flood limits. Proves zero 429s and exact counts; the throughput figures it prints
/// go to docs/PERFORMANCE.md ("Delivery") and are not asserted (no timed tests). Takes about 65 s: the
/// per-channel limit of 20 a minute makes the 21st post of each channel wait for the window to slide.
/// </summary>
[Trait("Category", "Load")]
public class DeliveryLoadTests(ITestOutputHelper output)
{
    private const int Events = 25;
    private const int ChannelCount = 20;
    private const int Workers = 24;

    [Fact]
    public async Task Five_hundred_alerts_to_twenty_channels_within_telegrams_limits()
    {
        var channels = Enumerable.Range(0, ChannelCount)
            .Select(i => DeliveryHarness.Channel($"ch{i:D2}", $"-10010000{i:D2}"))
            .ToList();
        await using var h = await DeliveryHarness.StartAsync(channels: channels);
        h.Telegram.Limits = new FakeTelegramLimits();
        for (var e = 0; e < Events; e++)
        {
            var change = await h.SaveChangeAsync(eventId: $"load-{e:D2}");
            foreach (var delivery in ChannelRouter.Deliveries(change, channels))
            {
                await h.Queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.Serialize(delivery));
            }
        }

        var total = Events * ChannelCount;
        var delivered = 0;
        var retries = 0;
        var dropped = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref delivered) + Volatile.Read(ref dropped) < total && !deadline.IsCancellationRequested)
            {
                var messages = await h.Queue.ReceiveAsync(QueueNames.TelegramDeliveries, 1, TimeSpan.FromMinutes(5));
                if (messages.Count == 0)
                {
                    await Task.Delay(100);
                    continue;
                }
                switch (await h.Handler.HandleAsync(messages[0]))
                {
                    case DeliveryResult.Delivered or DeliveryResult.AlreadyDelivered:
                        Interlocked.Increment(ref delivered);
                        break;
                    case DeliveryResult.Retry:
                        Interlocked.Increment(ref retries);
                        break;
                    default:
                        Interlocked.Increment(ref dropped);
                        break;
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        clock.Stop();

        var sends = h.Telegram.CallsOf("sendMessage");
        Assert.Equal(total, delivered);
        Assert.Equal(0, dropped);
        Assert.Equal(0, h.Telegram.TooManyRequestsCount);
        Assert.Equal(total, sends.Count);
        Assert.Equal(total, h.Telegram.PostedCount);
        Assert.All(channels, c => Assert.Equal(Events, h.Telegram.Messages(c.ChatId).Count));
        Assert.Equal(0, await h.Queue.CountAsync(QueueNames.Poison(QueueNames.TelegramDeliveries)));

        // The limits allow 20 posts per channel in the first minute (one a second) and the other 5 from second 60 on:
        // the fastest possible schedule spans 64 s from the first send to the last.
        var span = sends.Max(c => c.At) - sends.Min(c => c.At);
        var ideal = TimeSpan.FromSeconds(60 + (Events - 21));
        output.WriteLine($"deliveries {total}, channels {ChannelCount}, workers {Workers}, re-enqueued {retries}, 429s {h.Telegram.TooManyRequestsCount}");
        output.WriteLine($"first-to-last send {span.TotalSeconds:F1} s, limit-bound minimum {ideal.TotalSeconds:F0} s, efficiency {ideal / span:P1}, wall clock {clock.Elapsed.TotalSeconds:F1} s");
        var firstMinute = sends.Count(c => c.At < sends.Min(s => s.At) + TimeSpan.FromSeconds(20));
        output.WriteLine($"sends in the first 20 s: {firstMinute} (limit-bound maximum {ChannelCount * 20})");
    }
}
