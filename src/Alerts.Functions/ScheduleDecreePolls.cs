using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Timer for the decree sources: schedule from the <c>DecreePollSchedule</c> app setting.</summary>
public sealed class ScheduleDecreePolls(SchedulePollsStage stage)
{
    [Function(nameof(ScheduleDecreePolls))]
    [QueueOutput(QueueNames.PollRequests, Connection = StorageConnection.Name)]
    public Task<string[]> Run([TimerTrigger("%DecreePollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => SchedulePolls.ForGroupAsync(stage, SchedulePolls.Decrees, cancellationToken);
}
