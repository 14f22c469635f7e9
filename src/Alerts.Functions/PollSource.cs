using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>poll-requests → fetch, diff, detect, correlate → treaty-changes.</summary>
public sealed class PollSource(QueueTriggerRunner runner, PollRequestHandler handler)
{
    [Function(nameof(PollSource))]
    [QueueOutput(QueueNames.TreatyChanges, Connection = StorageConnection.Name)]
    public Task<string[]> Run([QueueTrigger(QueueNames.PollRequests, Connection = StorageConnection.Name)] string message, FunctionContext context, CancellationToken cancellationToken)
        => runner.RunAsync(handler, message, context, cancellationToken);
}
