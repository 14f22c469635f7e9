using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

/// <summary>
/// The delivery stage: posts (or updates) one revision of an event in one channel, once as far as Telegram lets
/// anyone know. It holds the event-channel claim (<see cref="DeliveryClaims"/>) for the whole attempt, so the
/// revisions of one event in one channel go one after the other; it waits for earlier revisions routed to the same
/// channel; the ledger moves through <see cref="LedgerTransitions"/>. The requests themselves, within the limits,
/// are <see cref="DeliverySends"/>'. Every outcome becomes a <see cref="DeliveryResult"/> the host acts on.
/// See docs/DELIVERY.md for the policies and docs/RELIABILITY.md for what is promised under faults.
/// </summary>
public sealed class DeliverStage(
    EventTable events,
    DeliveryLedger ledger,
    DeliveryClaims claims,
    ChannelStateStore channelStates,
    ChannelDirectory channels,
    AlertFormatter formatter,
    DeliverySends sends,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliverStage> logger)
{
    private DeliveryOptions Options => options.Value;

    /// <summary>
    /// Delivers one revision to one channel. When <paramref name="cancellationToken"/> fires (the host is stopping),
    /// no new request starts, a request already written is answered or times out, and the result is a
    /// <see cref="DeliveryResult.Retry"/> with no delay: the host puts the delivery back for the next run.
    /// </summary>
    public async Task<DeliveryResult> RunAsync(Delivery delivery, CancellationToken cancellationToken = default)
    {
        DeliveryResult result;
        try
        {
            result = await DeliverAsync(delivery, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = new DeliveryResult.Retry(TimeSpan.Zero, "the host is stopping; released for the next run");
        }
        Log(delivery, result);
        Operations.AlertsMetrics.RecordDelivery(delivery.ChannelId, result);
        return result;
    }

    private void Log(Delivery delivery, DeliveryResult result)
    {
        switch (result)
        {
            case DeliveryResult.Delivered d:
                logger.LogInformation("Delivered event {EventId} revision {Revision} to channel {ChannelId}: messages {MessageIds}", delivery.EventId, delivery.Revision, delivery.ChannelId, d.MessageIds);
                break;
            case DeliveryResult.Retry r:
                logger.LogInformation("Delivery of event {EventId} revision {Revision} to channel {ChannelId} retries in {RetryAfter} (attempt {Attempt}): {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, r.After, delivery.Attempt, r.Reason);
                break;
            case DeliveryResult.Held h:
                logger.LogWarning("{Signal}: delivery of event {EventId} revision {Revision} to channel {ChannelId} held: {Reason}", "DeliveryHeld", delivery.EventId, delivery.Revision, delivery.ChannelId, h.Reason);
                break;
            case DeliveryResult.Dropped x:
                logger.LogWarning("Delivery of event {EventId} revision {Revision} to channel {ChannelId} dropped (poison {Poison}): {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, x.Poison, x.Reason);
                break;
        }
    }

    private async Task<DeliveryResult> DeliverAsync(Delivery delivery, CancellationToken ct)
    {
        var channel = await channels.FindAsync(delivery.ChannelId, ct);
        if (channel is null)
        {
            return new DeliveryResult.Dropped($"channel '{delivery.ChannelId}' is not configured");
        }
        var change = await events.GetRevisionAsync(delivery.EventId, delivery.Revision, ct);
        if (change is null)
        {
            return new DeliveryResult.Dropped($"event {delivery.EventId} has no revision {delivery.Revision}", Poison: true);
        }
        var (claim, wait) = await claims.TryAcquireAsync(channel.Id, change.EventId, Options.ClaimTimeout, ct);
        if (claim is null)
        {
            return new DeliveryResult.Retry(wait, "another delivery of this event to this channel is in progress");
        }
        try
        {
            return await DeliverClaimedAsync(delivery, channel, change, claim, ct);
        }
        finally
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
        }
    }

    private async Task<DeliveryResult> DeliverClaimedAsync(Delivery delivery, ChannelDefinition channel, TreatyChange change, DeliveryClaim claim, CancellationToken ct)
    {
        var entries = (await ledger.ListAsync(change.EventId, ct)).Where(r => r.ChannelId == channel.Id).ToList();
        var state = await channelStates.GetAsync(channel.Id, ct);
        var record = entries.FirstOrDefault(r => r.Revision == change.Revision);
        if (state.Disabled)
        {
            var reason = $"channel '{channel.Id}' is disabled: {state.DisabledReason}";
            if (record is null)
            {
                await ledger.CreateAsync(change.EventId, change.Revision, channel.Id, LedgerTrigger.Drop, new LedgerEntry { ChatId = channel.ChatId, Note = reason }, ct);
            }
            else if (LedgerTransitions.Allows(record.Entry.State, LedgerTrigger.Drop))
            {
                await ledger.MoveAsync(record, LedgerTrigger.Drop, e => e with { Note = reason }, ct);
            }
            return new DeliveryResult.Dropped(reason);
        }
        record ??= await ledger.CreateAsync(change.EventId, change.Revision, channel.Id, LedgerTrigger.Queue, new LedgerEntry { ChatId = channel.ChatId, Attempt = delivery.Attempt }, ct);
        var post = await channelStates.GetPostAsync(channel.Id, change.EventId, ct);

        var settled = await SettleEarlierAsync(record, post, ct);
        if (settled.Result is not null)
        {
            return settled.Result;
        }
        record = settled.Record;

        if (post is not null && post.Revision > change.Revision)
        {
            await ledger.MoveAsync(record, LedgerTrigger.Supersede, e => e with { Note = $"revision {post.Revision} shown already" }, ct);
            return new DeliveryResult.Skipped($"revision {change.Revision} is older than revision {post.Revision} already shown");
        }
        if (await EarlierRevisionPendingAsync(channel, change, record, entries, ct) is { } waitFor)
        {
            return waitFor;
        }

        var run = new DeliveryRun(delivery, channel, change, record, state.MigratedChatId ?? channel.ChatId, claim);
        return post is null || post.Revision == change.Revision
            ? await PostAsync(run, ct)
            : await UpdateAsync(run, post, ct);
    }

    /// <summary>
    /// What an entry left by an earlier attempt means now that this one holds the claim. A <c>sending</c> entry is a
    /// request whose holder died while it was being written or answered: unknown, unless the post record shows it
    /// went out (or it was an edit, which may be repeated).
    /// </summary>
    private async Task<(LedgerRecord Record, DeliveryResult? Result)> SettleEarlierAsync(LedgerRecord record, EventPost? post, CancellationToken ct)
    {
        var entry = record.Entry;
        switch (entry.State)
        {
            case LedgerState.Sent:
                return (record, new DeliveryResult.AlreadyDelivered());
            case LedgerState.Superseded:
                return (record, new DeliveryResult.Skipped(entry.Note ?? "superseded"));
            case LedgerState.Dropped:
                return (record, new DeliveryResult.Dropped(entry.Note ?? "dropped before"));
            case LedgerState.Sending when post is not null && post.Revision >= record.Revision:
                await ledger.MoveAsync(record, LedgerTrigger.Reconcile, e => e with { Note = "completed after restart: the post record shows it" }, ct);
                return (record, new DeliveryResult.AlreadyDelivered());
            case LedgerState.Sending when entry.InFlightEdit:
                return (await ledger.MoveAsync(record, LedgerTrigger.NotSent, e => e with { Note = "edit interrupted; repeating it is harmless" }, ct), null);
            case LedgerState.Sending:
                record = await ledger.MoveAsync(record, LedgerTrigger.Lost, e => e with { Note = "the worker stopped while a request was in flight" }, ct);
                return (record, UnknownVerdict(record));
            case LedgerState.Unknown:
                return (record, UnknownVerdict(record));
            default:
                return (record, null);
        }
    }

    /// <summary>Held (the default), or, under <see cref="UnknownOutcomePolicy.Resend"/>, null once: go on and send again.</summary>
    private DeliveryResult? UnknownVerdict(LedgerRecord record) =>
        Options.UnknownOutcome == UnknownOutcomePolicy.Resend && record.Entry.UnknownResends < 1
            ? null
            : new DeliveryResult.Held(Options.UnknownOutcome == UnknownOutcomePolicy.Hold
                ? "an earlier request may have been posted; held to avoid a duplicate (UnknownOutcome=Hold)"
                : "an earlier request may have been posted and was already resent once");

    /// <summary>
    /// A later revision waits while an earlier revision of the event, routed to this channel, has not gone out yet,
    /// so it edits or replies to that post instead of racing it; at most <see cref="DeliveryOptions.RevisionOrderWait"/>.
    /// </summary>
    private async Task<DeliveryResult?> EarlierRevisionPendingAsync(ChannelDefinition channel, TreatyChange change, LedgerRecord record, IReadOnlyList<LedgerRecord> entries, CancellationToken ct)
    {
        var waited = time.GetUtcNow() - record.Entry.CreatedAt;
        if (waited >= Options.RevisionOrderWait)
        {
            return null;
        }
        for (var revision = 1; revision < change.Revision; revision++)
        {
            var earlier = entries.FirstOrDefault(r => r.Revision == revision);
            var pending = earlier is not null
                ? earlier.Entry.State is LedgerState.Pending or LedgerState.Sending
                : await events.GetRevisionAsync(change.EventId, revision, ct) is { } earlierChange && ChannelRouter.Matches(earlierChange, channel);
            if (pending)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(5, (Options.RevisionOrderWait - waited).TotalSeconds));
                return new DeliveryResult.Retry(wait, $"waiting for revision {revision} to be posted first");
            }
        }
        return null;
    }

    /// <summary>First post of the event in this channel, part by part, resuming after the parts already sent.</summary>
    private async Task<DeliveryResult> PostAsync(DeliveryRun run, CancellationToken ct)
    {
        var alert = formatter.Format(run.Change, run.Channel);
        for (var i = run.Record.Entry.MessageIds.Count; i < alert.Parts.Count; i++)
        {
            var (_, stop) = await sends.SendAsync(run, alert.Parts[i], replyTo: null, editId: null, (e, id) => e with { MessageIds = [.. e.MessageIds, id] }, ct);
            if (stop is not null)
            {
                return stop;
            }
        }
        var ids = run.Record.Entry.MessageIds;
        await channelStates.SavePostAsync(run.Channel.Id, run.Change.EventId, new EventPost(run.ChatId, ids, run.Change.Revision, run.Change.Milestone, time.GetUtcNow()), CancellationToken.None);
        await ledger.MoveAsync(run.Record, LedgerTrigger.Complete, cancellationToken: CancellationToken.None);
        return new DeliveryResult.Delivered(ids);
    }

    /// <summary>A later revision: edit the earlier post and/or reply to it when the procedural step advanced (channel setting <c>Updates</c>).</summary>
    private async Task<DeliveryResult> UpdateAsync(DeliveryRun run, EventPost post, CancellationToken ct)
    {
        var mode = run.Channel.Updates;
        var postIds = post.MessageIds.ToList();

        if (mode is UpdateMode.Edit or UpdateMode.Both && !run.Record.Entry.Edited)
        {
            var alert = formatter.Format(run.Change, run.Channel);
            for (var i = run.Record.Entry.EditedIds.Count; i < alert.Parts.Count; i++)
            {
                // Parts past the earlier post's length follow as new messages replying to its first part.
                var editId = i < postIds.Count ? postIds[i] : (long?)null;
                var (outcome, stop) = editId is { } id
                    ? await sends.SendAsync(run, alert.Parts[i], replyTo: null, id, (e, _) => e with { EditedIds = [.. e.EditedIds, id] }, ct, post.ChatId)
                    : await sends.SendAsync(run, alert.Parts[i], replyTo: postIds[0], editId: null, (e, newId) => e with { EditedIds = [.. e.EditedIds, newId] }, ct);
                if (stop is not null)
                {
                    return stop;
                }
                if (outcome!.Status != SendStatus.Sent)
                {
                    logger.LogWarning("Could not edit message {MessageId} in channel {ChannelId}: {Error}", editId, run.Channel.Id, outcome.Error);
                }
            }
            postIds = [.. postIds, .. run.Record.Entry.EditedIds.Where(id => !postIds.Contains(id))];
            run.Record = await ledger.MoveAsync(run.Record, LedgerTrigger.Progress, e => e with { Edited = true }, CancellationToken.None);
        }

        if (mode is UpdateMode.Reply or UpdateMode.Both && run.Change.Milestone > post.Milestone)
        {
            var update = formatter.FormatUpdate(run.Change, post.Milestone, run.Channel);
            for (var i = run.Record.Entry.MessageIds.Count; i < update.Parts.Count; i++)
            {
                var (_, stop) = await sends.SendAsync(run, update.Parts[i], replyTo: postIds[0], editId: null, (e, id) => e with { MessageIds = [.. e.MessageIds, id] }, ct);
                if (stop is not null)
                {
                    return stop;
                }
            }
        }

        var stage = run.Change.Milestone > post.Milestone ? run.Change.Milestone : post.Milestone;
        await channelStates.SavePostAsync(run.Channel.Id, run.Change.EventId, post with { MessageIds = postIds, Revision = run.Change.Revision, Milestone = stage }, CancellationToken.None);
        await ledger.MoveAsync(run.Record, LedgerTrigger.Complete, cancellationToken: CancellationToken.None);
        return new DeliveryResult.Delivered([.. run.Record.Entry.EditedIds, .. run.Record.Entry.MessageIds]);
    }
}

/// <summary>One attempt at one delivery, as it goes: the ledger record and the chat (which a migration changes).</summary>
public sealed class DeliveryRun(Delivery delivery, ChannelDefinition channel, TreatyChange change, LedgerRecord record, string chatId, DeliveryClaim claim)
{
    public Delivery Delivery { get; } = delivery;
    public ChannelDefinition Channel { get; } = channel;
    public TreatyChange Change { get; } = change;
    public LedgerRecord Record { get; set; } = record;
    public string ChatId { get; set; } = chatId;
    public DeliveryClaim Claim { get; } = claim;
}
