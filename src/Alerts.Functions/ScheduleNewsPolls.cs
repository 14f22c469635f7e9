using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Timer for the news sources: schedule from the <c>NewsPollSchedule</c> app setting.</summary>
public sealed class ScheduleNewsPolls(SchedulePollsStage stage)
{
    [Function(nameof(ScheduleNewsPolls))]
    [QueueOutput(QueueNames.PollRequests, Connection = StorageConnection.Name)]
    public Task<string[]> Run([TimerTrigger("%NewsPollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => SchedulePolls.ForGroupAsync(stage, SchedulePolls.News, cancellationToken);
}
