using Alerts.Core.Messages;
using Alerts.Core.Queues;

namespace Alerts.Core.Routing;

/// <summary>
/// <see cref="QueueNames.ReviewDecisions"/> → <see cref="ReviewQueue.DecideAsync"/> → <see cref="QueueNames.TelegramDeliveries"/>:
/// the operator's approval queues the held event's latest revision for its channel, a rejection drops it. An id that is
/// not held can never succeed and goes to the poison queue, where <c>alerts replay</c> and the health report show it.
/// </summary>
public sealed class ReviewDecisionHandler(ReviewQueue reviews) : QueueHandler<ReviewDecision, Delivery?>
{
    public override string Queue => QueueNames.ReviewDecisions;

    public override string? OutputQueue => QueueNames.TelegramDeliveries;

    public override async Task<Handled<Delivery?>> HandleAsync(ReviewDecision message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Id))
        {
            return new(null, new Settlement.Poison("a review decision needs an \"id\" (<channel>:<event id>)"));
        }
        Delivery? delivery;
        try
        {
            delivery = await reviews.DecideAsync(message.Id, message.Approve, cancellationToken);
        }
        catch (KeyNotFoundException ex)
        {
            return new(null, new Settlement.Poison(ex.Message));
        }
        return new(delivery, delivery is null ? Settlement.Complete.Empty : new Settlement.Complete([MessageJson.SerializeForQueue(delivery)]));
    }
}
