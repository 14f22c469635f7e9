using System.Text.Json.Serialization;
using Alerts.Core.Messages;

namespace Alerts.Core.Events;

/// <summary>The current state of one treaty event: the latest revision plus every source that reported it.</summary>
public sealed record EventHead
{
    public int V { get; set; } = 1;
    public required string EventId { get; init; }
    public required TreatyRef Treaty { get; init; }
    public required TreatyAction Action { get; init; }
    public required IReadOnlyList<string> States { get; init; }
    [JsonPropertyName("stage")]
    public required TreatyMilestone Milestone { get; init; }
    /// <summary>The latest procedure step (see <see cref="ProcedureSteps"/>), when the items name one.</summary>
    public string? Step { get; init; }
    public required SourceLevel Level { get; init; }
    public required double Confidence { get; init; }
    public required int Revision { get; init; }
    public required string Title { get; init; }
    public string Summary { get; set; } = "";
    public IReadOnlyList<string> Evidence { get; set; } = [];
    public required IReadOnlyList<EventSource> Sources { get; init; }
    [JsonPropertyName("stageHistory")]
    public IReadOnlyList<MilestoneStep> MilestoneHistory { get; set; } = [];
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastChange { get; init; }
    /// <summary>When the newest item of this event was published (or seen): the idle window counts from here.</summary>
    public DateTimeOffset? LastActivity { get; init; }
    /// <summary>1 for the first event of a (treaty, action, states) key, 2 for <c>...-2</c>, and so on.</summary>
    public int Sequence { get; set; } = 1;
    /// <summary>Set when this event went idle and a later detection started the next one.</summary>
    public string? SucceededBy { get; init; }
    public DateOnly? EffectiveDate { get; init; }
    /// <summary><c>stated</c> (a source says the date) or <c>notice_period</c> (computed from the catalogue).</summary>
    public string? EffectiveDateBasis { get; init; }
    /// <summary>The revision made by the scheduled follow-up on the effective date, once made.</summary>
    public int? FollowUpRevision { get; init; }
    public string? Correction { get; init; }
    /// <summary>Per language (<c>en</c>, <c>ru</c>): the summary of a source in that language at the event's stage, for the post's context line.</summary>
    public IReadOnlyDictionary<string, EventContext>? Contexts { get; init; }
    /// <summary>The date of the current step: the act's own date when an official item gives it, else the earliest report of the step.</summary>
    public DateOnly? StepDate { get; init; }
}

/// <summary>A context sentence in one language, the stage its source reported and the source's level.</summary>
public sealed record EventContext(string Text, [property: JsonPropertyName("stage")] TreatyMilestone Milestone, SourceLevel Level);

/// <summary>
/// A source of an event, with the revision it first appeared in, what it said (stage, step, stated
/// effective date) and when it was applied.
/// </summary>
public sealed record EventSource(
    SourceRef Source,
    int Revision,
    [property: JsonPropertyName("stage")] TreatyMilestone Milestone,
    string? Step = null,
    DateOnly? StatedEffectiveDate = null,
    DateTimeOffset? AppliedAt = null,
    DateOnly? ActDate = null);
