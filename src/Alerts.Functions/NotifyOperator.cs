using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>operator-notices → the operator chat (a source went stale, a channel was disabled).</summary>
public sealed class NotifyOperator(QueueTriggerRunner runner, OperatorNoticeHandler handler)
{
    [Function(nameof(NotifyOperator))]
    public Task Run([QueueTrigger(QueueNames.OperatorNotices, Connection = StorageConnection.Name)] string message, FunctionContext context, CancellationToken cancellationToken)
        => runner.RunAsync(handler, message, context, cancellationToken);
}
