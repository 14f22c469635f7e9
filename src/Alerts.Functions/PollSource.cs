using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>poll-requests → fetch, diff, detect, correlate → treaty-changes.</summary>
public sealed class PollSource(PollSourceStage stage, PoisonGuard guard)
{
    [Function(nameof(PollSource))]
    [QueueOutput(QueueNames.TreatyChanges, Connection = StorageConnection.Name)]
    public async Task<string[]> Run([QueueTrigger(QueueNames.PollRequests, Connection = StorageConnection.Name)] string message, CancellationToken cancellationToken)
    {
        var request = await guard.ReadAsync<PollRequest>(QueueNames.PollRequests, message, cancellationToken);
        if (request is null)
        {
            return [];
        }
        var outcome = await stage.RunAsync(request, cancellationToken);
        return outcome.Changes.Select(MessageJson.SerializeForQueue).ToArray();
    }
}
