using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// telegram-deliveries → post or edit in one channel. A wait Telegram asks for is carried by a new message with a
/// visibility delay (this one completes), so waiting never burns the dequeue count (<see cref="DeliveryQueueHandler"/>).
/// </summary>
public sealed class Deliver(QueueTriggerRunner runner, DeliveryQueueHandler handler)
{
    [Function(nameof(Deliver))]
    public Task Run([QueueTrigger(QueueNames.TelegramDeliveries, Connection = StorageConnection.Name)] string message, FunctionContext context, CancellationToken cancellationToken)
        => runner.RunAsync(handler, message, context, cancellationToken);
}
