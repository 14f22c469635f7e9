using Alerts.Core.Events;
using Alerts.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Routing;

/// <summary>
/// Stage 3: keep the revision (the delivery stage reads it back) and fan it out, one Delivery per
/// channel whose filters it passes.
/// </summary>
public sealed class RouteChangeStage(EventStore events, ChannelDirectory channels, ILogger<RouteChangeStage> logger)
{
    public async Task<IReadOnlyList<Messages.Delivery>> RunAsync(TreatyChange change, CancellationToken cancellationToken = default)
    {
        await events.SaveRevisionAsync(change, cancellationToken);
        var deliveries = ChannelRouter.Deliveries(change, channels.All);
        logger.LogInformation("Event {EventId} revision {Revision}: {Channels} channels", change.EventId, change.Revision, deliveries.Count);
        return deliveries;
    }
}
