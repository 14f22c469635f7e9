using Alerts.Core.Formatting;
using Alerts.Core.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

/// <summary>
/// One sendMessage or editMessageText of a <see cref="DeliveryRun"/>, within the limits, with the ledger moved
/// around it: <c>sending</c> is written only once the rate slot is granted and the event-channel claim renewed, right
/// before the request; the answer (or its absence) moves it on at once. A request that is written is always
/// answered or timed out (the stop token is not passed to it), so a stopping host never leaves one behind.
/// </summary>
public sealed class DeliverySends(
    DeliveryLedger ledger,
    DeliveryClaims claims,
    ChannelStateStore channelStates,
    IChannelSender sender,
    DeliveryRateLimiter limiter,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliverySends> logger,
    OperatorNotices? notices = null,
    SharedRateGate? sharedGate = null,
    Subscriptions.SubscriptionStore? subscriptions = null)
{
    private DeliveryOptions Options => options.Value;

    /// <summary>
    /// Sends one part. Returns the outcome when the caller may go on (sent, or a refused edit), with
    /// <paramref name="progress"/> applied to the ledger entry; otherwise the result that ends this attempt.
    /// </summary>
    public async Task<(SendOutcome? Outcome, DeliveryResult? Stop)> SendAsync(
        DeliveryRun run, string html, long? replyTo, long? editId, Func<LedgerEntry, long, LedgerEntry> progress, CancellationToken ct, string? chatId = null)
    {
        var markupFallbackUsed = false;
        var migrationFollowed = false;
        var waits = 0;
        while (true)
        {
            var target = chatId ?? run.ChatId;
            if (await ProbeFirstAsync(target, ct) is { } unreachable)
            {
                return (null, unreachable);
            }
            SendOutcome outcome;
            using (var lease = await limiter.AcquireAsync(target, run.Channel.Id, Options.MaxInProcessWait, ct))
            {
                if (!lease.Granted)
                {
                    var reason = limiter.PausedFor(target) > TimeSpan.Zero ? "Telegram asked to wait (429 retry_after, the whole chat waits)" : "rate limit";
                    return (null, new DeliveryResult.Retry(lease.Wait, reason));
                }
                if (limiter.ProbeNeeded)
                {
                    // Telegram stopped answering while this delivery waited for its slot: the probe goes first.
                    return (null, new DeliveryResult.Retry(Max(limiter.PausedFor(target), TimeSpan.FromSeconds(1)), "Telegram was unreachable; every chat waits"));
                }
                if (sharedGate is not null)
                {
                    // Other instances of the app send too: their sends count against the same limits.
                    var shared = await sharedGate.ClaimAsync(target, run.Channel.Id, Options.MaxInProcessWait, ct);
                    if (shared > TimeSpan.Zero)
                    {
                        return (null, new DeliveryResult.Retry(shared, "rate limit or 429 pause shared by the app's instances"));
                    }
                }
                if (!await claims.RenewAsync(run.Claim, Options.ClaimTimeout, ct))
                {
                    return (null, new DeliveryResult.Retry(TimeSpan.FromSeconds(1), "the event-channel claim expired and another worker took it"));
                }
                ct.ThrowIfCancellationRequested();
                // From here on the request is written and answered whatever the stop token says.
                run.Record = await ledger.MoveAsync(run.Record, LedgerTrigger.Write, e => e with
                {
                    InFlightEdit = editId is not null,
                    ChatId = run.ChatId,
                    Attempt = run.Delivery.Attempt,
                    UnknownResends = e.UnknownResends + (e.State == LedgerState.Unknown ? 1 : 0),
                }, CancellationToken.None);
                var outgoing = new OutgoingPost(target, html, run.Channel.DisableLinkPreview, replyTo);
                outcome = editId is { } id
                    ? await sender.EditAsync(outgoing, id, CancellationToken.None)
                    : await sender.SendAsync(outgoing, CancellationToken.None);
                // Before the chat is free for the next delivery: it must see that Telegram stopped answering.
                if (outcome.Status is SendStatus.NotSent or SendStatus.Unknown)
                {
                    PauseWhileUnreachable();
                }
                else if (outcome.Status == SendStatus.RetryLater && outcome.RetryAfter is { } pause)
                {
                    // The chat waits as a whole (and every chat, when several are told to wait at once): paused
                    // while this delivery still holds the chat, so no other delivery to it slips in before the pause.
                    var (until, wholeBot) = limiter.PauseChat(target, pause);
                    if (sharedGate is not null)
                    {
                        // Every instance of the app waits, not only this one (Functions scaled out, several CLI runs).
                        try
                        {
                            await sharedGate.PauseAsync(target, until, wholeBot, CancellationToken.None);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // This instance still waits; the answer must reach the ledger whatever the store says.
                            logger.LogWarning(ex, "Could not share the 429 pause of chat {ChatId} with the app's other instances", target);
                        }
                    }
                }
                else
                {
                    limiter.ReportReachable();
                }
            }

            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    await AnswerAsync(run, e => progress(e, outcome.MessageId ?? editId ?? 0));
                    return (outcome, null);

                case SendStatus.RetryLater when outcome.RetryAfter is { } after:
                    // The chat was paused above; the next acquire of any delivery to it waits, in process when short.
                    await AnswerAsync(run);
                    if (after <= Options.MaxInProcessWait && waits++ < 2)
                    {
                        continue;
                    }
                    return (null, new DeliveryResult.Retry(after, "Telegram asked to wait (429 retry_after)"));

                case SendStatus.RetryLater:
                    await AnswerAsync(run);
                    return (null, await FailedAttemptAsync(run, $"Telegram unavailable: {outcome.Error}"));

                case SendStatus.NotSent:
                    await MoveAsync(run, LedgerTrigger.NotSent, e => e with { Note = outcome.Error });
                    return (null, await FailedAttemptAsync(run, $"Telegram not reached (nothing sent): {outcome.Error}"));

                case SendStatus.Unknown when editId is not null:
                    // Repeating an edit is harmless: the same text again is "not modified".
                    await AnswerAsync(run, e => e with { Note = outcome.Error });
                    return (null, await FailedAttemptAsync(run, $"edit outcome unknown: {outcome.Error}"));

                case SendStatus.Unknown:
                    await MoveAsync(run, LedgerTrigger.Lost, e => e with { Note = outcome.Error });
                    return (null, UnknownResult(run));

                case SendStatus.ChannelGone:
                    return (null, await ChannelGoneAsync(run, target, outcome));

                case SendStatus.ChatMigrated when !migrationFollowed && outcome.MigratedToChatId is { } newChat:
                    migrationFollowed = true;
                    await AnswerAsync(run);
                    await channelStates.SetMigratedChatAsync(run.Channel.Id, newChat, CancellationToken.None);
                    logger.LogWarning("Channel {ChannelId} migrated from chat {OldChatId} to {NewChatId}; remembered", run.Channel.Id, target, newChat);
                    if (chatId is not null)
                    {
                        chatId = newChat;
                    }
                    run.ChatId = newChat;
                    continue;

                case SendStatus.BadMarkup when !markupFallbackUsed:
                    markupFallbackUsed = true;
                    await AnswerAsync(run);
                    logger.LogError("Template bug: Telegram refused the HTML of event {EventId} for channel {ChannelId} ({Error}); sending plain text", run.Change.EventId, run.Channel.Id, outcome.Error);
                    html = TelegramHtml.ToSafePlainHtml(html);
                    continue;

                default:
                    if (editId is { } edited)
                    {
                        await AnswerAsync(run, e => progress(e, edited));
                        return (outcome, null);
                    }
                    var refused = $"Telegram refused the message: {outcome.Error}";
                    await MoveAsync(run, LedgerTrigger.Drop, e => e with { Note = refused });
                    return (null, new DeliveryResult.Dropped(refused));
            }
        }
    }

    private DeliveryResult UnknownResult(DeliveryRun run)
    {
        logger.LogWarning("Outcome unknown for event {EventId} revision {Revision} in channel {ChannelId}: {Error}", run.Change.EventId, run.Change.Revision, run.Channel.Id, run.Record.Entry.Note);
        if (Options.UnknownOutcome == UnknownOutcomePolicy.Hold)
        {
            return new DeliveryResult.Held("request sent, no answer; not resent to avoid a duplicate post (UnknownOutcome=Hold)");
        }
        return run.Record.Entry.UnknownResends < 1
            ? new DeliveryResult.Retry(Options.UnknownResendDelay, "request sent, no answer; resending once later (UnknownOutcome=Resend)")
            : new DeliveryResult.Held("request sent, no answer, and already resent once; not resent again");
    }

    /// <summary>
    /// After Telegram was unreachable or left a request unanswered, one harmless call (getMe) goes before the next
    /// real send; while it fails every chat waits with backoff, so a hanging Telegram costs one unknown outcome, not one per message.
    /// </summary>
    private async Task<DeliveryResult?> ProbeFirstAsync(string chatId, CancellationToken ct)
    {
        if (!limiter.ProbeNeeded)
        {
            return null;
        }
        var paused = limiter.PausedFor(chatId);
        if (paused > TimeSpan.Zero)
        {
            return new DeliveryResult.Retry(paused, "Telegram was unreachable; every chat waits");
        }
        if (!limiter.TryBeginProbe())
        {
            return new DeliveryResult.Retry(TimeSpan.FromSeconds(1), "another delivery is checking whether Telegram answers");
        }
        try
        {
            if (await sender.ProbeAsync(ct))
            {
                limiter.ReportReachable();
                return null;
            }
            var wait = PauseWhileUnreachable();
            return new DeliveryResult.Retry(wait, "Telegram does not answer (getMe failed); every chat waits");
        }
        finally
        {
            limiter.EndProbe();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private TimeSpan PauseWhileUnreachable()
    {
        var wait = Options.Backoff.After(limiter.ReportUnreachable());
        limiter.PauseAll(wait);
        return wait;
    }

    private async Task<DeliveryResult> ChannelGoneAsync(DeliveryRun run, string target, SendOutcome outcome)
    {
        var reason = $"Telegram refused the bot in chat {target}: {outcome.Error}";
        if (Subscriptions.PersonalChannels.TryParse(run.Channel.Id, out var userChat) && subscriptions is not null)
        {
            // A subscriber blocked the bot: unsubscribe them; nothing for the operator to do.
            var removed = await subscriptions.UnfollowAllAsync(userChat, CancellationToken.None);
            logger.LogInformation("Subscriber chat {ChannelId} refused the bot; {Filters} filters removed", run.Channel.Id, removed);
            var gone = $"subscriber '{run.Channel.Id}' unsubscribed: {reason}";
            await MoveAsync(run, LedgerTrigger.Drop, e => e with { Note = gone });
            // Not a failure of the run: the user chose to leave.
            return new DeliveryResult.Skipped(gone);
        }
        await channelStates.DisableAsync(run.Channel.Id, reason, CancellationToken.None);
        logger.LogWarning("Channel {ChannelId} disabled: {Reason}", run.Channel.Id, reason);
        if (notices is not null)
        {
            await notices.PublishAsync(new Messages.OperatorNotice(OperatorNotices.ChannelDisabled, run.Channel.Id, reason, time.GetUtcNow()), CancellationToken.None);
        }
        var dropped = $"channel '{run.Channel.Id}' disabled: {reason}";
        await MoveAsync(run, LedgerTrigger.Drop, e => e with { Note = dropped });
        return new DeliveryResult.Dropped(dropped);
    }

    /// <summary>
    /// A failed attempt (5xx, Telegram unreachable, unknown edit): retried with backoff, poisoned after
    /// <see cref="DeliveryOptions.MaxAttempts"/> failures. Failures are counted in the ledger, not from the
    /// message's attempt number, so waiting for rate limits or 429s never brings a delivery closer to poison.
    /// </summary>
    private async Task<DeliveryResult> FailedAttemptAsync(DeliveryRun run, string reason)
    {
        var failures = run.Record.Entry.Failures + 1;
        await MoveAsync(run, LedgerTrigger.Progress, e => e with { Failures = failures, Note = reason });
        return failures >= Options.MaxAttempts
            ? new DeliveryResult.Dropped($"gave up after {failures} failed attempts: {reason}", Poison: true)
            : new DeliveryResult.Retry(Options.Backoff.After(failures), reason);
    }

    private Task AnswerAsync(DeliveryRun run, Func<LedgerEntry, LedgerEntry>? change = null) =>
        MoveAsync(run, LedgerTrigger.Answer, e => (change?.Invoke(e) ?? e) with { InFlightEdit = false });

    private async Task MoveAsync(DeliveryRun run, LedgerTrigger trigger, Func<LedgerEntry, LedgerEntry>? change = null) =>
        run.Record = await ledger.MoveAsync(run.Record, trigger, change, CancellationToken.None);
}
