using Alerts.Core.Messages;
using Alerts.Core.Sources;

namespace Alerts.Functions;

/// <summary>Shared body of the per-group timers (one per <see cref="SourceGroups"/> entry): the due sources of a group as PollRequest messages.</summary>
public static class SchedulePolls
{
    public const string Decrees = SourceGroups.Decrees;
    public const string Depositaries = SourceGroups.Depositaries;
    public const string News = SourceGroups.News;

    public static async Task<string[]> ForGroupAsync(SchedulePollsStage stage, string group, CancellationToken cancellationToken)
    {
        var requests = await stage.RunAsync(group, cancellationToken);
        return requests.Select(MessageJson.SerializeForQueue).ToArray();
    }
}
