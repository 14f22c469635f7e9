using Alerts.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Sources;

/// <summary>Stage 1: on a group's timer, one PollRequest per enabled source of the group that is due.</summary>
public sealed class SchedulePollsStage(SourceCatalog catalog, SourceStateStore states, TimeProvider time, ILogger<SchedulePollsStage> logger)
{
    public async Task<IReadOnlyList<PollRequest>> RunAsync(string group, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var known = await states.GetAllAsync(cancellationToken);
        var requests = new List<PollRequest>();
        foreach (var source in catalog.InGroup(group))
        {
            known.TryGetValue(source.Id, out var state);
            if (IsDue(source, state, now))
            {
                requests.Add(new PollRequest(source.Id, source.Group, now));
            }
        }
        logger.LogInformation("Group {Group}: {Due} of {Total} sources due", group, requests.Count, catalog.InGroup(group).Count());
        return requests;
    }

    /// <summary>A source is due when it has never been polled or its next poll time has come (a little early is fine: timers jitter).</summary>
    public static bool IsDue(SourceDefinition source, SourceState? state, DateTimeOffset now)
    {
        if (state?.LastPolledAt is null)
        {
            return true;
        }
        var next = state.NextPollAfter ?? state.LastPolledAt.Value + source.Interval;
        var slack = TimeSpan.FromTicks(Math.Min(source.Interval.Ticks / 10, TimeSpan.FromSeconds(30).Ticks));
        return now + slack >= next;
    }
}
