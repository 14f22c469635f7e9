using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

/// <summary>
/// Telegram's limits across every instance of the app: the in-process <see cref="DeliveryRateLimiter"/>
/// paces one process, this gate makes several processes (Functions instances scaled out) share one
/// budget. Each limit is a document in <see cref="StateTables.Channels"/> holding the send times of its
/// window, claimed with optimistic concurrency: a send may go only when the chat's, the channel's and
/// the app's windows all have room. A claim that later turns out unused only makes the pace slower.
/// <para>
/// A 429 <c>retry_after</c> pause is kept here too (<see cref="PauseAsync"/>, a row per chat and one for the whole
/// bot, holding the until-time), so every instance respects a pause that Telegram gave only one of them.
/// </para>
/// </summary>
public sealed class SharedRateGate(IStateStore store, IOptions<DeliveryOptions> options, TimeProvider time)
{
    public const string Partition = "~limits";
    private const int MaxConflicts = 16;

    /// <summary>
    /// Claims a slot in every window. Returns <see cref="TimeSpan.Zero"/> when the send may go now;
    /// otherwise the wait before trying again (when it exceeds <paramref name="maxWait"/>, the caller
    /// re-enqueues instead of waiting).
    /// </summary>
    public async Task<TimeSpan> ClaimAsync(string chatId, string channelId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var pending = new List<(string Row, int Limit, TimeSpan Window)>
        {
            ("chat|" + chatId, o.PerChatPerSecond, TimeSpan.FromSeconds(1) + o.SharedRateMargin),
            ("channel|" + channelId, o.PerChannelPerMinute, TimeSpan.FromMinutes(1) + o.SharedRateMargin),
        };
        if (Subscriptions.PersonalChannels.TryParse(channelId, out _))
        {
            // Channels first: personal deliveries of every instance together stay under their share of the global rate
            // (claimed before the global window, so a refused personal send does not use up a global slot).
            pending.Add(("personal", o.PersonalPerSecond, TimeSpan.FromSeconds(1) + o.SharedRateMargin));
        }
        pending.Add(("global", o.GlobalPerSecond, TimeSpan.FromSeconds(1) + o.SharedRateMargin));
        var deadline = time.GetUtcNow() + maxWait;
        while (true)
        {
            var paused = await PausedForAsync(chatId, cancellationToken);
            if (paused > TimeSpan.Zero)
            {
                if (time.GetUtcNow() + paused > deadline)
                {
                    return paused;
                }
                await Task.Delay(paused, time, cancellationToken);
                continue;
            }
            var wait = TimeSpan.Zero;
            foreach (var limit in pending.ToList())
            {
                var needed = await TryClaimAsync(limit.Row, limit.Limit, limit.Window, cancellationToken);
                if (needed == TimeSpan.Zero)
                {
                    pending.Remove(limit);
                }
                else
                {
                    // Stop at the first full window: the later ones keep their slots for sends that can go.
                    wait = needed;
                    break;
                }
            }
            if (pending.Count == 0)
            {
                return TimeSpan.Zero;
            }
            if (time.GetUtcNow() + wait > deadline)
            {
                return wait;
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// Telegram answered 429 <c>retry_after</c>: no instance sends to <paramref name="chatId"/> (or, with
    /// <paramref name="wholeBot"/>, to any chat) before <paramref name="until"/>. A later until-time never shortens.
    /// </summary>
    public async Task PauseAsync(string chatId, DateTimeOffset until, bool wholeBot, CancellationToken cancellationToken = default)
    {
        await ExtendPauseAsync(PauseRow(chatId), until, cancellationToken);
        if (wholeBot)
        {
            await ExtendPauseAsync(GlobalPauseRow, until, cancellationToken);
        }
    }

    /// <summary>How long sends to <paramref name="chatId"/> are paused from now by any instance (zero when they are not).</summary>
    public async Task<TimeSpan> PausedForAsync(string chatId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var until = DateTimeOffset.MinValue;
        foreach (var row in new[] { PauseRow(chatId), GlobalPauseRow })
        {
            var doc = await store.GetAsync(StateTables.Channels, Partition, row, cancellationToken);
            if (doc is not null && DateTimeOffset.FromUnixTimeMilliseconds(MessageJson.Deserialize<PauseUntil>(doc.Json).UntilMs) is var at && at > until)
            {
                until = at;
            }
        }
        return until > now ? until - now : TimeSpan.Zero;
    }

    private const string GlobalPauseRow = "pause|global";

    private static string PauseRow(string chatId) => "pause|chat|" + chatId;

    private async Task ExtendPauseAsync(string row, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var json = MessageJson.Serialize(new PauseUntil(until.ToUnixTimeMilliseconds()));
        for (var attempt = 0; ; attempt++)
        {
            var doc = await store.GetAsync(StateTables.Channels, Partition, row, cancellationToken);
            if (doc is not null && MessageJson.Deserialize<PauseUntil>(doc.Json).UntilMs >= until.ToUnixTimeMilliseconds())
            {
                return; // already paused at least as long
            }
            try
            {
                await store.WriteOverAsync(StateTables.Channels, Partition, row, doc, json, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflicts)
            {
                // Another instance paused it at the same time: read it again and keep the later until-time.
            }
        }
    }

    internal sealed record PauseUntil(long UntilMs);

    private async Task<TimeSpan> TryClaimAsync(string row, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            var doc = await store.GetAsync(StateTables.Channels, Partition, row, cancellationToken);
            var slots = doc is null ? [] : MessageJson.Deserialize<RateWindow>(doc.Json).Slots
                .Where(ms => DateTimeOffset.FromUnixTimeMilliseconds(ms) + window > now)
                .Order()
                .ToList();
            if (slots.Count >= limit)
            {
                // Room again when the oldest send that fills the window leaves it.
                var frees = DateTimeOffset.FromUnixTimeMilliseconds(slots[slots.Count - limit]) + window - now;
                return frees > TimeSpan.Zero ? frees : TimeSpan.FromMilliseconds(1);
            }
            slots.Add(now.ToUnixTimeMilliseconds());
            var json = MessageJson.Serialize(new RateWindow(slots));
            try
            {
                await store.WriteOverAsync(StateTables.Channels, Partition, row, doc, json, cancellationToken);
                return TimeSpan.Zero;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflicts)
            {
                // Another instance claimed a slot of this window first: read it again.
            }
        }
    }

    internal sealed record RateWindow(List<long> Slots)
    {
        public override string ToString() => string.Join(",", Slots.Select(s => s.ToString(CultureInfo.InvariantCulture)));
    }
}
