using Alerts.Core.Events;
using Alerts.Core.Routing;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Publishing;

/// <summary>
/// The events anyone may read in a feed. An event goes out when no channel with the default review policy
/// (<c>uncertain</c>, confidence 0.5, media or better) would hold or filter it — a known treaty, known states,
/// confidence at least 0.5, the rule personal deliveries follow — and no operator rejected it; an event that would be held goes out only once an
/// operator approved it for some channel (it was published there). Only <see cref="EventHead"/> facts are read:
/// chat ids, channels, subscribers and the review queue's notes never reach a feed.
/// The list is kept for <see cref="FeedOptions.CacheSeconds"/> so a burst of feed requests reads the store once.
/// </summary>
public sealed class PublicEvents(EventQueries events, ReviewQueue reviews, TimeProvider time, IOptions<FeedOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyList<EventHead> Events, DateTimeOffset ReadAt)? _cached;

    /// <summary>Whether an event is public, given the operator's decisions on it (<see cref="ReviewEntry.Status"/> per channel).</summary>
    public static bool IsPublic(EventHead head, IReadOnlyCollection<string> decisions)
    {
        if (decisions.Contains(ReviewEntry.Approved))
        {
            return true;
        }
        if (decisions.Contains(ReviewEntry.Rejected))
        {
            return false;
        }
        var policy = PersonalChannels.Definition(0, "en");
        var change = EventTable.RevisionOf(head);
        return ChannelRouter.Matches(change, policy) && ReviewQueue.ReasonToHold(change, policy) is null;
    }

    /// <summary>The public events, newest change first (<see cref="EventFeedWriter.Order"/>).</summary>
    public async Task<IReadOnlyList<EventHead>> ListAsync(CancellationToken cancellationToken = default)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        if (_cached is { } fresh && time.GetUtcNow() - fresh.ReadAt < maxAge)
        {
            return fresh.Events;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() - again.ReadAt < maxAge)
            {
                return again.Events;
            }
            var readAt = time.GetUtcNow();
            var heads = await events.ListAsync(cancellationToken);
            var decisions = (await reviews.ListAsync(pendingOnly: false, cancellationToken))
                .ToLookup(r => r.EventId, r => r.Status, StringComparer.Ordinal);
            var list = EventFeedWriter.Order(heads.Where(h => IsPublic(h, decisions[h.EventId].ToList())));
            _cached = (list, readAt);
            return list;
        }
        finally
        {
            _gate.Release();
        }
    }
}
