using Alerts.Core.Messages;
using Alerts.Core.Queues;

namespace Alerts.Core.Routing;

/// <summary><see cref="QueueNames.TreatyChanges"/> → <see cref="RouteChangeStage"/> → <see cref="QueueNames.TelegramDeliveries"/>.</summary>
public sealed class TreatyChangeHandler(RouteChangeStage stage) : QueueHandler<TreatyChange, IReadOnlyList<Delivery>>
{
    public override string Queue => QueueNames.TreatyChanges;

    public override string? OutputQueue => QueueNames.TelegramDeliveries;

    public override async Task<Handled<IReadOnlyList<Delivery>>> HandleAsync(TreatyChange message, CancellationToken cancellationToken)
    {
        var deliveries = await stage.RunAsync(message, cancellationToken);
        return new(deliveries, new Settlement.Complete(deliveries.Select(MessageJson.SerializeForQueue).ToList()));
    }
}
