using Alerts.Core.Messages;
using Alerts.Core.Queues;

namespace Alerts.Core.Sources;

/// <summary><see cref="QueueNames.PollRequests"/> → <see cref="PollSourceStage"/> → <see cref="QueueNames.TreatyChanges"/>.</summary>
public sealed class PollRequestHandler(PollSourceStage stage) : QueueHandler<PollRequest, PollOutcome>
{
    public override string Queue => QueueNames.PollRequests;

    public override string? OutputQueue => QueueNames.TreatyChanges;

    public override async Task<Handled<PollOutcome>> HandleAsync(PollRequest message, CancellationToken cancellationToken)
    {
        var outcome = await stage.RunAsync(message, cancellationToken);
        return new(outcome, new Settlement.Complete(outcome.Changes.Select(MessageJson.SerializeForQueue).ToList()));
    }
}
