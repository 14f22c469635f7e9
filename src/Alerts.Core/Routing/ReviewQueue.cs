using System.Globalization;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Ports;

namespace Alerts.Core.Routing;

/// <summary>An event held back from one channel until an operator approves or rejects it.</summary>
public sealed record ReviewEntry(
    string ChannelId,
    string EventId,
    int Revision,
    string Reason,
    string Status,
    DateTimeOffset HeldAt,
    string Title,
    string Treaty)
{
    public int V { get; set; } = 1;

    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>The id operators type: <c>&lt;channel&gt;:&lt;event id&gt;</c>.</summary>
    public string Id => ChannelId + ":" + EventId;
}

/// <summary>
/// Per channel (<see cref="ChannelDefinition.Review"/>): events the channel should not get unseen — an
/// unknown treaty, an actor that is not a state, a confidence under the channel's minimum, or every
/// event with <c>all</c> — are held here instead of being delivered. Rows live in the <c>channels</c>
/// table, partition <c>review</c>, row <c>&lt;channel&gt;|&lt;event&gt;</c>; the latest revision is kept.
/// An approved event goes on to the channel, later revisions too; a rejected one never does.
/// The operator hears of each newly held event through <see cref="OperatorNotices"/> (the operator chat) and decides
/// with <c>alerts review approve|reject</c> or a <see cref="ReviewDecision"/> on <see cref="QueueNames.ReviewDecisions"/>.
/// </summary>
public sealed class ReviewQueue(IStateStore store, TimeProvider time, OperatorNotices? notices = null)
{
    public const string Partition = "review";
    public const string None = "none";
    public const string Uncertain = "uncertain";
    public const string All = "all";

    /// <summary>Why this change must wait for an operator in this channel, or null when it may go out.</summary>
    public static string? ReasonToHold(TreatyChange change, ChannelDefinition channel)
    {
        if (string.Equals(channel.Review, None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (string.Equals(channel.Review, All, StringComparison.OrdinalIgnoreCase))
        {
            return "the channel reviews every event";
        }
        if (change.Treaty.Id == TreatyRef.UnknownId)
        {
            return "unknown treaty";
        }
        if (change.States.Count == 0 || change.States.Any(s => !StateNames.IsKnown(s)))
        {
            return "the actor is not a known state";
        }
        if (change.Confidence < channel.MinimumConfidence)
        {
            return string.Create(CultureInfo.InvariantCulture, $"confidence {change.Confidence:0.00} under {channel.MinimumConfidence:0.00}");
        }
        return null;
    }

    public async Task<ReviewEntry?> GetAsync(string channelId, string eventId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Channels, Partition, RowKey(channelId, eventId), cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<ReviewEntry>(doc.Json);
    }

    /// <summary>Holds (or keeps holding) the event at this revision; a decision already made is kept.</summary>
    public async Task<ReviewEntry> HoldAsync(TreatyChange change, ChannelDefinition channel, string reason, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(channel.Id, change.EventId, cancellationToken);
        var entry = new ReviewEntry(channel.Id, change.EventId, Math.Max(change.Revision, current?.Revision ?? 0), reason,
            current?.Status ?? ReviewEntry.Pending, current?.HeldAt ?? time.GetUtcNow(), change.Title, change.Treaty.Name);
        await store.UpsertAsync(StateTables.Channels, Partition, RowKey(channel.Id, change.EventId), MessageJson.Serialize(entry), cancellationToken);
        if (current is null && notices is not null)
        {
            await notices.PublishAsync(new OperatorNotice(OperatorNotices.ReviewHeld, entry.Id, NoticeText(entry), entry.HeldAt), cancellationToken);
        }
        return entry;
    }

    /// <summary>Held events, oldest first; with <paramref name="pendingOnly"/> only those still waiting.</summary>
    public async Task<IReadOnlyList<ReviewEntry>> ListAsync(bool pendingOnly = true, CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAsync(StateTables.Channels, Partition, cancellationToken);
        return docs.Select(d => MessageJson.Deserialize<ReviewEntry>(d.Json))
            .Where(e => !pendingOnly || e.Status == ReviewEntry.Pending)
            .OrderBy(e => e.HeldAt)
            .ToList();
    }

    /// <summary>
    /// Approves or rejects a held event. Approval returns the delivery of its latest revision to enqueue;
    /// null for a rejection. Throws <see cref="KeyNotFoundException"/> for an id that is not held.
    /// </summary>
    public async Task<Delivery?> DecideAsync(string id, bool approve, CancellationToken cancellationToken = default)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var entry = colon > 0 ? await GetAsync(id[..colon], id[(colon + 1)..], cancellationToken) : null;
        if (entry is null)
        {
            throw new KeyNotFoundException($"'{id}' is not a held event (ids are <channel>:<event id>, see 'alerts review')");
        }
        var decided = entry with { Status = approve ? ReviewEntry.Approved : ReviewEntry.Rejected };
        await store.UpsertAsync(StateTables.Channels, Partition, RowKey(entry.ChannelId, entry.EventId), MessageJson.Serialize(decided), cancellationToken);
        return approve ? new Delivery(entry.EventId, entry.Revision, entry.ChannelId) : null;
    }

    /// <summary>What the operator chat reads: why it waits, what it is, and the two ways to decide.</summary>
    public static string NoticeText(ReviewEntry entry)
        => $"held for channel {entry.ChannelId} ({entry.Reason}): {AlertFormatter.Shorten(entry.Title, 300)} [{entry.Treaty}]. "
            + $"Approve: put {{\"id\":\"{entry.Id}\",\"approve\":true}} on the {QueueNames.ReviewDecisions} queue, or run 'alerts review approve {entry.Id}'; "
            + "reject the same way (\"approve\":false, 'alerts review reject').";

    private static string RowKey(string channelId, string eventId) => channelId + "|" + eventId;
}
