using Alerts.Core.Messages;
using Alerts.Core.Queues;

namespace Alerts.Core.Posting;

/// <summary>
/// <see cref="QueueNames.TelegramDeliveries"/> → <see cref="DeliverStage"/>. A wait Telegram asks for becomes
/// <c>delivery with { Attempt = n + 1 }</c> on the queue with that visibility delay (so waiting never burns the
/// dequeue count); a delivery the stage says can never go out is poisoned; a dropped one is completed.
/// </summary>
public sealed class DeliveryQueueHandler(DeliverStage stage) : QueueHandler<Delivery, DeliveryResult>
{
    public override string Queue => QueueNames.TelegramDeliveries;

    public override async Task<Handled<DeliveryResult>> HandleAsync(Delivery message, CancellationToken cancellationToken)
    {
        var result = await stage.RunAsync(message, cancellationToken);
        Settlement settlement = result switch
        {
            DeliveryResult.Retry retry => new Settlement.RetryLater(MessageJson.SerializeForQueue(NextAttempt(message)), retry.After, retry.Reason),
            DeliveryResult.Dropped { Poison: true } dropped => new Settlement.Poison(dropped.Reason),
            _ => Settlement.Complete.Empty,
        };
        return new(result, settlement);
    }

    /// <summary>The message to re-enqueue for a retry.</summary>
    public static Delivery NextAttempt(Delivery delivery) => delivery with { Attempt = delivery.Attempt + 1 };
}
