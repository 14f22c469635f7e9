using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

/// <summary>
/// The delivery stage: posts (or updates) one revision of an event in one channel, exactly once as far as
/// Telegram lets anyone know. The ledger is checked and claimed before any send and completed after; limits
/// are kept in process; every outcome becomes a <see cref="DeliveryResult"/> the host acts on.
/// See docs/DELIVERY.md for the policies.
/// </summary>
public sealed class DeliverStage(
    EventStore events,
    DeliveryLedger ledger,
    ChannelStateStore channelStates,
    ChannelDirectory channels,
    AlertFormatter formatter,
    IChannelSender sender,
    DeliveryRateLimiter limiter,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliverStage> logger,
    Operations.OperatorNotices? notices = null,
    SharedRateGate? sharedGate = null)
{
    private DeliveryOptions Options => options.Value;

    public async Task<DeliveryResult> RunAsync(Messages.Delivery delivery, CancellationToken cancellationToken = default)
    {
        var result = await DeliverAsync(delivery, cancellationToken);
        Operations.AlertsMetrics.RecordDelivery(delivery.ChannelId, result);
        return result;
    }

    private async Task<DeliveryResult> DeliverAsync(Messages.Delivery delivery, CancellationToken cancellationToken)
    {
        var result = await RunCoreAsync(delivery, cancellationToken);
        switch (result)
        {
            case DeliveryResult.Delivered d:
                logger.LogInformation("Delivered event {EventId} revision {Revision} to channel {ChannelId}: messages {MessageIds}", delivery.EventId, delivery.Revision, delivery.ChannelId, d.MessageIds);
                break;
            case DeliveryResult.Retry r:
                logger.LogInformation("Delivery of event {EventId} revision {Revision} to channel {ChannelId} retries in {RetryAfter} (attempt {Attempt}): {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, r.After, delivery.Attempt, r.Reason);
                break;
            case DeliveryResult.Dropped x:
                logger.LogWarning("Delivery of event {EventId} revision {Revision} to channel {ChannelId} dropped (poison {Poison}): {Reason}", delivery.EventId, delivery.Revision, delivery.ChannelId, x.Poison, x.Reason);
                break;
        }
        return result;
    }

    private async Task<DeliveryResult> RunCoreAsync(Messages.Delivery delivery, CancellationToken ct)
    {
        var channel = channels.Find(delivery.ChannelId);
        if (channel is null)
        {
            return new DeliveryResult.Dropped($"channel '{delivery.ChannelId}' is not configured");
        }
        var state = await channelStates.GetAsync(channel.Id, ct);
        if (state.Disabled)
        {
            return new DeliveryResult.Dropped($"channel '{channel.Id}' is disabled: {state.DisabledReason}");
        }
        var change = await events.GetRevisionAsync(delivery.EventId, delivery.Revision, ct);
        if (change is null)
        {
            return new DeliveryResult.Dropped($"event {delivery.EventId} has no revision {delivery.Revision}", Poison: true);
        }
        var post = await channelStates.GetPostAsync(channel.Id, change.EventId, ct);

        var existing = await ledger.GetAsync(delivery.EventId, delivery.Revision, channel.Id, ct);
        var fromUnknown = false;
        if (existing is not null)
        {
            switch (existing.Entry.State)
            {
                case LedgerState.Sent:
                    return new DeliveryResult.AlreadyDelivered();
                case LedgerState.Dropped:
                    return new DeliveryResult.Dropped(existing.Entry.Note ?? "dropped before");
                case LedgerState.Sending when post is not null && post.Revision >= delivery.Revision:
                    // The crash came after the post was recorded: everything went out.
                    await ledger.SaveAsync(existing, existing.Entry with { State = LedgerState.Sent, Note = "completed after restart" }, ct);
                    return new DeliveryResult.AlreadyDelivered();
                case LedgerState.Sending:
                    var age = time.GetUtcNow() - existing.Entry.UpdatedAt;
                    if (age < Options.ClaimTimeout)
                    {
                        return new DeliveryResult.Retry(Options.ClaimTimeout - age, "another attempt holds the claim");
                    }
                    // A claim nobody finished: a worker died between the send and the record.
                    existing = await ledger.SaveAsync(existing, existing.Entry with { State = LedgerState.Unknown, Note = "claim abandoned (crash between send and record)" }, ct);
                    goto case LedgerState.Unknown;
                case LedgerState.Unknown:
                    if (Options.UnknownOutcome == UnknownOutcomePolicy.Hold)
                    {
                        return new DeliveryResult.Dropped("an earlier send may have been posted; held to avoid a duplicate (UnknownOutcome=Hold)");
                    }
                    if (existing.Entry.UnknownResends >= 1)
                    {
                        return new DeliveryResult.Dropped("an earlier send may have been posted and was already resent once");
                    }
                    fromUnknown = true;
                    break;
            }
        }

        var chatId = state.MigratedChatId ?? channel.ChatId;
        var record = await ledger.TryClaimAsync(delivery.EventId, delivery.Revision, channel.Id, chatId, delivery.Attempt, existing, fromUnknown, ct);
        if (record is null)
        {
            return new DeliveryResult.Retry(TimeSpan.FromSeconds(5), "another attempt claimed this delivery");
        }

        var run = new Run(delivery, channel, change, record, chatId);
        if (post is not null && post.Revision > change.Revision)
        {
            await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Dropped, Note = $"superseded by revision {post.Revision}" }, ct);
            return new DeliveryResult.Dropped($"revision {change.Revision} is older than revision {post.Revision} already shown");
        }
        return post is null || post.Revision == change.Revision
            ? await PostAsync(run, ct)
            : await UpdateAsync(run, post, ct);
    }

    /// <summary>First post of the event in this channel, part by part, resuming after the parts already sent.</summary>
    private async Task<DeliveryResult> PostAsync(Run run, CancellationToken ct)
    {
        var alert = formatter.Format(run.Change, run.Channel);
        var ids = run.Record.Entry.MessageIds.ToList();
        for (var i = ids.Count; i < alert.Parts.Count; i++)
        {
            var (outcome, stop) = await SendOneAsync(run, alert.Parts[i], replyTo: null, editId: null, ct);
            if (stop is not null)
            {
                return stop;
            }
            ids.Add(outcome!.MessageId!.Value);
            run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { MessageIds = ids.ToList(), ChatId = run.ChatId }, ct);
        }
        await channelStates.SavePostAsync(run.Channel.Id, run.Change.EventId, new EventPost(run.ChatId, ids, run.Change.Revision, run.Change.Stage, time.GetUtcNow()), ct);
        await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Sent }, ct);
        return new DeliveryResult.Delivered(ids);
    }

    /// <summary>A later revision: edit the earlier post and/or reply to it when the stage advanced (channel setting <c>Updates</c>).</summary>
    private async Task<DeliveryResult> UpdateAsync(Run run, EventPost post, CancellationToken ct)
    {
        var mode = run.Channel.Updates;
        var touched = new List<long>();
        var postIds = post.MessageIds.ToList();

        if (mode is "edit" or "both" && !run.Record.Entry.Edited)
        {
            var alert = formatter.Format(run.Change, run.Channel);
            var edited = new List<long>();
            for (var i = 0; i < alert.Parts.Count; i++)
            {
                if (i < postIds.Count)
                {
                    var (outcome, stop) = await SendOneAsync(run, alert.Parts[i], replyTo: null, editId: postIds[i], ct, chatId: post.ChatId);
                    if (stop is not null)
                    {
                        return stop;
                    }
                    if (outcome!.Status == SendStatus.Sent)
                    {
                        edited.Add(postIds[i]);
                    }
                    else
                    {
                        logger.LogWarning("Could not edit message {MessageId} in channel {ChannelId}: {Error}", postIds[i], run.Channel.Id, outcome.Error);
                    }
                }
                else
                {
                    // The post grew past one message: the extra part follows as a new message.
                    var (outcome, stop) = await SendOneAsync(run, alert.Parts[i], replyTo: postIds[0], editId: null, ct);
                    if (stop is not null)
                    {
                        return stop;
                    }
                    postIds.Add(outcome!.MessageId!.Value);
                    edited.Add(outcome.MessageId.Value);
                }
            }
            touched.AddRange(edited);
            run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { EditedIds = edited, Edited = true }, ct);
        }

        var replyIds = run.Record.Entry.MessageIds.ToList();
        if (mode is "reply" or "both" && run.Change.Stage > post.Stage && replyIds.Count == 0)
        {
            var update = formatter.FormatUpdate(run.Change, post.Stage, run.Channel);
            foreach (var part in update.Parts)
            {
                var (outcome, stop) = await SendOneAsync(run, part, replyTo: postIds[0], editId: null, ct);
                if (stop is not null)
                {
                    return stop;
                }
                replyIds.Add(outcome!.MessageId!.Value);
                run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { MessageIds = replyIds.ToList() }, ct);
            }
        }
        touched.AddRange(replyIds);

        var stage = run.Change.Stage > post.Stage ? run.Change.Stage : post.Stage;
        await channelStates.SavePostAsync(run.Channel.Id, run.Change.EventId, post with { MessageIds = postIds, Revision = run.Change.Revision, Stage = stage }, ct);
        await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Sent }, ct);
        return new DeliveryResult.Delivered(touched);
    }

    /// <summary>
    /// One sendMessage or editMessageText within the limits. Returns the outcome when the caller may go on
    /// (sent, or a failed edit), or a result that ends this attempt.
    /// </summary>
    private async Task<(SendOutcome? Outcome, DeliveryResult? Stop)> SendOneAsync(Run run, string html, long? replyTo, long? editId, CancellationToken ct, string? chatId = null)
    {
        var markupFallbackUsed = false;
        var migrationFollowed = false;
        var waits = 0;
        while (true)
        {
            var target = chatId ?? run.ChatId;
            var outgoing = new OutgoingPost(target, html, run.Channel.DisableLinkPreview, replyTo);
            SendOutcome outcome;
            using (var lease = await limiter.AcquireAsync(target, run.Channel.Id, Options.MaxInProcessWait, ct))
            {
                if (!lease.Granted)
                {
                    return (null, await PauseAsync(run, new DeliveryResult.Retry(lease.Wait, "rate limit"), ct));
                }
                if (sharedGate is not null)
                {
                    // Other instances of the app send too: their sends count against the same limits.
                    var shared = await sharedGate.ClaimAsync(target, run.Channel.Id, Options.MaxInProcessWait, ct);
                    if (shared > TimeSpan.Zero)
                    {
                        return (null, await PauseAsync(run, new DeliveryResult.Retry(shared, "rate limit shared by the app's instances"), ct));
                    }
                }
                outcome = editId is { } id
                    ? await sender.EditAsync(outgoing, id, ct)
                    : await sender.SendAsync(outgoing, ct);
            }

            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    return (outcome, null);

                case SendStatus.RetryLater when outcome.RetryAfter is { } after && after <= Options.MaxInProcessWait && waits < 2:
                    waits++;
                    await Task.Delay(after, time, ct);
                    continue;

                case SendStatus.RetryLater:
                    return (null, outcome.RetryAfter is { } wait
                        ? await PauseAsync(run, new DeliveryResult.Retry(wait, "Telegram asked to wait (429 retry_after)"), ct)
                        : await FailedAttemptAsync(run, $"Telegram unavailable: {outcome.Error}", ct));

                case SendStatus.ChannelGone:
                    var reason = $"Telegram refused the bot in chat {target}: {outcome.Error}";
                    await channelStates.DisableAsync(run.Channel.Id, reason, ct);
                    logger.LogWarning("Channel {ChannelId} disabled: {Reason}", run.Channel.Id, reason);
                    if (notices is not null)
                    {
                        await notices.PublishAsync(new Messages.OperatorNotice(Operations.OperatorNotices.ChannelDisabled, run.Channel.Id, reason, time.GetUtcNow()), ct);
                    }
                    return (null, await DropAsync(run, $"channel '{run.Channel.Id}' disabled: {reason}", ct));

                case SendStatus.ChatMigrated when !migrationFollowed && outcome.MigratedToChatId is { } newChat:
                    migrationFollowed = true;
                    await channelStates.SetMigratedChatAsync(run.Channel.Id, newChat, ct);
                    logger.LogWarning("Channel {ChannelId} migrated from chat {OldChatId} to {NewChatId}; remembered", run.Channel.Id, target, newChat);
                    if (chatId is not null)
                    {
                        chatId = newChat;
                    }
                    run.ChatId = newChat;
                    continue;

                case SendStatus.BadMarkup when !markupFallbackUsed:
                    markupFallbackUsed = true;
                    logger.LogError("Template bug: Telegram refused the HTML of event {EventId} for channel {ChannelId} ({Error}); sending plain text", run.Change.EventId, run.Channel.Id, outcome.Error);
                    html = TelegramHtml.ToSafePlainHtml(html);
                    continue;

                case SendStatus.Unknown when editId is not null:
                    // Repeating an edit is harmless: the same text again is "not modified".
                    return (null, await FailedAttemptAsync(run, $"edit outcome unknown: {outcome.Error}", ct));

                case SendStatus.Unknown:
                    return (null, await UnknownAsync(run, outcome, ct));

                default:
                    if (editId is not null)
                    {
                        return (outcome, null);
                    }
                    return (null, await DropAsync(run, $"Telegram refused the message: {outcome.Error}", ct));
            }
        }
    }

    private async Task<DeliveryResult> UnknownAsync(Run run, SendOutcome outcome, CancellationToken ct)
    {
        run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Unknown, Note = outcome.Error }, ct);
        logger.LogWarning("Outcome unknown for event {EventId} revision {Revision} in channel {ChannelId}: {Error}", run.Change.EventId, run.Change.Revision, run.Channel.Id, outcome.Error);
        if (Options.UnknownOutcome == UnknownOutcomePolicy.Hold)
        {
            return new DeliveryResult.Dropped("send outcome unknown; not resent to avoid a duplicate post (UnknownOutcome=Hold)");
        }
        return run.Record.Entry.UnknownResends < 1
            ? new DeliveryResult.Retry(Options.UnknownResendDelay, "send outcome unknown; resending once later (UnknownOutcome=Resend)")
            : new DeliveryResult.Dropped("send outcome unknown and already resent once; not resent again");
    }

    /// <summary>Ends an attempt that will be retried: nothing is in flight, progress is kept.</summary>
    private async Task<DeliveryResult> PauseAsync(Run run, DeliveryResult result, CancellationToken ct)
    {
        run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Pending, ChatId = run.ChatId }, ct);
        return result;
    }

    private async Task<DeliveryResult> DropAsync(Run run, string reason, CancellationToken ct)
    {
        run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Dropped, Note = reason }, ct);
        return new DeliveryResult.Dropped(reason);
    }

    /// <summary>
    /// A failed attempt (5xx, connection refused, unknown edit): retried with backoff, poisoned after
    /// <see cref="DeliveryOptions.MaxAttempts"/> failures. Failures are counted in the ledger, not from the
    /// message's attempt number, so waiting for rate limits or 429s never brings a delivery closer to poison.
    /// </summary>
    private async Task<DeliveryResult> FailedAttemptAsync(Run run, string reason, CancellationToken ct)
    {
        var failures = run.Record.Entry.Failures + 1;
        if (failures >= Options.MaxAttempts)
        {
            run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Pending, Failures = failures, Note = reason }, ct);
            return new DeliveryResult.Dropped($"gave up after {failures} failed attempts: {reason}", Poison: true);
        }
        run.Record = await ledger.SaveAsync(run.Record, run.Record.Entry with { State = LedgerState.Pending, ChatId = run.ChatId, Failures = failures }, ct);
        return new DeliveryResult.Retry(Backoff(failures - 1), reason);
    }

    /// <summary>Exponential backoff for 5xx and connection failures: base × 2^(failures so far), capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt, 0, 20));
        var backoff = TimeSpan.FromTicks((long)Math.Min(Options.BaseBackoff.Ticks * factor, Options.MaxBackoff.Ticks));
        return backoff;
    }

    private sealed class Run(Messages.Delivery delivery, ChannelDefinition channel, TreatyChange change, LedgerRecord record, string chatId)
    {
        public Messages.Delivery Delivery { get; } = delivery;
        public ChannelDefinition Channel { get; } = channel;
        public TreatyChange Change { get; } = change;
        public LedgerRecord Record { get; set; } = record;
        public string ChatId { get; set; } = chatId;
    }
}
