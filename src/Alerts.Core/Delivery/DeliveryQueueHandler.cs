using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Delivery;

/// <summary>
/// Runs <see cref="DeliverStage"/> for a message received from <see cref="QueueNames.TelegramDeliveries"/>
/// and settles it: completed when done or dropped, re-enqueued as <c>delivery with { Attempt = n + 1 }</c> with a
/// visibility delay for a retry (so waiting never burns the dequeue count), poisoned when it cannot be read or
/// has run out of attempts. For hosts that own the receive loop (the local runner); the Functions host does the
/// same with a QueueTrigger and a queue output.
/// </summary>
public sealed class DeliveryQueueHandler(DeliverStage stage, IMessageQueue queue, ILogger<DeliveryQueueHandler> logger)
{
    public async Task<DeliveryResult> HandleAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        Messages.Delivery delivery;
        try
        {
            delivery = MessageJson.Deserialize<Messages.Delivery>(message.Body);
        }
        catch (InvalidMessageException ex)
        {
            logger.LogError("Unreadable delivery message {MessageId} poisoned: {Problem}", message.Id, ex.Message);
            await queue.PoisonAsync(message, cancellationToken);
            return new DeliveryResult.Dropped(ex.Message, Poison: true);
        }

        var result = await stage.RunAsync(delivery, cancellationToken);
        // Settling is not cancelled by a stopping host: a delivery the stage released must be back on the queue.
        switch (result)
        {
            case DeliveryResult.Retry retry:
                // The follow-up goes in before this one is completed: a crash in between leaves a duplicate message, which the ledger absorbs.
                await queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.SerializeForQueue(NextAttempt(delivery)), retry.After, CancellationToken.None);
                await queue.CompleteAsync(message, CancellationToken.None);
                break;
            case DeliveryResult.Dropped { Poison: true }:
                await queue.PoisonAsync(message, CancellationToken.None);
                break;
            default:
                await queue.CompleteAsync(message, CancellationToken.None);
                break;
        }
        return result;
    }

    /// <summary>The message to re-enqueue for a retry.</summary>
    public static Messages.Delivery NextAttempt(Messages.Delivery delivery) => delivery with { Attempt = delivery.Attempt + 1 };
}
