using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// A subscriber's private chat as a delivery target: channel id <c>user:&lt;chat id&gt;</c> (a colon no configured channel
/// id may contain), so personal deliveries go through the same ledger, claims, limits and templates as channels.
/// The definition is built from the subscriber's profile when the delivery runs: their language, the built-in
/// template, edits and replies like a channel, and only events no channel would hold for review.
/// </summary>
public sealed class PersonalChannels(SubscriptionStore subscriptions, IOptions<SubscriptionOptions> options)
{
    public const string Prefix = "user:";

    public static string ChannelId(long chatId) => Prefix + chatId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string channelId, out long chatId)
    {
        chatId = 0;
        return channelId.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(channelId.AsSpan(Prefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out chatId);
    }

    /// <summary>The filters every personal delivery passes besides the user's own: a known state and treaty, confidence 0.5.</summary>
    public static ChannelDefinition Definition(long chatId, string language) => new()
    {
        Id = ChannelId(chatId),
        ChatId = chatId.ToString(CultureInfo.InvariantCulture),
        Language = language == "ru" ? "ru" : "en",
        Review = ReviewQueue.Uncertain,
        Updates = UpdateMode.Both,
        DisableLinkPreview = true,
    };

    /// <summary>The delivery target of a personal channel id, or null when the user stopped or never started.</summary>
    public async Task<ChannelDefinition?> FindAsync(string channelId, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled || !TryParse(channelId, out var chatId))
        {
            return null;
        }
        var profile = await subscriptions.GetProfileAsync(chatId, cancellationToken);
        return profile is null || profile.Stopped ? null : Definition(chatId, profile.Language);
    }

    /// <summary>
    /// One delivery per subscriber with a matching filter, after the channels'. An event a channel would hold for
    /// review (unknown treaty, actor not a state, confidence under 0.5) is not sent to anyone personally: no operator
    /// reviews per user.
    /// </summary>
    public async Task<IReadOnlyList<Delivery>> RouteAsync(TreatyChange change, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return [];
        }
        var template = Definition(0, "en");
        if (!ChannelRouter.Matches(change, template) || ReviewQueue.ReasonToHold(change, template) is not null)
        {
            return [];
        }
        var chats = await subscriptions.MatchingChatsAsync(change, cancellationToken);
        return chats.Select(chat => new Delivery(change.EventId, change.Revision, ChannelId(chat))).ToList();
    }
}
