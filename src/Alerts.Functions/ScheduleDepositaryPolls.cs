using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Timer for the depositary sources: schedule from the <c>DepositaryPollSchedule</c> app setting.</summary>
public sealed class ScheduleDepositaryPolls(SchedulePollsStage stage)
{
    [Function(nameof(ScheduleDepositaryPolls))]
    [QueueOutput(QueueNames.PollRequests, Connection = StorageConnection.Name)]
    public Task<string[]> Run([TimerTrigger("%DepositaryPollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => SchedulePolls.ForGroupAsync(stage, SchedulePolls.Depositaries, cancellationToken);
}
