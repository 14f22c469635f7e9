using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

/// <summary>
/// Telegram's flood limits in process: per chat per second, per channel per minute, and per bot per second.
/// A caller reserves a send slot before each call; the limiter answers how long to wait until that slot.
/// Sliding windows over reserved times (not fixed spacing), so a quiet channel may burst up to its limit and
/// one busy chat never delays the others. One instance per process (a singleton); several processes share
/// Telegram's limits, so give each a share of the global rate in configuration.
/// </summary>
public sealed class DeliveryRateLimiter(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _slots = [];

    /// <summary>
    /// Reserves the earliest slot allowed by all three limits. When it is within <paramref name="maxWait"/>,
    /// the slot is taken and the wait returned (<see cref="RateReservation.Granted"/>); otherwise nothing is
    /// reserved and the wait says when to come back.
    /// </summary>
    public RateReservation Reserve(string chatId, string channelId, TimeSpan maxWait)
    {
        var o = options.Value;
        var limits = new (string Key, int Limit, TimeSpan Window)[]
        {
            ("chat|" + chatId, o.PerChatPerSecond, TimeSpan.FromSeconds(1)),
            ("channel|" + channelId, o.PerChannelPerMinute, TimeSpan.FromMinutes(1)),
            ("global", o.GlobalPerSecond, TimeSpan.FromSeconds(1)),
        };
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var lists = limits.Select(l => (l.Limit, l.Window, Slots: Slots(l.Key, now, l.Window))).ToList();

            // Feasibility only changes when an old slot leaves a window, so the candidates are now and each slot + window.
            var candidates = lists.SelectMany(l => l.Slots.Select(s => s + l.Window)).Where(t => t > now).Append(now).Distinct().Order();
            var at = candidates.First(t => lists.All(l => Fits(l.Slots, l.Limit, l.Window, t)));
            var wait = at - now;
            if (wait > maxWait)
            {
                return new RateReservation(false, wait);
            }
            foreach (var l in lists)
            {
                var index = l.Slots.BinarySearch(at);
                l.Slots.Insert(index < 0 ? ~index : index, at);
            }
            return new RateReservation(true, wait);
        }
    }

    private List<DateTimeOffset> Slots(string key, DateTimeOffset now, TimeSpan window)
    {
        if (!_slots.TryGetValue(key, out var slots))
        {
            slots = [];
            _slots[key] = slots;
        }
        slots.RemoveAll(s => s + window <= now);
        return slots;
    }

    /// <summary>True when a send at <paramref name="at"/> keeps every window of length <paramref name="window"/> at or under the limit.</summary>
    private static bool Fits(List<DateTimeOffset> slots, int limit, TimeSpan window, DateTimeOffset at)
    {
        // Any window holding `at` can slide right until it starts at one of its slots (or at `at`), so checking those starts suffices.
        foreach (var start in slots.Where(s => s <= at && s + window > at).Append(at))
        {
            var count = 1 + slots.Count(s => s >= start && s < start + window);
            if (count > limit)
            {
                return false;
            }
        }
        return true;
    }
}

/// <param name="Granted">The slot is reserved: wait <paramref name="Wait"/>, then send.</param>
/// <param name="Wait">Time until the slot.</param>
public readonly record struct RateReservation(bool Granted, TimeSpan Wait);
