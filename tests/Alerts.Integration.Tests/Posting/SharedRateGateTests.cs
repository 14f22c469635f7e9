using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Integration.Tests.Posting;

/// <summary>
/// Two app instances (two stages, each with its own in-process limiter) deliver to the same chat
/// from one store: the shared gate keeps their sends together within Telegram's per-chat limit, and
/// a 429 pause one of them got holds the other too.
/// </summary>
public sealed class SharedRateGateTests
{
    [Fact]
    public async Task Personal_deliveries_of_every_instance_leave_the_channels_their_reserved_share()
    {
        using var database = new Stores.SqliteTestDatabase();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { GlobalPerSecond = 30, ChannelReservedPerSecond = 5 });
        var store = new Alerts.Local.SqliteStateStore(database.Open(), time);
        var instances = new[] { new SharedRateGate(store, options, time), new SharedRateGate(store, options, time) };

        // Two instances fan out to subscribers: together they get 25 sends in this window.
        var granted = 0;
        for (var i = 1; i <= 40; i++)
        {
            if (await instances[i % 2].ClaimAsync("u" + i, "user:" + i, TimeSpan.Zero) == TimeSpan.Zero)
            {
                granted++;
            }
        }
        Assert.Equal(25, granted);

        // A channel post claims at once, from either instance.
        Assert.Equal(TimeSpan.Zero, await instances[0].ClaimAsync("-1001", "main", TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, await instances[1].ClaimAsync("-1002", "second", TimeSpan.Zero));
    }

    [Fact]
    public async Task Two_instances_sharing_the_store_keep_one_chats_pace_without_a_429()
    {
        var channel = DeliveryHarness.Channel("shared", "-1005550001");
        await using var h = await DeliveryHarness.StartAsync(channels: [channel]);
        h.Telegram.Limits = new FakeTelegramLimits();
        const int events = 6;
        await QueueEventsAsync(h, channel, "shared", events);
        // A wide margin: the test machine may be loaded, and a slot is claimed before the request leaves.
        h.Options.SharedRateMargin = TimeSpan.FromSeconds(1);
        var delivered = await DeliverWithTwoInstancesAsync(h, events, idlePause: TimeSpan.FromMilliseconds(50));

        Assert.Equal(events, delivered);
        Assert.True(h.Telegram.TooManyRequestsCount == 0, string.Join("\n", h.Telegram.Calls.Select(c => $"{c.At:HH:mm:ss.fff} {c.Method} {c.StatusCode} {c.Description}")));
        Assert.Equal(events, h.Telegram.Messages(channel.ChatId).Count);
        var sends = h.Telegram.CallsOf("sendMessage").Select(c => c.At).Order().ToList();
        Assert.All(sends.Zip(sends.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(950), $"{pair.First:O} → {pair.Second:O}"));
    }

    [Fact]
    public async Task A_429_pause_given_to_one_instance_holds_the_chat_for_every_instance()
    {
        var channel = DeliveryHarness.Channel("paused", "-1005550002");
        // Telegram's pace (one per second per chat, shared with a margin), so no send of the other instance is already
        // on its way when the 429 comes back; without the shared pause it would send about 1.5 s after, inside the 3 s.
        await using var h = await DeliveryHarness.StartAsync(channels: [channel]);
        const int events = 6;
        await QueueEventsAsync(h, channel, "paused", events);
        h.Telegram.FailNext(new FakeTelegramFault.TooManyRequests(3));
        var delivered = await DeliverWithTwoInstancesAsync(h, events, idlePause: TimeSpan.FromMilliseconds(20));

        var calls = string.Join("\n", h.Telegram.Calls.Select(c => $"{c.At:HH:mm:ss.fff} {c.Method} {c.StatusCode}"));
        Assert.Equal(events, delivered);
        Assert.Equal(events, h.Telegram.Messages(channel.ChatId).Count);
        var sends = h.Telegram.CallsOf("sendMessage");
        var rejected = Assert.Single(sends, c => c.StatusCode == 429);
        var later = sends.Where(c => c.At > rejected.At).ToList();
        Assert.True(later.Count >= events, calls);
        Assert.All(later, call => Assert.True(call.At - rejected.At >= TimeSpan.FromSeconds(2.9), $"sent {call.At - rejected.At} after the 429\n{calls}"));
    }

    private static async Task QueueEventsAsync(DeliveryHarness h, ChannelDefinition channel, string eventPrefix, int events)
    {
        for (var e = 0; e < events; e++)
        {
            var change = await h.SaveChangeAsync(eventId: $"{eventPrefix}-{e}");
            foreach (var delivery in ChannelRouter.Deliveries(change, [channel]))
            {
                await h.Queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.Serialize(delivery));
            }
        }
    }

    /// <summary>Two app instances, each with its own stage and in-process limiter over the harness's store, take deliveries off the queue until all are delivered (or two minutes pass).</summary>
    private static async Task<int> DeliverWithTwoInstancesAsync(DeliveryHarness h, int events, TimeSpan idlePause)
    {
        var options = Microsoft.Extensions.Options.Options.Create(h.Options);
        QueuedDeliveries Instance() => new(new DeliveryQueueHandler(
            h.NewStage(new DeliveryRateLimiter(options, h.Time), new SharedRateGate(h.Store, options, h.Time))),
            h.Queue);

        var delivered = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var instances = new[] { Instance(), Instance() }.Select(handler => Task.Run(async () =>
        {
            while (Volatile.Read(ref delivered) < events && !deadline.IsCancellationRequested)
            {
                var messages = await h.Queue.ReceiveAsync(QueueNames.TelegramDeliveries, 1, TimeSpan.FromMinutes(5));
                if (messages.Count == 0)
                {
                    await Task.Delay(idlePause);
                    continue;
                }
                if (await handler.HandleAsync(messages[0]) is DeliveryResult.Delivered)
                {
                    Interlocked.Increment(ref delivered);
                }
            }
        })).ToList();
        await Task.WhenAll(instances);
        return delivered;
    }
}
