using Alerts.Core.Events;
using Alerts.Core.Messages;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// Timer for scheduled follow-ups (a denunciation's effective date has come): schedule from the
/// <c>FollowUpSchedule</c> app setting (hourly is enough). Safe on several instances at once.
/// </summary>
public sealed class ScheduleFollowUps(EventFollowUps events, TimeProvider time)
{
    [Function(nameof(ScheduleFollowUps))]
    [QueueOutput(QueueNames.TreatyChanges, Connection = StorageConnection.Name)]
    public async Task<string[]> Run([TimerTrigger("%FollowUpSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var due = await events.DueFollowUpsAsync(time.GetUtcNow(), cancellationToken);
        return due.Select(MessageJson.SerializeForQueue).ToArray();
    }
}
