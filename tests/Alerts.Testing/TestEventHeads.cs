using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Testing;

/// <summary>Event heads as the tracker stores them, for tests of what reads events (feeds, the feeds endpoint).</summary>
public static class TestEventHeads
{
    /// <summary>
    /// Revision 1 of a withdrawal of <paramref name="state"/> from a treaty, first seen a day before its last change.
    /// Without <paramref name="sources"/> its one source is an official order on the treaty dated
    /// <paramref name="lastChange"/>; the event's level is its best source's.
    /// </summary>
    public static EventHead Withdrawal(
        string id,
        string treatyId,
        string state,
        DateTimeOffset lastChange,
        string? treatyName = null,
        double confidence = 0.9,
        TreatyMilestone milestone = TreatyMilestone.Proposed,
        IReadOnlyList<SourceRef>? sources = null)
    {
        var treaty = new TreatyRef(treatyId, treatyName ?? treatyId);
        sources ??= [new SourceRef("gov", "https://example.gov/" + id, "Order on " + treaty.Name, lastChange, SourceLevel.Official)];
        return new EventHead
        {
            EventId = id,
            Treaty = treaty,
            Action = TreatyAction.Withdrawal,
            States = [state],
            Milestone = milestone,
            Level = sources.Max(s => s.Authority),
            Confidence = confidence,
            Revision = 1,
            Title = "Withdrawal from " + treaty.Name,
            Summary = "The government proposed to withdraw.",
            Sources = sources.Select(s => new EventSource(s, 1, milestone)).ToList(),
            FirstSeen = lastChange.AddDays(-1),
            LastChange = lastChange,
            StepDate = DateOnly.FromDateTime(lastChange.UtcDateTime),
        };
    }
}
