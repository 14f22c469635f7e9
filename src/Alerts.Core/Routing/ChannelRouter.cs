using Alerts.Core.Messages;

namespace Alerts.Core.Routing;

/// <summary>Which channels a change goes to: a pure function of the change and the channel filters.</summary>
public static class ChannelRouter
{
    /// <summary>
    /// The enabled channels whose filters all match: any of the change's states is listed (or none are),
    /// the treaty id is listed (or none are), the action is listed (or none are), the level is at least
    /// the channel's minimum and the confidence at least its minimum. Order of <paramref name="channels"/> is kept.
    /// </summary>
    public static IReadOnlyList<ChannelDefinition> Route(TreatyChange change, IEnumerable<ChannelDefinition> channels) =>
        channels.Where(channel => Matches(change, channel)).ToList();

    public static bool Matches(TreatyChange change, ChannelDefinition channel) =>
        MatchesFilters(change, channel) && change.Confidence >= channel.MinimumConfidence;

    /// <summary>Every filter but the confidence: an event under it may still be held for review.</summary>
    public static bool MatchesFilters(TreatyChange change, ChannelDefinition channel) =>
        channel.Enabled
        && (channel.States.Count == 0 || change.States.Any(s => channel.States.Contains(s, StringComparer.OrdinalIgnoreCase)))
        && (channel.Treaties.Count == 0 || channel.Treaties.Contains(change.Treaty.Id, StringComparer.OrdinalIgnoreCase))
        && (channel.Actions.Count == 0 || channel.Actions.Contains(change.Action))
        && change.Level >= channel.MinimumLevel;

    /// <summary>One <see cref="Delivery"/> per matching channel.</summary>
    public static IReadOnlyList<Delivery> Deliveries(TreatyChange change, IEnumerable<ChannelDefinition> channels) =>
        Route(change, channels).Select(c => new Delivery(change.EventId, change.Revision, c.Id)).ToList();
}
