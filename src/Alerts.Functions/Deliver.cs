using Alerts.Core.Delivery;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions;

/// <summary>
/// telegram-deliveries → post or edit in one channel. A wait Telegram asks for is carried by a new
/// message with a visibility delay (this one completes), so waiting never burns the dequeue count;
/// only real failures throw and go through the host's retries to the poison queue.
/// </summary>
public sealed class Deliver(DeliverStage stage, IMessageQueue queue, PoisonGuard guard, ILogger<Deliver> logger)
{
    [Function(nameof(Deliver))]
    public async Task Run([QueueTrigger(QueueNames.TelegramDeliveries, Connection = StorageConnection.Name)] string message, CancellationToken cancellationToken)
    {
        var delivery = await guard.ReadAsync<Delivery>(QueueNames.TelegramDeliveries, message, cancellationToken);
        if (delivery is null)
        {
            return;
        }
        var result = await stage.RunAsync(delivery, cancellationToken);
        switch (result)
        {
            case DeliveryResult.Retry retry:
                // Not cancelled by the host's shutdown: a delivery released on stop must be back on the queue.
                await queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.SerializeForQueue(DeliveryQueueHandler.NextAttempt(delivery)), retry.After, CancellationToken.None);
                logger.LogInformation("Delivery {EventId} r{Revision} to {ChannelId} retried in {After}: {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, retry.After, retry.Reason);
                break;
            case DeliveryResult.Dropped { Poison: true } dropped:
                await queue.EnqueueAsync(QueueNames.Poison(QueueNames.TelegramDeliveries), message, null, CancellationToken.None);
                logger.LogError("Delivery {EventId} r{Revision} to {ChannelId} poisoned: {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, dropped.Reason);
                break;
            case DeliveryResult.Dropped dropped:
                logger.LogWarning("Delivery {EventId} r{Revision} to {ChannelId} dropped: {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, dropped.Reason);
                break;
        }
    }
}
