using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _chatCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _pauses = new(StringComparer.Ordinal);
    private int _unreachable;
    private int _probing;

    /// <summary>
    /// Waits for a send slot (at most <paramref name="maxWait"/>) and holds the chat until the lease is disposed.
    /// One call per chat at a time: a request's arrival at Telegram is only known to be over when its answer is
    /// back, so the next slot of the chat is computed from then (see <see cref="Settle"/>). Dispose the lease
    /// after the call returns. A lease that is not <see cref="RateLease.Granted"/> says how long to come back after.
    /// </summary>
    public async Task<RateLease> AcquireAsync(string chatId, string channelId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var chat = _chatCalls.GetOrAdd(chatId, _ => new SemaphoreSlim(1, 1));
        var started = time.GetUtcNow();
        if (!await chat.WaitAsync(maxWait, cancellationToken))
        {
            // Other deliveries to this chat hold it for longer than we may wait: one second per send is the chat's pace.
            return new RateLease(this, null, chatId, channelId, new RateReservation(false, TimeSpan.FromSeconds(1), started));
        }
        try
        {
            var remaining = maxWait - (time.GetUtcNow() - started);
            var reservation = Reserve(chatId, channelId, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
            if (!reservation.Granted)
            {
                chat.Release();
                return new RateLease(this, null, chatId, channelId, reservation);
            }
            if (reservation.Wait > TimeSpan.Zero)
            {
                await Task.Delay(reservation.Wait, time, cancellationToken);
            }
            return new RateLease(this, chat, chatId, channelId, reservation);
        }
        catch
        {
            chat.Release();
            throw;
        }
    }

    /// <summary>
    /// Reserves the earliest slot allowed by all three limits. When it is within <paramref name="maxWait"/>,
    /// the slot is taken and the wait returned (<see cref="RateReservation.Granted"/>); otherwise nothing is
    /// reserved and the wait says when to come back.
    /// </summary>
    public RateReservation Reserve(string chatId, string channelId, TimeSpan maxWait)
    {
        var o = options.Value;
        var limits = new List<(string Key, int Limit, TimeSpan Window)>
        {
            (ChatKey(chatId), o.PerChatPerSecond, TimeSpan.FromSeconds(1)),
            ("channel|" + channelId, o.PerChannelPerMinute, TimeSpan.FromMinutes(1)),
            (GlobalKey, o.GlobalPerSecond, TimeSpan.FromSeconds(1)),
        };
        if (IsPersonal(channelId))
        {
            // Channels first: personal deliveries stay under their share, leaving ChannelReservedPerSecond to the channels.
            limits.Add((PersonalKey, o.PersonalPerSecond, TimeSpan.FromSeconds(1)));
        }
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var lists = limits.Select(l => (l.Limit, l.Window, Slots: Slots(l.Key, now, l.Window))).ToList();

            // Feasibility only changes when an old slot leaves a window, so the candidates are now and each slot + window.
            // A pause (429 retry_after, Telegram unreachable) moves the earliest slot for the chat or for everyone.
            var earliest = new[] { now, PausedUntil(ChatKey(chatId)), PausedUntil(GlobalKey) }.Max();
            var candidates = lists.SelectMany(l => l.Slots.Select(s => s + l.Window)).Where(t => t > earliest).Append(earliest).Distinct().Order();
            var at = candidates.First(t => lists.All(l => Fits(l.Slots, l.Limit, l.Window, t)));
            var wait = at - now;
            if (wait > maxWait)
            {
                return new RateReservation(false, wait, at);
            }
            foreach (var l in lists)
            {
                Insert(l.Slots, at);
            }
            return new RateReservation(true, wait, at);
        }
    }

    /// <summary>
    /// Moves a used slot from its reserved time to now, when the call has returned. Telegram counts a message
    /// when the request arrives, which is after the reserved time by the network latency; counting from the
    /// answer keeps the next window from opening before Telegram's does.
    /// </summary>
    public void Settle(string chatId, string channelId, RateReservation reservation)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now <= reservation.At)
            {
                return;
            }
            foreach (var key in new[] { ChatKey(chatId), "channel|" + channelId, GlobalKey, PersonalKey })
            {
                if (_slots.TryGetValue(key, out var slots))
                {
                    var index = slots.BinarySearch(reservation.At);
                    if (index >= 0)
                    {
                        slots.RemoveAt(index);
                        Insert(slots, now);
                    }
                }
            }
        }
    }

    private const string GlobalKey = "global";
    private const string PersonalKey = "personal";

    private static bool IsPersonal(string channelId) => Subscriptions.PersonalChannels.TryParse(channelId, out _);

    private static string ChatKey(string chatId) => "chat|" + chatId;

    private DateTimeOffset PausedUntil(string key) => _pauses.TryGetValue(key, out var until) ? until : DateTimeOffset.MinValue;

    /// <summary>
    /// Telegram answered 429 <c>retry_after</c> for a chat: no send to that chat before it has passed. When another chat
    /// is paused by a 429 at the same time, the limit hit is the bot's own: every chat waits.
    /// Returns the until-time and whether every chat waits, for <see cref="SharedRateGate.PauseAsync"/>.
    /// </summary>
    public (DateTimeOffset Until, bool WholeBot) PauseChat(string chatId, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var until = now + retryAfter;
            var otherChatPaused = _pauses.Any(p => p.Key != GlobalKey && p.Key != ChatKey(chatId) && p.Value > now);
            Extend(ChatKey(chatId), until);
            if (otherChatPaused)
            {
                Extend(GlobalKey, until);
            }
            return (until, otherChatPaused);
        }
    }

    /// <summary>No send to any chat for <paramref name="wait"/> (Telegram unreachable or not answering).</summary>
    public void PauseAll(TimeSpan wait)
    {
        lock (_gate)
        {
            Extend(GlobalKey, time.GetUtcNow() + wait);
        }
    }

    /// <summary>How long sends to <paramref name="chatId"/> are paused from now (zero when they are not).</summary>
    public TimeSpan PausedFor(string chatId)
    {
        lock (_gate)
        {
            var until = new[] { PausedUntil(ChatKey(chatId)), PausedUntil(GlobalKey) }.Max();
            var left = until - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    private void Extend(string key, DateTimeOffset until)
    {
        if (PausedUntil(key) < until)
        {
            _pauses[key] = until;
        }
    }

    /// <summary>
    /// Telegram could not be reached, or took a request and never answered. Returns how many times in a row that
    /// happened; until a probe succeeds (<see cref="TryBeginProbe"/>) no real send should go, so one hanging Telegram
    /// leaves at most one delivery with an unknown outcome instead of one per waiting message.
    /// </summary>
    public int ReportUnreachable() => Interlocked.Increment(ref _unreachable);

    /// <summary>A real answer came back: Telegram is reachable.</summary>
    public void ReportReachable() => Interlocked.Exchange(ref _unreachable, 0);

    /// <summary>True when the last call found Telegram unreachable and a probe should go before the next send.</summary>
    public bool ProbeNeeded => Volatile.Read(ref _unreachable) > 0;

    /// <summary>One prober at a time: true when this caller should probe, false when another one is probing.</summary>
    public bool TryBeginProbe() => Interlocked.CompareExchange(ref _probing, 1, 0) == 0;

    public void EndProbe() => Interlocked.Exchange(ref _probing, 0);

    private static void Insert(List<DateTimeOffset> slots, DateTimeOffset at)
    {
        var index = slots.BinarySearch(at);
        slots.Insert(index < 0 ? ~index : index, at);
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
/// <param name="At">The slot's time.</param>
public readonly record struct RateReservation(bool Granted, TimeSpan Wait, DateTimeOffset At);
