using Alerts.Core.Posting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Posting;

public class DeliveryRateLimiterTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private DeliveryRateLimiter Limiter(Action<DeliveryOptions>? configure = null)
    {
        var options = new DeliveryOptions();
        configure?.Invoke(options);
        return new DeliveryRateLimiter(Options.Create(options), _time);
    }

    [Fact]
    public void Personal_deliveries_leave_the_channels_their_reserved_share_of_the_global_rate()
    {
        var limiter = Limiter(o => { o.GlobalPerSecond = 30; o.ChannelReservedPerSecond = 5; });

        // A thousand subscribers' deliveries, each to its own chat: only 25 go in this second.
        var now = Enumerable.Range(1, 1000).Count(i => limiter.Reserve("u" + i, "user:" + i, TimeSpan.Zero).Granted);
        Assert.Equal(25, now);

        // The channel posts at once, in the same second; five channels fill the reserve, then the global limit holds.
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(TimeSpan.Zero, limiter.Reserve("-100" + i, "main" + i, Long).Wait));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve("-1006", "main6", Long).Wait);
        // Channels may use the whole rate when no one else does.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(30, Enumerable.Range(1, 40).Count(i => limiter.Reserve("-200" + i, "ch" + i, TimeSpan.Zero).Granted));
    }

    [Fact]
    public void One_chat_gets_one_slot_per_second()
    {
        var limiter = Limiter();

        var waits = Enumerable.Range(0, 4).Select(_ => limiter.Reserve("c", "c", Long).Wait.TotalSeconds).ToList();

        Assert.Equal([0, 1, 2, 3], waits);
    }

    [Fact]
    public void A_channel_gets_twenty_per_minute_then_waits_for_the_window_to_slide()
    {
        var limiter = Limiter(o => o.PerChatPerSecond = 100);

        var waits = Enumerable.Range(0, 21).Select(_ => limiter.Reserve("c", "c", Long).Wait).ToList();

        Assert.All(waits.Take(20), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromMinutes(1), waits[20]);
    }

    [Fact]
    public void The_global_limit_spreads_many_chats_over_seconds_and_a_busy_chat_does_not_delay_others()
    {
        var limiter = Limiter();

        var first = Enumerable.Range(0, 30).Select(i => limiter.Reserve("c" + i, "c" + i, Long).Wait).ToList();
        var thirtyFirst = limiter.Reserve("c30", "c30", Long).Wait;
        // c0 already has its slot at 0; its next is at 1 s — but a new chat also fits at 1 s.
        var again = limiter.Reserve("c0", "c0", Long).Wait;

        Assert.All(first, w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1), thirtyFirst);
        Assert.Equal(TimeSpan.FromSeconds(1), again);
    }

    [Fact]
    public void A_wait_beyond_the_maximum_reserves_nothing()
    {
        var limiter = Limiter();
        limiter.Reserve("c", "c", Long);

        var refused = limiter.Reserve("c", "c", TimeSpan.FromMilliseconds(500));
        var granted = limiter.Reserve("c", "c", TimeSpan.FromSeconds(1));

        Assert.Equal((false, TimeSpan.FromSeconds(1)), (refused.Granted, refused.Wait));
        Assert.Equal((true, TimeSpan.FromSeconds(1)), (granted.Granted, granted.Wait));
    }

    [Fact]
    public void A_settled_slot_counts_from_when_the_call_returned()
    {
        var limiter = Limiter();
        var slot = limiter.Reserve("c", "c", Long);
        _time.Advance(TimeSpan.FromMilliseconds(300)); // the call took 300 ms

        limiter.Settle("c", "c", slot);

        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve("c", "c", Long).Wait);
    }

    [Fact]
    public void Slots_free_up_as_time_passes()
    {
        var limiter = Limiter();
        limiter.Reserve("c", "c", Long);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.Zero, limiter.Reserve("c", "c", Long).Wait);
    }

    [Fact]
    public void A_long_run_never_exceeds_any_limit_in_any_window()
    {
        var limiter = Limiter();
        var sends = new List<(string Chat, DateTimeOffset At)>();
        var start = _time.GetUtcNow();
        for (var i = 0; i < 600; i++)
        {
            var chat = "c" + (i % 20);
            var wait = limiter.Reserve(chat, chat, Long).Wait;
            sends.Add((chat, _time.GetUtcNow() + wait));
            if (i % 7 == 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        foreach (var (chat, at) in sends)
        {
            Assert.True(sends.Count(s => s.Chat == chat && s.At >= at && s.At < at + TimeSpan.FromSeconds(1)) <= 1);
            Assert.True(sends.Count(s => s.Chat == chat && s.At >= at && s.At < at + TimeSpan.FromMinutes(1)) <= 20);
            Assert.True(sends.Count(s => s.At >= at && s.At < at + TimeSpan.FromSeconds(1)) <= 30);
        }
        // 30 sends per channel: 20 at one per second, the other 10 once the first minute has slid by (t = 60..69 s).
        // The clock advanced 8.6 s meanwhile; nothing should wait longer than the limits require.
        var span = sends.Max(s => s.At) - start;
        Assert.InRange(span, TimeSpan.FromSeconds(69), TimeSpan.FromSeconds(79));
    }

    [Fact]
    public void A_429_pauses_its_whole_chat_but_not_the_others()
    {
        var limiter = Limiter();

        limiter.PauseChat("a", TimeSpan.FromSeconds(55));

        Assert.Equal(TimeSpan.FromSeconds(55), limiter.Reserve("a", "a", Long).Wait);
        Assert.Equal(TimeSpan.Zero, limiter.Reserve("b", "b", Long).Wait);
        Assert.False(limiter.Reserve("a", "a", TimeSpan.FromSeconds(3)).Granted);
    }

    [Fact]
    public void A_429_on_a_second_chat_while_the_first_waits_pauses_every_chat()
    {
        var limiter = Limiter();

        limiter.PauseChat("a", TimeSpan.FromSeconds(10));
        limiter.PauseChat("b", TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(20), limiter.Reserve("c", "c", Long).Wait);
        Assert.Equal(TimeSpan.FromSeconds(20), limiter.PausedFor("a"));
    }

    [Fact]
    public void Unreachable_pauses_every_chat_and_asks_for_one_probe_at_a_time()
    {
        var limiter = Limiter();

        Assert.Equal(1, limiter.ReportUnreachable());
        limiter.PauseAll(TimeSpan.FromSeconds(5));

        Assert.True(limiter.ProbeNeeded);
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.PausedFor("any"));
        Assert.True(limiter.TryBeginProbe());
        Assert.False(limiter.TryBeginProbe());
        limiter.EndProbe();
        limiter.ReportReachable();
        Assert.False(limiter.ProbeNeeded);
    }
}
