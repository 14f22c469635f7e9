using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

/// <summary>Delivery limits and retry policy (configuration section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Telegram: no more than one message per second in a chat.</summary>
    [Range(1, 100)]
    public int PerChatPerSecond { get; set; } = 1;

    /// <summary>Telegram: no more than 20 messages per minute in a group or channel.</summary>
    [Range(1, 1000)]
    public int PerChannelPerMinute { get; set; } = 20;

    /// <summary>Telegram: about 30 messages per second across all chats of one bot.</summary>
    [Range(1, 1000)]
    public int GlobalPerSecond { get; set; } = 30;

    /// <summary>
    /// Channels first: of <see cref="GlobalPerSecond"/>, this many sends per second personal deliveries (chat ids
    /// <c>user:&lt;id&gt;</c>) never take, so a large subscriber fan-out cannot starve a channel post. Personal deliveries
    /// share <see cref="PersonalPerSecond"/> (at least 1).
    /// </summary>
    [Range(0, 999)]
    public int ChannelReservedPerSecond { get; set; } = 5;

    /// <summary>The global rate personal deliveries may use: <see cref="GlobalPerSecond"/> less <see cref="ChannelReservedPerSecond"/>, at least 1.</summary>
    public int PersonalPerSecond => Math.Max(1, GlobalPerSecond - ChannelReservedPerSecond);

    /// <summary>
    /// Added to every window of the limits shared by the app's instances (<see cref="SharedRateGate"/>): a slot is
    /// claimed before the request leaves, and requests of different instances reach Telegram after different
    /// delays, so the shared pace keeps this much room.
    /// </summary>
    public TimeSpan SharedRateMargin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits (rate limit or <c>retry_after</c>) up to this long are spent in process; longer ones end the
    /// attempt and the host re-enqueues the delivery with that visibility delay.
    /// </summary>
    public TimeSpan MaxInProcessWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After this many failed attempts (5xx, connection refused) a delivery is poisoned; waits for limits do not count.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>First backoff after a 5xx or a connection failure; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The backoff for failed attempts and for pausing every chat while Telegram is unreachable.</summary>
    public Operations.BackoffPolicy Backoff => new(BaseBackoff, MaxBackoff);

    /// <summary>
    /// A later revision waits this long (from when it was first seen) for an earlier revision routed to the same
    /// channel to be posted, so it can edit or reply to that post; after that it goes ahead alone.
    /// </summary>
    public TimeSpan RevisionOrderWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What to do when a send may or may not have been posted (see docs/DELIVERY.md).</summary>
    public UnknownOutcomePolicy UnknownOutcome { get; set; } = UnknownOutcomePolicy.Hold;

    /// <summary>With <see cref="UnknownOutcomePolicy.Resend"/>: how long to wait before the single resend.</summary>
    public TimeSpan UnknownResendDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a claim on delivering one event to one channel lasts; renewed before every request. A claim of a
    /// crashed worker blocks the event in that channel this long. Keep it above the Telegram timeout.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Policy for a send whose outcome is unknown (the request left, no answer came).</summary>
public enum UnknownOutcomePolicy
{
    /// <summary>At most once: never resend; the ledger keeps the delivery as unknown and the operator is told.</summary>
    Hold,
    /// <summary>At least once: resend once after <see cref="DeliveryOptions.UnknownResendDelay"/>; a duplicate is possible.</summary>
    Resend,
}

/// <summary>The data-annotation checks of <see cref="DeliveryOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;
