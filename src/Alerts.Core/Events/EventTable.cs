using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Events;

/// <summary>
/// The one owner of the layout of <see cref="StateTables.Events"/>: partition = event id, row
/// <c>head</c> = the event's current state (<see cref="EventHead"/>), rows <c>r000001</c>... = each
/// announced revision as the <see cref="TreatyChange"/> the later stages read back; partition
/// <see cref="FollowUpPartition"/> = one hint row per scheduled follow-up (row key = event id).
/// Every head and revision row is written here, the hint a head schedules with it.
/// </summary>
public sealed class EventTable(IStateStore store)
{
    public const string HeadRow = "head";

    /// <summary>Partition of the events table holding one hint row per scheduled follow-up (row key = event id).</summary>
    public const string FollowUpPartition = "followups";

    /// <summary>A revision lists at most this many sources; the head keeps up to <see cref="MaxSourcesStored"/>.</summary>
    private const int MaxSourcesKept = 50;

    /// <summary>A head document stays far below the table adapters' entity limit; reprints beyond this add nothing.</summary>
    public const int MaxSourcesStored = 200;

    public static string RevisionRow(int revision) => "r" + revision.ToString("D6", CultureInfo.InvariantCulture);

    public async Task<StoredHead?> GetHeadAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Events, eventId, HeadRow, cancellationToken);
        return doc is null ? null : new StoredHead(MessageJson.Deserialize<EventHead>(doc.Json), doc.ETag);
    }

    /// <summary>Every event head, in the table's order.</summary>
    public async Task<IReadOnlyList<EventHead>> ListHeadsAsync(CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAllAsync(StateTables.Events, cancellationToken);
        return docs.Where(d => d.RowKey == HeadRow).Select(d => MessageJson.Deserialize<EventHead>(d.Json)).ToList();
    }

    /// <summary>Writes the head of a new event.</summary>
    /// <exception cref="ConcurrencyConflictException">another writer created the event first.</exception>
    public async Task InsertHeadAsync(EventHead head, CancellationToken cancellationToken = default)
    {
        await ScheduleFollowUpAsync(null, head, cancellationToken);
        await store.InsertAsync(StateTables.Events, head.EventId, HeadRow, MessageJson.Serialize(head), cancellationToken);
    }

    /// <summary>Replaces a head read as <paramref name="current"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">the head changed since it was read.</exception>
    public async Task ReplaceHeadAsync(StoredHead current, EventHead next, CancellationToken cancellationToken = default)
    {
        await ScheduleFollowUpAsync(current.Head, next, cancellationToken);
        await store.ReplaceAsync(StateTables.Events, next.EventId, HeadRow, MessageJson.Serialize(next), current.ETag, cancellationToken);
    }

    /// <summary>
    /// Saves the head's current revision and returns it. Saving the same revision again keeps the first
    /// (an item or a follow-up announced again); revisions are immutable.
    /// </summary>
    public async Task<TreatyChange> SaveRevisionAsync(EventHead head, CancellationToken cancellationToken = default)
    {
        var change = RevisionOf(head);
        await SaveRevisionAsync(change, cancellationToken);
        return change;
    }

    /// <summary>Saves a revision; saving the same revision twice keeps the first.</summary>
    public async Task SaveRevisionAsync(TreatyChange change, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.InsertAsync(StateTables.Events, change.EventId, RevisionRow(change.Revision), MessageJson.Serialize(change), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Already saved when the same item or follow-up was announced before.
        }
    }

    public async Task<TreatyChange?> GetRevisionAsync(string eventId, int revision, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Events, eventId, RevisionRow(revision), cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<TreatyChange>(doc.Json);
    }

    /// <summary>Every scheduled follow-up, due or not.</summary>
    public async Task<IReadOnlyList<FollowUpHint>> ListFollowUpsAsync(CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAsync(StateTables.Events, FollowUpPartition, cancellationToken);
        return docs.Select(d => MessageJson.Deserialize<FollowUpHint>(d.Json)).ToList();
    }

    public Task DeleteFollowUpAsync(string eventId, CancellationToken cancellationToken = default)
        => store.DeleteAsync(StateTables.Events, FollowUpPartition, eventId, cancellationToken);

    /// <summary>The revision a head announces: what subscribers and the later stages see of it.</summary>
    public static TreatyChange RevisionOf(EventHead head) => new()
    {
        EventId = head.EventId,
        Revision = head.Revision,
        Treaty = head.Treaty,
        Action = head.Action,
        States = head.States,
        Milestone = head.Milestone,
        Step = head.Step,
        Confidence = head.Confidence,
        Level = head.Level,
        Title = head.Title,
        Summary = head.Summary,
        Sources = head.Sources.Select(s => s.Source with { Reports = s.Milestone }).Take(MaxSourcesKept).ToList(),
        Evidence = head.Evidence,
        MilestoneHistory = head.MilestoneHistory,
        EffectiveDate = head.EffectiveDate,
        Correction = head.Correction,
        DetectedAt = head.LastChange,
        StepDate = head.StepDate,
        Contexts = head.Contexts?.Where(c => c.Value.Milestone == head.Milestone).ToDictionary(c => c.Key, c => c.Value.Text),
    };

    // The hint is written before the head: a crash in between leaves a hint the follow-up run
    // checks against the head (the truth) and drops, never a scheduled date without a hint.
    private async Task ScheduleFollowUpAsync(EventHead? before, EventHead after, CancellationToken cancellationToken)
    {
        if (after.EffectiveDate is { } due && after.Milestone < TreatyMilestone.Effective && after.FollowUpRevision is null && before?.EffectiveDate != due)
        {
            await store.UpsertAsync(StateTables.Events, FollowUpPartition, after.EventId, MessageJson.Serialize(new FollowUpHint(after.EventId, due)), cancellationToken);
        }
    }
}

/// <summary>An event head as read, with the tag a replace must match.</summary>
public sealed record StoredHead(EventHead Head, string ETag);

/// <summary>Row of <see cref="EventTable.FollowUpPartition"/>: a follow-up to make on <paramref name="Due"/>.</summary>
public sealed record FollowUpHint(string EventId, DateOnly Due);
