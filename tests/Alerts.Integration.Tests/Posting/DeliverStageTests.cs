using Alerts.Core.Posting;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Posting;

public class DeliverStageTests
{
    private const string Chat = "-1001001";

    [Fact]
    public async Task First_revision_is_posted_once_and_a_redelivered_message_posts_nothing()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var change = await h.SaveChangeAsync();

        var first = await h.DeliverAsync();
        var again = await h.DeliverAsync(attempt: 1);

        Assert.Equal(new long[] { 1 }, Assert.IsType<DeliveryResult.Delivered>(first).MessageIds);
        Assert.IsType<DeliveryResult.AlreadyDelivered>(again);
        var call = Assert.Single(h.Telegram.CallsOf("sendMessage"));
        Assert.Equal(Assert.Single(h.Formatter.Format(change, h.Channels.Find("main")!).Parts), call.Text);
        Assert.True(call.LinkPreviewDisabled);
        Assert.StartsWith("📤 The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture (ETS 126)", Assert.Single(h.Telegram.Messages(Chat)).PlainText);
        var entry = (await h.Ledger.GetAsync(change.EventId, 1, "main"))!.Entry;
        Assert.Equal((LedgerState.Sent, Chat), (entry.State, entry.ChatId));
        Assert.Equal(new long[] { 1 }, entry.MessageIds);
    }

    [Fact]
    public async Task A_crash_while_a_request_was_in_flight_is_held_not_reposted()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        // A worker wrote "sending" (its rate slot was granted, the request about to go) and died; its claim expired.
        var queued = await h.Ledger.CreateAsync("ev-ru-cpt", 1, "main", LedgerTrigger.Queue, new LedgerEntry { ChatId = Chat });
        await h.Ledger.MoveAsync(queued, LedgerTrigger.Write);

        var result = await h.DeliverAsync(attempt: 1);

        Assert.Contains("UnknownOutcome=Hold", Assert.IsType<DeliveryResult.Held>(result).Reason);
        Assert.Empty(h.Telegram.Calls);
        Assert.Equal(LedgerState.Unknown, (await h.Ledger.GetAsync("ev-ru-cpt", 1, "main"))!.Entry.State);
    }

    [Fact]
    public async Task A_crash_before_the_rate_slot_leaves_nothing_in_flight_and_the_next_attempt_posts()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        // A worker saw the delivery and died while waiting for its rate slot: the entry is pending, nothing was sent.
        await h.Ledger.CreateAsync("ev-ru-cpt", 1, "main", LedgerTrigger.Queue, new LedgerEntry { ChatId = Chat });

        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(attempt: 1));

        Assert.Equal(1, h.Telegram.PostedCount);
    }

    [Fact]
    public async Task A_claim_of_another_worker_on_the_event_in_this_channel_is_waited_for()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        var (claim, _) = await h.Claims.TryAcquireAsync("main", "ev-ru-cpt", h.Options.ClaimTimeout);
        Assert.NotNull(claim);

        var result = await h.DeliverAsync(attempt: 1);

        var retry = Assert.IsType<DeliveryResult.Retry>(result);
        Assert.InRange(retry.After, TimeSpan.FromSeconds(100), h.Options.ClaimTimeout);
        Assert.Empty(h.Telegram.Calls);

        await h.Claims.ReleaseAsync(claim!);
        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(attempt: 2));
    }

    [Fact]
    public async Task Timeout_after_the_request_left_is_held_not_resent_under_the_default_policy()
    {
        await using var h = await DeliveryHarness.StartAsync(o => o.BaseBackoff = TimeSpan.FromMilliseconds(1), timeoutSeconds: 1);
        await h.SaveChangeAsync();
        h.Telegram.FailNext(new FakeTelegramFault.Timeout(TimeSpan.FromSeconds(30), PostAnyway: true));

        var first = await h.DeliverAsync();
        var redelivered = await h.DeliverAsync(attempt: 1);

        Assert.Contains("UnknownOutcome=Hold", Assert.IsType<DeliveryResult.Held>(first).Reason);
        Assert.IsType<DeliveryResult.Held>(redelivered);
        Assert.Single(h.Telegram.CallsOf("sendMessage"));
        Assert.Equal(1, h.Telegram.PostedCount); // exactly once: the post Telegram made is the only one
        Assert.Equal(LedgerState.Unknown, (await h.Ledger.GetAsync("ev-ru-cpt", 1, "main"))!.Entry.State);
    }

    [Fact]
    public async Task Under_the_resend_policy_an_unknown_outcome_is_resent_once_after_the_delay()
    {
        await using var h = await DeliveryHarness.StartAsync(o => { o.UnknownOutcome = UnknownOutcomePolicy.Resend; o.BaseBackoff = TimeSpan.FromMilliseconds(1); }, timeoutSeconds: 1);
        await h.SaveChangeAsync();
        h.Telegram.FailNext(new FakeTelegramFault.Timeout(TimeSpan.FromSeconds(30), PostAnyway: false));
        h.Telegram.FailNext(new FakeTelegramFault.Timeout(TimeSpan.FromSeconds(30), PostAnyway: false));

        var first = await h.DeliverAsync();
        var second = await h.DeliverAsync(attempt: 1);
        var third = await h.DeliverAsync(attempt: 2);

        Assert.Equal(h.Options.UnknownResendDelay, Assert.IsType<DeliveryResult.Retry>(first).After);
        Assert.Contains("already resent once", Assert.IsType<DeliveryResult.Held>(second).Reason);
        Assert.IsType<DeliveryResult.Held>(third);
        Assert.Equal(2, h.Telegram.CallsOf("sendMessage").Count);
        Assert.Equal(0, h.Telegram.PostedCount);
    }

    [Fact]
    public async Task Resend_policy_delivers_on_the_resend_when_telegram_answers()
    {
        await using var h = await DeliveryHarness.StartAsync(o => { o.UnknownOutcome = UnknownOutcomePolicy.Resend; o.BaseBackoff = TimeSpan.FromMilliseconds(1); }, timeoutSeconds: 1);
        await h.SaveChangeAsync();
        h.Telegram.FailNext(new FakeTelegramFault.Timeout(TimeSpan.FromSeconds(30)));

        Assert.IsType<DeliveryResult.Retry>(await h.DeliverAsync());
        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(attempt: 1));
        Assert.IsType<DeliveryResult.AlreadyDelivered>(await h.DeliverAsync(attempt: 2));

        Assert.Equal(2, h.Telegram.CallsOf("sendMessage").Count);
        Assert.Equal(1, h.Telegram.PostedCount);
    }

    [Fact]
    public async Task A_long_retry_after_pauses_the_whole_chat_and_the_next_run_posts()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        await h.SaveChangeAsync(eventId: "ev-2");
        h.Telegram.FailNext(new FakeTelegramFault.TooManyRequests(30));

        var first = await h.DeliverAsync();
        var otherMessageSameChat = await h.DeliverAsync(eventId: "ev-2");
        var nextRun = h.NewStage(new DeliveryRateLimiter(Microsoft.Extensions.Options.Options.Create(h.Options), h.Time));
        var second = await nextRun.RunAsync(new Delivery("ev-ru-cpt", 1, "main", 1));

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<DeliveryResult.Retry>(first).After);
        Assert.Contains("whole chat waits", Assert.IsType<DeliveryResult.Retry>(otherMessageSameChat).Reason);
        Assert.IsType<DeliveryResult.Delivered>(second);
        Assert.Equal(2, h.Telegram.CallsOf("sendMessage").Count);
        Assert.Equal(1, h.Telegram.PostedCount);
    }

    [Fact]
    public async Task A_short_retry_after_is_waited_in_process()
    {
        await using var h = await DeliveryHarness.StartAsync(o => o.MaxInProcessWait = TimeSpan.FromSeconds(2));
        await h.SaveChangeAsync();
        h.Telegram.FailNext(new FakeTelegramFault.TooManyRequests(1));

        var result = await h.DeliverAsync();

        Assert.IsType<DeliveryResult.Delivered>(result);
        var calls = h.Telegram.CallsOf("sendMessage");
        Assert.Equal([429, 200], calls.Select(c => c.StatusCode));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.95), $"waited {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_and_poison_after_the_last_attempt()
    {
        await using var h = await DeliveryHarness.StartAsync(o => o.MaxAttempts = 3);
        await h.SaveChangeAsync();
        h.Telegram.FailChat(Chat, new FakeTelegramFault.ServerError(502));

        var results = new List<DeliveryResult>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            results.Add(await h.DeliverAsync(attempt: attempt));
        }

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<DeliveryResult.Retry>(results[0]).After);
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.IsType<DeliveryResult.Retry>(results[1]).After);
        Assert.True(Assert.IsType<DeliveryResult.Dropped>(results[2]).Poison);
        Assert.Equal(3, h.Telegram.CallsOf("sendMessage").Count);
        Assert.Equal(0, h.Telegram.PostedCount);
    }

    [Fact]
    public async Task Waiting_for_limits_never_poisons_however_many_attempts_it_takes()
    {
        await using var h = await DeliveryHarness.StartAsync(o => { o.MaxAttempts = 1; o.PerChannelPerMinute = 1; });
        await h.SaveChangeAsync(eventId: "ev-0");
        await h.SaveChangeAsync(eventId: "ev-1");
        h.Telegram.FailNext(new FakeTelegramFault.TooManyRequests(20));

        Assert.IsType<DeliveryResult.Retry>(await h.DeliverAsync(eventId: "ev-0", attempt: 5));
        Assert.IsType<DeliveryResult.Retry>(await h.DeliverAsync(eventId: "ev-0", attempt: 6));
        var nextRun = h.NewStage(new DeliveryRateLimiter(Microsoft.Extensions.Options.Options.Create(h.Options), h.Time));
        Assert.IsType<DeliveryResult.Delivered>(await nextRun.RunAsync(new Delivery("ev-0", 1, "main", 7)));
        var limited = await nextRun.RunAsync(new Delivery("ev-1", 1, "main", 30));

        Assert.Equal("rate limit", Assert.IsType<DeliveryResult.Retry>(limited).Reason);
        Assert.Equal(2, h.Telegram.CallsOf("sendMessage").Count);
    }

    [Fact]
    public async Task Kicked_bot_disables_the_channel_without_poisoning_and_later_deliveries_send_nothing()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        await h.SaveChangeAsync(eventId: "ev-2");
        h.Telegram.FailChat(Chat, new FakeTelegramFault.Kicked());

        var first = await h.DeliverAsync();
        var other = await h.DeliverAsync(eventId: "ev-2");

        Assert.False(Assert.IsType<DeliveryResult.Dropped>(first).Poison);
        Assert.Contains("disabled", Assert.IsType<DeliveryResult.Dropped>(other).Reason);
        Assert.Single(h.Telegram.Calls);
        var state = await h.ChannelStates.GetAsync("main");
        Assert.True(state.Disabled);
        Assert.Contains("bot was kicked", state.DisabledReason);
        Assert.Contains(h.Logs.Logs, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("Channel main disabled"));

        // The operator hears of it at once, once.
        var notices = await h.Queue.ReceiveAsync(Alerts.Core.Messages.QueueNames.OperatorNotices, 10, TimeSpan.FromMinutes(1));
        var notice = Alerts.Core.Messages.MessageJson.Deserialize<Alerts.Core.Messages.OperatorNotice>(Assert.Single(notices).Body);
        Assert.Equal("ChannelDisabled", notice.Kind);
        Assert.Equal("main", notice.Subject);
    }

    [Fact]
    public async Task A_migrated_chat_is_followed_and_remembered()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        await h.SaveChangeAsync(eventId: "ev-2");
        h.Telegram.FailChat(Chat, new FakeTelegramFault.Migrated(-1002223334445));

        var first = await h.DeliverAsync();
        var second = await h.DeliverAsync(eventId: "ev-2");

        Assert.IsType<DeliveryResult.Delivered>(first);
        Assert.IsType<DeliveryResult.Delivered>(second);
        Assert.Equal([Chat, "-1002223334445", "-1002223334445"], h.Telegram.CallsOf("sendMessage").Select(c => c.ChatId));
        Assert.Equal(2, h.Telegram.Messages("-1002223334445").Count);
        Assert.Equal("-1002223334445", (await h.ChannelStates.GetAsync("main")).MigratedChatId);
    }

    [Fact]
    public async Task Refused_entities_fall_back_to_plain_text_once_and_log_the_template_bug()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        await h.SaveChangeAsync(eventId: "ev-2");
        h.Telegram.FailNext(new FakeTelegramFault.BadEntities());

        var result = await h.DeliverAsync();

        Assert.IsType<DeliveryResult.Delivered>(result);
        var calls = h.Telegram.CallsOf("sendMessage");
        Assert.Equal(2, calls.Count);
        Assert.Contains("<b>", calls[0].Text);
        Assert.DoesNotContain("<", calls[1].Text);
        Assert.StartsWith("📤 The government of Russia proposed withdrawal", calls[1].Text);
        Assert.Contains(h.Logs.Logs, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("Template bug"));

        // Refused again even as plain text: given up, not looped.
        h.Telegram.FailChat(Chat, new FakeTelegramFault.BadEntities());
        Assert.IsType<DeliveryResult.Dropped>(await h.DeliverAsync(eventId: "ev-2"));
        Assert.Equal(4, h.Telegram.CallsOf("sendMessage").Count);
    }

    [Fact]
    public async Task A_later_stage_edits_the_post_and_replies_to_it()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync());
        await h.SaveChangeAsync(revision: 2, stage: TreatyMilestone.Legislative, summary: "the State Duma passed the denunciation bill.");

        var update = await h.DeliverAsync(revision: 2);
        var again = await h.DeliverAsync(revision: 2, attempt: 1);

        Assert.Equal(new long[] { 1, 2 }, Assert.IsType<DeliveryResult.Delivered>(update).MessageIds);
        Assert.IsType<DeliveryResult.AlreadyDelivered>(again);
        Assert.Equal(["sendMessage", "editMessageText", "sendMessage"], h.Telegram.Calls.Select(c => c.Method));
        var messages = h.Telegram.Messages(Chat);
        Assert.Equal(2, messages.Count);
        Assert.Contains("Russia's State Duma took up a bill on withdrawal", messages[0].PlainText);
        Assert.Contains("the State Duma passed the denunciation bill.", messages[0].PlainText);
        Assert.Equal(1, messages[0].EditCount);
        Assert.Equal(1, messages[1].ReplyToMessageId);
        Assert.StartsWith("📤 Update: Russia's State Duma took up a bill on withdrawal", messages[1].PlainText);
        var post = (await h.ChannelStates.GetPostAsync("main", "ev-ru-cpt"))!;
        Assert.Equal((2, TreatyMilestone.Legislative), (post.Revision, post.Milestone));
    }

    [Theory]
    [InlineData(UpdateMode.Edit, TreatyMilestone.Legislative, new[] { "sendMessage", "editMessageText" })]
    [InlineData(UpdateMode.Reply, TreatyMilestone.Legislative, new[] { "sendMessage", "sendMessage" })]
    [InlineData(UpdateMode.Both, TreatyMilestone.Proposed, new[] { "sendMessage", "editMessageText" })]
    [InlineData(UpdateMode.Reply, TreatyMilestone.Proposed, new[] { "sendMessage" })]
    public async Task The_channel_chooses_how_updates_appear(UpdateMode updates, TreatyMilestone newStage, string[] methods)
    {
        await using var h = await DeliveryHarness.StartAsync(channels: [DeliveryHarness.Channel("main", Chat, updates: updates)]);
        await h.SaveChangeAsync();
        await h.DeliverAsync();
        await h.SaveChangeAsync(revision: 2, stage: newStage, summary: "a second source confirmed it.");

        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(revision: 2));

        Assert.Equal(methods, h.Telegram.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_later_revision_delivered_first_waits_for_the_first_post_and_becomes_its_update()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();
        await h.SaveChangeAsync(revision: 2, stage: TreatyMilestone.Legislative, summary: "the State Duma passed the denunciation bill.");

        var early = await h.DeliverAsync(revision: 2);
        var first = await h.DeliverAsync(revision: 1);
        var update = await h.DeliverAsync(revision: 2, attempt: 1);

        Assert.Contains("waiting for revision 1", Assert.IsType<DeliveryResult.Retry>(early).Reason);
        Assert.IsType<DeliveryResult.Delivered>(first);
        Assert.IsType<DeliveryResult.Delivered>(update);
        Assert.Equal(["sendMessage", "editMessageText", "sendMessage"], h.Telegram.Calls.Select(c => c.Method));
        Assert.Single(h.Telegram.Messages(Chat), m => m.ReplyToMessageId is null);
    }

    [Fact]
    public async Task An_older_revision_arriving_after_the_newer_one_was_shown_does_not_overwrite_it()
    {
        // The earlier revision's delivery was lost before it reached the ledger; the later one stopped waiting for it.
        await using var h = await DeliveryHarness.StartAsync(o => o.RevisionOrderWait = TimeSpan.Zero);
        await h.SaveChangeAsync();
        await h.SaveChangeAsync(revision: 2, stage: TreatyMilestone.Legislative);
        await h.DeliverAsync(revision: 2);

        var late = await h.DeliverAsync(revision: 1);

        Assert.Contains("older", Assert.IsType<DeliveryResult.Skipped>(late).Reason);
        Assert.Single(h.Telegram.Calls);
        Assert.Equal(LedgerState.Superseded, (await h.Ledger.GetAsync("ev-ru-cpt", 1, "main"))!.Entry.State);
    }

    [Fact]
    public async Task A_post_over_4096_characters_goes_out_in_valid_parts_and_edits_reuse_them()
    {
        var dir = Directory.CreateTempSubdirectory("alerts-long-template-").FullName;
        var template = Path.Combine(dir, "long.liquid");
        File.WriteAllText(template, "{{ marker }} <b>{{ states_text }} — {{ treaty.name }}</b>\n\n{% for i in (1..20) %}<i>{{ i }}.</i> {{ summary }}\n\n{% endfor %}#{{ action }}");
        try
        {
            await using var h = await DeliveryHarness.StartAsync(channels: [DeliveryHarness.Channel("main", Chat, template: template)]);
            var summary = string.Join(" ", Enumerable.Repeat("Federal law No. 1 & decree", 23));
            await h.SaveChangeAsync(summary: summary);

            var result = await h.DeliverAsync();

            var ids = Assert.IsType<DeliveryResult.Delivered>(result).MessageIds;
            // 20 paragraphs of ~605 characters: six fit under 4096, so four parts.
            Assert.Equal(4, ids.Count);
            var messages = h.Telegram.Messages(Chat);
            Assert.Equal(4, messages.Count);
            Assert.All(messages, m => Assert.InRange(m.PlainText.Length, 1, 4096));
            Assert.All(h.Telegram.Calls, c => Assert.Equal(200, c.StatusCode));

            await h.SaveChangeAsync(revision: 2, stage: TreatyMilestone.Proposed, summary: summary + " !");
            Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(revision: 2));
            Assert.Equal(4, h.Telegram.CallsOf("editMessageText").Count);
            Assert.Equal(4, h.Telegram.Messages(Chat).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Posts_to_one_chat_keep_to_one_per_second_without_a_single_429()
    {
        await using var h = await DeliveryHarness.StartAsync();
        h.Telegram.Limits = new FakeTelegramLimits();
        for (var i = 0; i < 3; i++)
        {
            await h.SaveChangeAsync(eventId: "ev-" + i);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(eventId: "ev-" + i));
        }

        var calls = h.Telegram.CallsOf("sendMessage");
        Assert.Equal(3, calls.Count);
        Assert.Equal(0, h.Telegram.TooManyRequestsCount);
        Assert.True(calls[2].At - calls[0].At >= TimeSpan.FromSeconds(1.9), $"spread {calls[2].At - calls[0].At}");
    }

    [Fact]
    public async Task A_wait_longer_than_the_in_process_limit_becomes_a_retry_without_a_call()
    {
        await using var h = await DeliveryHarness.StartAsync(o => o.PerChannelPerMinute = 2);
        for (var i = 0; i < 3; i++)
        {
            await h.SaveChangeAsync(eventId: "ev-" + i);
        }

        await h.DeliverAsync(eventId: "ev-0");
        await h.DeliverAsync(eventId: "ev-1");
        var third = await h.DeliverAsync(eventId: "ev-2");

        var retry = Assert.IsType<DeliveryResult.Retry>(third);
        Assert.Equal("rate limit", retry.Reason);
        Assert.InRange(retry.After, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
        Assert.Equal(2, h.Telegram.CallsOf("sendMessage").Count);
        Assert.Equal(LedgerState.Pending, (await h.Ledger.GetAsync("ev-2", 1, "main"))!.Entry.State);
    }

    [Fact]
    public async Task Unknown_channels_and_missing_revisions_are_dropped()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync();

        Assert.False(Assert.IsType<DeliveryResult.Dropped>(await h.DeliverAsync(channelId: "nope")).Poison);
        Assert.True(Assert.IsType<DeliveryResult.Dropped>(await h.DeliverAsync(revision: 9)).Poison);
        Assert.Empty(h.Telegram.Calls);
    }

    [Fact]
    public async Task Russian_channel_gets_the_russian_post()
    {
        await using var h = await DeliveryHarness.StartAsync(channels: [DeliveryHarness.Channel("ru", "@treaties_ru", language: "ru")]);
        await h.SaveChangeAsync();

        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(channelId: "ru"));

        var message = Assert.Single(h.Telegram.Messages("@treaties_ru"));
        Assert.StartsWith("📤 Правительство России предложило выйти из конвенции «Европейская конвенция по предупреждению пыток» (СЕД № 126)", message.PlainText);
        Assert.EndsWith("#Россия #ЕКПП #выход", message.PlainText);
    }

    [Fact]
    public async Task A_stop_while_waiting_for_the_rate_slot_releases_the_delivery_with_nothing_in_flight()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.SaveChangeAsync(eventId: "ev-0");
        await h.SaveChangeAsync(eventId: "ev-1");
        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(eventId: "ev-0"));
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)); // the chat's next slot is a second away

        var stopped = await h.Stage.RunAsync(new Delivery("ev-1", 1, "main"), stopping.Token);

        Assert.Equal(TimeSpan.Zero, Assert.IsType<DeliveryResult.Retry>(stopped).After);
        Assert.Equal(LedgerState.Pending, (await h.Ledger.GetAsync("ev-1", 1, "main"))!.Entry.State);
        Assert.Single(h.Telegram.CallsOf("sendMessage"));
        Assert.IsType<DeliveryResult.Delivered>(await h.DeliverAsync(eventId: "ev-1", attempt: 1)); // the claim was released
    }
}
