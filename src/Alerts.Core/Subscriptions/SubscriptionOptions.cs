using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>Personal subscriptions through the bot (configuration section <c>Subscriptions</c>).</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>Whether the bot answers private chats and delivers to subscribers at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many filters one user may follow.</summary>
    [Range(1, 100)]
    public int MaxFilters { get; set; } = 10;

    /// <summary>How many events <c>/latest</c> shows.</summary>
    [Range(1, 20)]
    public int LatestCount { get; set; } = 5;

    /// <summary>Longest command text read (longer input is refused before parsing).</summary>
    [Range(16, 4096)]
    public int MaxCommandLength { get; set; } = 256;

    /// <summary>
    /// How many days a handled update_id is remembered, so a redelivered update is not answered twice (Telegram keeps an
    /// unconfirmed update for 24 hours); older ones are pruned.
    /// </summary>
    [Range(1, 30)]
    public int UpdateRetentionDays { get; set; } = 2;
}

/// <summary>The data-annotation checks of <see cref="SubscriptionOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>;
