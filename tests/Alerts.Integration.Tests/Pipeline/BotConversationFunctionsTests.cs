using System.Net;
using Alerts.Core.Messages;
using Alerts.Functions;
using Alerts.Integration.Tests.Posting;
using Alerts.Integration.Tests.Functions;
using Alerts.Integration.Tests.Stores;
using Alerts.Telegram;
using Alerts.Testing;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// The bot as the Functions app runs it: the user's messages come as Telegram's webhook calls to <see cref="TelegramWebhook"/>
/// (the body the fake Telegram server would post, with the secret header), which queues them on bot-updates in Azurite;
/// <see cref="AnswerBotUpdate"/> answers them; the timer, <see cref="PollSource"/>, <see cref="RouteChange"/> and
/// <see cref="Deliver"/> take the archived Moscow Times feed from the loopback server to the channel and the user. The
/// function classes come from the app's own composition, as in <see cref="FunctionsPipelineTests"/>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BotConversationFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ChannelChat = "-1001234567890";
    private const long User = 424_242_101;
    private const string Secret = "webhook-secret-0123456789_abc";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerFactory _logs = new();
    private PipelineRig _rig = null!;
    private LoopbackFeedServer _feeds = null!;
    private FakeTelegramServer _telegram = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await FunctionsStorage.ResetAsync(azurite);
        _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive()));
        (_feeds, _telegram) = (_rig.Feeds, _rig.Telegram);
        var settings = _rig.Settings().Set("AzureWebJobsStorage", azurite.ConnectionString)
            .Source("moscowtimes", PipelineFeeds.NewsPath)
            .Channel("main-en", ChannelChat, review: "none")
            .Set("Bot:WebhookSecret", Secret).Set("Bot:MaxUpdateBytes", "4096");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(_logs);
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAlertsFunctions(configuration, AppContext.BaseDirectory);
        services.AddSingleton<TimeProvider>(_time);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Start_follow_Russia_a_Russian_withdrawal_arrives_once_unfollow_and_the_next_one_does_not()
    {
        // The archive as it was before the story: remembered silently.
        await PollAndDeliverAsync();

        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(_telegram.UserSays(User, "/start")));
        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(_telegram.UserSays(User, "/follow RU")));
        Assert.Equal(2, await AnswerAsync());
        var answers = _telegram.TextsTo(User);
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("Treaty Alerts tells you when a state signs", answers[0], StringComparison.Ordinal);
        Assert.Equal("Following: Russia — all steps, all treaties.\n/list shows everything you follow.", answers[1]);
        // The webhook took the updates: nothing was read with getUpdates.
        Assert.Empty(_telegram.CallsOf("getUpdates"));

        // The seed story: a Russian withdrawal, to the channel and to the user, once each; the next poll adds nothing.
        _feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await PollAndDeliverAsync();
        await PollAndDeliverAsync();
        var alert = Assert.Single(_telegram.TextsTo(User).Skip(2));
        Assert.Contains("Prevention of Torture", alert, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(_telegram.Messages(ChannelChat)).PlainText, alert);

        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(_telegram.UserSays(User, "/unfollow RU")));
        Assert.Equal(1, await AnswerAsync());
        _feeds.Replace(PipelineFeeds.NewsPath, BotConversationCliTests.WithSecondItem());
        await PollAndDeliverAsync();

        // The channel shows the second withdrawal was detected and delivered; the user got only the answer to /unfollow.
        Assert.Equal(2, _telegram.Messages(ChannelChat).Count);
        Assert.Contains("Open Skies", _telegram.Messages(ChannelChat)[1].PlainText, StringComparison.Ordinal);
        Assert.Equal(["No longer following: Russia — all steps, all treaties."], _telegram.TextsTo(User).Skip(3));
        Assert.Empty(await PeekAsync(QueueNames.Poison(QueueNames.BotUpdates)));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("", HttpStatusCode.Unauthorized)]
    [InlineData("webhook-secret-0123456789_abd", HttpStatusCode.Forbidden)]
    [InlineData("webhook-secret-0123456789_ab", HttpStatusCode.Forbidden)]
    public async Task A_call_without_the_right_secret_is_refused_queues_nothing_and_logs_no_secret(string? header, HttpStatusCode expected)
    {
        var update = _telegram.UserSays(User, "/follow RU");

        var response = await WebhookAsync(_telegram.UpdateJson(update), header);

        Assert.Equal(expected, response);
        Assert.Empty(await PeekAsync(QueueNames.BotUpdates));
        Assert.Equal(0, await AnswerAsync());
        Assert.Empty(_telegram.TextsTo(User));
        Assert.Contains(_logs.Logs, l => l.Message.StartsWith("Webhook call refused", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, _logs.AllText, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(header))
        {
            Assert.DoesNotContain(header, _logs.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_retried_webhook_call_is_queued_again_and_answered_once()
    {
        var update = _telegram.UserSays(User, "/follow RU");

        // Telegram did not see the first 200 in time and posts the same update again; a queue message also comes back.
        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(update));
        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(update));
        Assert.Equal(2, (await PeekAsync(QueueNames.BotUpdates)).Count);
        var queued = (await PeekAsync(QueueNames.BotUpdates))[0];
        Assert.Equal(2, await AnswerAsync());
        await Resolve<AnswerBotUpdate>().Run(queued, QueueTriggerContext.Attempt(2), CancellationToken.None);

        Assert.Equal(["Following: Russia — all steps, all treaties.\n/list shows everything you follow."], _telegram.TextsTo(User));
        Assert.Empty(await PeekAsync(QueueNames.Poison(QueueNames.BotUpdates)));
    }

    [Fact]
    public async Task The_queued_update_keeps_only_what_the_conversation_reads_and_a_button_press_is_acknowledged()
    {
        var update = _telegram.UserPresses(User, "/follow RU", "ru");

        Assert.Equal(HttpStatusCode.OK, await WebhookAsync(update));

        var queued = Assert.Single(await PeekAsync(QueueNames.BotUpdates));
        var message = MessageJson.Deserialize<BotUpdate>(queued);
        Assert.Equal(new BotUpdate(update, User, "private", "ru", "/follow RU", message.CallbackQueryId), message);
        Assert.NotNull(message.CallbackQueryId);
        Assert.DoesNotContain("first_name", queued, StringComparison.Ordinal);
        Assert.DoesNotContain("User 424242101", queued, StringComparison.Ordinal);
        Assert.Equal(1, await AnswerAsync());
        Assert.Single(_telegram.CallsOf("answerCallbackQuery"));
        Assert.StartsWith("Подписка: Россия", Assert.Single(_telegram.TextsTo(User)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_and_unreadable_bodies_are_refused_and_other_updates_are_taken_without_an_answer()
    {
        var padded = _telegram.UpdateJson(_telegram.UserSays(User, "/follow " + new string('x', 5000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await WebhookAsync(padded, Secret));
        Assert.Equal(HttpStatusCode.BadRequest, await WebhookAsync("{not json", Secret));
        // An edited message is an update the bot does not answer: 200, so Telegram does not retry, and nothing queued.
        Assert.Equal(HttpStatusCode.OK, await WebhookAsync("""{"update_id":900000001,"edited_message":{"message_id":1,"date":0,"chat":{"id":42,"type":"private"},"text":"/start"}}""", Secret));

        Assert.Empty(await PeekAsync(QueueNames.BotUpdates));
    }

    private Task<HttpStatusCode> WebhookAsync(long updateId) => WebhookAsync(_telegram.UpdateJson(updateId), Secret);

    private async Task<HttpStatusCode> WebhookAsync(string body, string? secret)
    {
        var request = HttpTriggerRequest.Post(TelegramWebhook.Route, body, (BotWebhook.SecretHeader, secret));
        HttpResponseData response = await Resolve<TelegramWebhook>().Run(request, CancellationToken.None);
        return response.StatusCode;
    }

    /// <summary>Runs AnswerBotUpdate on every queued update, as the host does. Returns how many.</summary>
    private Task<int> AnswerAsync()
        => PumpAsync(QueueNames.BotUpdates, async (m, c, ct) => { await Resolve<AnswerBotUpdate>().Run(m, c, ct); return []; });

    /// <summary>One news timer round, eleven minutes on: poll, route, deliver (two minutes apart per chat).</summary>
    private async Task PollAndDeliverAsync()
    {
        _time.Advance(TimeSpan.FromMinutes(11));
        await SendAllAsync(QueueNames.PollRequests, await Resolve<ScheduleNewsPolls>().Run(new TimerInfo(), CancellationToken.None));
        await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run);
        await PumpAsync(QueueNames.TreatyChanges, Resolve<RouteChange>().Run);
        var deliveries = Queue(QueueNames.TelegramDeliveries);
        while ((await deliveries.ReceiveMessagesAsync(maxMessages: 1)).Value is [var message])
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            await Resolve<Deliver>().Run(message.Body.ToString(), QueueTriggerContext.From(message), CancellationToken.None);
            await deliveries.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private T Resolve<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    private QueueClient Queue(string name)
    {
        var client = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        client.CreateIfNotExists();
        return client;
    }

    private async Task SendAllAsync(string queue, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            await Queue(queue).SendMessageAsync(message);
        }
    }

    /// <summary>Feeds every message of a queue to a trigger, writes its outputs to the next queue, deletes the message.</summary>
    private async Task<int> PumpAsync(string queue, Func<string, FunctionContext, CancellationToken, Task<string[]>> trigger)
    {
        var client = Queue(queue);
        var count = 0;
        while ((await client.ReceiveMessagesAsync(maxMessages: 16)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                var output = await trigger(message.Body.ToString(), QueueTriggerContext.From(message), CancellationToken.None);
                var next = queue switch
                {
                    QueueNames.PollRequests => QueueNames.TreatyChanges,
                    QueueNames.TreatyChanges => QueueNames.TelegramDeliveries,
                    _ => null,
                };
                if (next is not null)
                {
                    await SendAllAsync(next, output);
                }
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                count++;
            }
        }
        return count;
    }

    private async Task<IReadOnlyList<string>> PeekAsync(string queue)
        => (await Queue(queue).PeekMessagesAsync(maxMessages: 32)).Value.Select(m => m.Body.ToString()).ToList();
}
