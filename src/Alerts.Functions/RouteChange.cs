using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>treaty-changes → keep the revision, fan out by channel rules → telegram-deliveries.</summary>
public sealed class RouteChange(QueueTriggerRunner runner, TreatyChangeHandler handler)
{
    [Function(nameof(RouteChange))]
    [QueueOutput(QueueNames.TelegramDeliveries, Connection = StorageConnection.Name)]
    public Task<string[]> Run([QueueTrigger(QueueNames.TreatyChanges, Connection = StorageConnection.Name)] string message, FunctionContext context, CancellationToken cancellationToken)
        => runner.RunAsync(handler, message, context, cancellationToken);
}
