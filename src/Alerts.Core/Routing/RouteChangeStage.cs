using Alerts.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Routing;

/// <summary>
/// Stage 3: fan a revision (saved by the tracker; the delivery stage reads it back) out, one Delivery per
/// channel whose filters it passes. An event the channel reviews first (<see cref="ChannelDefinition.Review"/>)
/// is held in the <see cref="ReviewQueue"/> until an operator approves it; a rejected one never goes out.
/// </summary>
public sealed class RouteChangeStage(ChannelDirectory channels, ReviewQueue reviews, ILogger<RouteChangeStage> logger, Subscriptions.PersonalChannels? subscribers = null)
{
    public async Task<IReadOnlyList<Delivery>> RunAsync(TreatyChange change, CancellationToken cancellationToken = default)
    {
        if (BackfillDigest.IsDigest(change))
        {
            // Old news: only channels that take digests, and only when one of the old events is theirs.
            var digests = channels.All.Where(c => c.Enabled && BackfillDigest.EntriesFor(change, c).Count > 0)
                .Select(c => new Delivery(change.EventId, change.Revision, c.Id)).ToList();
            logger.LogInformation("Backfill digest {EventId}: {Channels} channels", change.EventId, digests.Count);
            return digests;
        }
        var deliveries = new List<Delivery>();
        foreach (var channel in channels.All.Where(c => ChannelRouter.MatchesFilters(change, c)))
        {
            var reason = ReviewQueue.ReasonToHold(change, channel);
            if (reason is null && !ChannelRouter.Matches(change, channel))
            {
                continue; // under the confidence minimum of a channel that reviews nothing
            }
            var decided = reason is null ? null : await reviews.GetAsync(channel.Id, change.EventId, cancellationToken);
            if (decided?.Status == ReviewEntry.Rejected)
            {
                continue;
            }
            if (reason is not null && decided?.Status != ReviewEntry.Approved)
            {
                await reviews.HoldAsync(change, channel, reason, cancellationToken);
                logger.LogInformation("Event {EventId} revision {Revision} held for review in channel {ChannelId}: {Reason}", change.EventId, change.Revision, channel.Id, reason);
                continue;
            }
            deliveries.Add(new Delivery(change.EventId, change.Revision, channel.Id));
        }
        var channelCount = deliveries.Count;
        if (subscribers is not null)
        {
            // Channels first: their deliveries are queued ahead of the subscribers'.
            deliveries.AddRange(await subscribers.RouteAsync(change, cancellationToken));
        }
        logger.LogInformation("Event {EventId} revision {Revision}: {Channels} channels, {Subscribers} subscribers", change.EventId, change.Revision, channelCount, deliveries.Count - channelCount);
        return deliveries;
    }
}
