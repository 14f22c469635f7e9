using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>operator-notices → the operator chat (a source went stale, a channel was disabled).</summary>
public sealed class NotifyOperator(NotifyOperatorStage stage, PoisonGuard guard)
{
    [Function(nameof(NotifyOperator))]
    public async Task Run([QueueTrigger(QueueNames.OperatorNotices, Connection = StorageConnection.Name)] string message, CancellationToken cancellationToken)
    {
        var notice = await guard.ReadAsync<OperatorNotice>(QueueNames.OperatorNotices, message, cancellationToken);
        if (notice is not null)
        {
            await stage.RunAsync(notice, cancellationToken);
        }
    }
}
