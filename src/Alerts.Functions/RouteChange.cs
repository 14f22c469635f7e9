using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>treaty-changes → keep the revision, fan out by channel rules → telegram-deliveries.</summary>
public sealed class RouteChange(RouteChangeStage stage, PoisonGuard guard)
{
    [Function(nameof(RouteChange))]
    [QueueOutput(QueueNames.TelegramDeliveries, Connection = StorageConnection.Name)]
    public async Task<string[]> Run([QueueTrigger(QueueNames.TreatyChanges, Connection = StorageConnection.Name)] string message, CancellationToken cancellationToken)
    {
        var change = await guard.ReadAsync<TreatyChange>(QueueNames.TreatyChanges, message, cancellationToken);
        if (change is null)
        {
            return [];
        }
        var deliveries = await stage.RunAsync(change, cancellationToken);
        return deliveries.Select(MessageJson.SerializeForQueue).ToArray();
    }
}
