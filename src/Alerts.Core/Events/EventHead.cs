using Alerts.Core.Messages;

namespace Alerts.Core.Events;

/// <summary>The current state of one treaty event: the latest revision plus every source that reported it.</summary>
public sealed record EventHead
{
    public int V { get; init; } = 1;
    public required string EventId { get; init; }
    public required TreatyRef Treaty { get; init; }
    public required TreatyAction Action { get; init; }
    public required IReadOnlyList<string> States { get; init; }
    public required TreatyStage Stage { get; init; }
    public required SourceLevel Level { get; init; }
    public required double Confidence { get; init; }
    public required int Revision { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public required IReadOnlyList<EventSource> Sources { get; init; }
    public IReadOnlyList<StageStep> StageHistory { get; init; } = [];
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastChange { get; init; }
}

/// <summary>A source of an event, with the revision it first appeared in.</summary>
public sealed record EventSource(SourceRef Source, int Revision, TreatyStage Stage);
