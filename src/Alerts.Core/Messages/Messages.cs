using System.Text.Json.Serialization;

namespace Alerts.Core.Messages;

/// <summary>
/// A message carried by one of the <see cref="QueueNames"/> queues. <see cref="V"/> is its format version: a host
/// reads versions up to <see cref="CurrentVersion"/> and poisons a newer one (see <c>Queues/MessageRunner</c>).
/// </summary>
public interface IQueueMessage
{
    /// <summary>The format version this app writes and understands.</summary>
    const int CurrentVersion = 1;

    int V { get; }
}

/// <summary>Asks the poll stage to fetch one source now. Put on <see cref="QueueNames.PollRequests"/> by the schedulers.</summary>
public sealed record PollRequest(string SourceId, string Group, DateTimeOffset ScheduledAt) : IQueueMessage
{
    public int V { get; set; } = IQueueMessage.CurrentVersion;
}

/// <summary>A treaty as named in the catalogue (or as written, with id <c>unknown</c>).</summary>
public sealed record TreatyRef(string Id, string Name)
{
    public const string UnknownId = "unknown";
}

/// <summary>
/// One item that reported the change; <paramref name="Reports"/> is the stage this item states for the event, when known;
/// <paramref name="Outlet"/> the name its source goes by (the configured <c>Name</c>, else the feed's own title), when known.
/// </summary>
public sealed record SourceRef(
    string SourceId,
    string Link,
    string Title,
    DateTimeOffset? Published,
    SourceLevel Authority,
    string? Language = null,
    TreatyMilestone? Reports = null,
    string? Outlet = null)
{
    /// <summary>When the item was published, or <paramref name="now"/> when it gives no date or a future one (a feed's mistake that must not keep an event open).</summary>
    public DateTimeOffset PublishedBy(DateTimeOffset now) => Published is { } published && published < now ? published : now;
}

/// <summary>
/// One revision of a treaty event: what subscribers should learn now. Put on
/// <see cref="QueueNames.TreatyChanges"/> by the poll stage.
/// </summary>
public sealed record TreatyChange : IQueueMessage
{
    public int V { get; set; } = IQueueMessage.CurrentVersion;
    public required string EventId { get; init; }
    public required int Revision { get; init; }
    public required TreatyRef Treaty { get; init; }
    public required TreatyAction Action { get; init; }
    public required IReadOnlyList<string> States { get; init; }
    [JsonPropertyName("stage")]
    public required TreatyMilestone Milestone { get; init; }
    public required double Confidence { get; init; }
    public required SourceLevel Level { get; init; }
    public required string Title { get; init; }
    public string Summary { get; set; } = "";
    public required IReadOnlyList<SourceRef> Sources { get; init; }
    public IReadOnlyList<string> Evidence { get; set; } = [];
    /// <summary>Stages reached so far, oldest first, with the date each was first seen.</summary>
    [JsonPropertyName("stageHistory")]
    public IReadOnlyList<MilestoneStep> MilestoneHistory { get; set; } = [];
    public required DateTimeOffset DetectedAt { get; init; }
    /// <summary>The procedure step within <see cref="Milestone"/> (e.g. <c>duma_adopted</c>, <c>law_signed</c>), when the items say it.</summary>
    public string? Step { get; init; }
    /// <summary>The day the action takes effect, stated in a source or computed from the treaty's notice period.</summary>
    public DateOnly? EffectiveDate { get; init; }
    /// <summary>Set when this revision corrects an earlier one: <c>stage</c> or <c>effective_date</c>.</summary>
    public string? Correction { get; init; }
    /// <summary>The date of the current step: the act's date when an official item gives it, else the earliest report's.</summary>
    public DateOnly? StepDate { get; init; }
    /// <summary>Per language (<c>en</c>, <c>ru</c>): a context sentence from a source in that language that states the current stage.</summary>
    public IReadOnlyDictionary<string, string>? Contexts { get; init; }
    /// <summary>
    /// Set on a backfill digest (<see cref="Routing.BackfillDigest"/>): the treaty steps that items older than the backfill
    /// window state, found on a source's first poll, newest first. The digest is posted once per channel.
    /// </summary>
    public IReadOnlyList<TreatyChange>? Digest { get; init; }
}

/// <summary>One step of an event's history; <paramref name="Step"/> is the finer procedure step (see docs/EVENTS.md).</summary>
public sealed record MilestoneStep([property: JsonPropertyName("stage")] TreatyMilestone Milestone, DateTimeOffset SeenAt, string? Link = null, string? Step = null);

/// <summary>Asks the delivery stage to post (or update) one revision of an event in one channel.</summary>
public sealed record Delivery(string EventId, int Revision, string ChannelId, int Attempt = 0) : IQueueMessage
{
    public int V { get; set; } = IQueueMessage.CurrentVersion;
}

/// <summary>Something the operator must know now: a source went stale, a channel was disabled.</summary>
public sealed record OperatorNotice(string Kind, string Subject, string Message, DateTimeOffset At) : IQueueMessage
{
    public int V { get; set; } = IQueueMessage.CurrentVersion;
}

/// <summary>
/// An operator's decision on an event held for review: <paramref name="Id"/> is <c>&lt;channel&gt;:&lt;event id&gt;</c> as the
/// operator notice and <c>alerts review</c> show it. Put on <see cref="QueueNames.ReviewDecisions"/> by the operator.
/// </summary>
public sealed record ReviewDecision(string Id, bool Approve) : IQueueMessage
{
    public int V { get; set; } = IQueueMessage.CurrentVersion;
}

/// <summary>
/// One Telegram update the bot answers, as the webhook queued it on <see cref="QueueNames.BotUpdates"/>: only what the
/// conversation reads (no names, no other fields of the update). <paramref name="Text"/> is the message text or the
/// pressed button's data; <paramref name="CallbackQueryId"/> is set for a button press (it is acknowledged).
/// </summary>
public sealed record BotUpdate(long UpdateId, long ChatId, string ChatType, string? LanguageCode, string Text, string? CallbackQueryId = null) : IQueueMessage
{
    public int V { get; set; } = IQueueMessage.CurrentVersion;
}
