using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>review-decisions → approve or reject a held event → telegram-deliveries (the approved post).</summary>
public sealed class DecideReview(QueueTriggerRunner runner, ReviewDecisionHandler handler)
{
    [Function(nameof(DecideReview))]
    [QueueOutput(QueueNames.TelegramDeliveries, Connection = StorageConnection.Name)]
    public Task<string[]> Run([QueueTrigger(QueueNames.ReviewDecisions, Connection = StorageConnection.Name)] string message, FunctionContext context, CancellationToken cancellationToken)
        => runner.RunAsync(handler, message, context, cancellationToken);
}
