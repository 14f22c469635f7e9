using Alerts.Core.Messages;
using Alerts.Functions;
using Alerts.Integration.Tests.Functions;
using Alerts.Integration.Tests.Stores;
using Alerts.Testing;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// The whole pipeline as the Functions host runs it: the function classes built from the app's own
/// composition, the timer invoked as the host does, each queue trigger fed the real messages read
/// back from Azurite, a loopback server serving a real archived feed with ETags, and a fake Telegram
/// Bot API server receiving the post.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsPipelineTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ChatId = "-1001234567890";
    private const string RussianChatId = "-1001234567891";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 26, 10, 0, 0, TimeSpan.Zero));
    private PipelineRig _rig = null!;
    private LoopbackFeedServer _feeds = null!;
    private FakeTelegramServer _telegram = null!;
    private ServiceProvider _services = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        await FunctionsStorage.ResetAsync(azurite);
        _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive()), (PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocs()));
        (_feeds, _telegram) = (_rig.Feeds, _rig.Telegram);
        _settings = _rig.Settings().Set("AzureWebJobsStorage", azurite.ConnectionString)
            .Source("moscowtimes", PipelineFeeds.NewsPath).Source("government-ru-docs", PipelineFeeds.DocsPath, "decrees", "ru", "official")
            .Channel("main-en", ChatId).Channel("main-ru", RussianChatId, "ru")
            .ToDictionary();
        _services = BuildServices();
    }

    /// <summary>The Functions app's composition over <see cref="_settings"/> (a test may change them and build again).</summary>
    private ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAlertsFunctions(configuration, AppContext.BaseDirectory);
        services.AddSingleton<TimeProvider>(_time);
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Seed_story_reaches_the_channel_once_and_a_304_poll_adds_nothing()
    {
        // First poll: the archive as it was before the story. Old items are remembered silently.
        await RunTimerAsync<ScheduleNewsPolls>();
        Assert.Equal(1, await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run));
        Assert.Equal(0, await CountAsync(QueueNames.TreatyChanges));

        // The feed gains the seed story; the next scheduled poll fetches it (new ETag).
        _feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        _time.Advance(TimeSpan.FromMinutes(11));
        await RunTimerAsync<ScheduleNewsPolls>();
        Assert.Equal(1, await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run));

        var changes = await PeekAsync(QueueNames.TreatyChanges);
        var change = MessageJson.Deserialize<TreatyChange>(Assert.Single(changes));
        Assert.Equal("coe:126", change.Treaty.Id);
        Assert.Equal(TreatyAction.Withdrawal, change.Action);
        Assert.Equal(["RU"], change.States);
        Assert.Equal(TreatyMilestone.Proposed, change.Milestone);

        Assert.Equal(1, await PumpAsync(QueueNames.TreatyChanges, Resolve<RouteChange>().Run));
        var deliveries = await PeekAsync(QueueNames.TelegramDeliveries);
        Assert.Equal(2, deliveries.Count);
        var delivery = deliveries.Single(d => d.Contains("main-en", StringComparison.Ordinal));
        Assert.Equal(2, await DeliverAllAsync());

        var sent = Assert.Single(Posts(ChatId));
        Assert.Equal(ChatId, sent.ChatId);
        Assert.Equal("html", sent.ParseMode, ignoreCase: true);
        Assert.Contains("Prevention of Torture", sent.Text, StringComparison.Ordinal);
        Assert.Contains("themoscowtimes.com/2025/08/26/russia-to-quit", sent.Text, StringComparison.Ordinal);
        Assert.True(FakeTelegramHtml.TryParse(sent.Text!, out _, out var htmlError), htmlError);

        // The same delivery message again (a redelivery after a crash): the ledger stops a second post.
        await Resolve<Deliver>().Run(delivery, QueueTriggerContext.Attempt(1), CancellationToken.None);
        Assert.Single(Posts(ChatId));

        // Next poll: the server answers 304 to the conditional GET; nothing moves.
        _time.Advance(TimeSpan.FromMinutes(11));
        await RunTimerAsync<ScheduleNewsPolls>();
        Assert.Equal(1, await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run));
        Assert.Equal(1, _feeds.NotModifiedCount(PipelineFeeds.NewsPath));
        Assert.Equal(0, await CountAsync(QueueNames.TreatyChanges));
        Assert.Single(Posts(ChatId));
        Assert.Equal(3, _feeds.RequestCount(PipelineFeeds.NewsPath));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Seed_decree_and_seed_story_give_one_post_per_channel_saying_the_government_proposed_it(bool decreeFirst)
    {
        // The archive as it was before the story: remembered silently.
        await RunTimerAsync<ScheduleNewsPolls>();
        await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run);
        _feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        _time.Advance(TimeSpan.FromMinutes(11));

        // Two minutes between the two polls: the per-chat rate limit waits on this test's clock, which only moves when told.
        if (decreeFirst)
        {
            await PollAndDeliverAsync<ScheduleDecreePolls>();
            _time.Advance(TimeSpan.FromMinutes(2));
            await PollAndDeliverAsync<ScheduleNewsPolls>();
        }
        else
        {
            await PollAndDeliverAsync<ScheduleNewsPolls>();
            _time.Advance(TimeSpan.FromMinutes(2));
            await PollAndDeliverAsync<ScheduleDecreePolls>();
        }

        var english = Assert.Single(Posts(ChatId));
        var russian = Assert.Single(Posts(RussianChatId));
        // The news item joined the decree's event: the posts were edited, never posted twice or replied to.
        Assert.DoesNotContain(_telegram.CallsOf("sendMessage"), c => c.Text!.Contains("Update", StringComparison.Ordinal) || c.Text!.Contains("Обновление", StringComparison.Ordinal));
        foreach (var (call, language) in new[] { (english, "en"), (russian, "ru") })
        {
            var final = _telegram.CallsOf("editMessageText").Where(c => c.ChatId == call.ChatId).Select(c => c.Text!).LastOrDefault() ?? call.Text!;
            Assert.True(FakeTelegramHtml.TryParse(final, out _, out var htmlError), htmlError);
            Assert.StartsWith("<a href=\"http://government.ru/docs/all/160982/\">", final[final.IndexOf("<a ", StringComparison.Ordinal)..], StringComparison.Ordinal);
            if (language == "en")
            {
                Assert.Contains("The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture", final, StringComparison.Ordinal);
                Assert.Contains("Date: 23 August 2025.", final, StringComparison.Ordinal);
                Assert.Contains("The Moscow Times</a>", final, StringComparison.Ordinal);
                Assert.DoesNotContain("in effect", final, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                Assert.Contains("Правительство России предложило выйти из конвенции «Европейская конвенция по предупреждению пыток", final, StringComparison.Ordinal);
                Assert.Contains("Дата: 23 августа 2025 г.", final, StringComparison.Ordinal);
                var outsideLinks = System.Text.RegularExpressions.Regex.Replace(final, "<a [^>]*>.*?</a>|<[^>]+>", " ");
                Assert.DoesNotMatch("[A-Za-z]{2,}", outsideLinks);
            }
        }
    }

    [Fact]
    public async Task Old_decrees_on_a_first_poll_become_one_dated_digest_in_a_digest_channel_and_nothing_in_the_other()
    {
        // The English channel takes digests, the Russian one keeps old news silent (the default).
        _settings["Channels:0:Backfill"] = "digest";
        await _services.DisposeAsync();
        _services = BuildServices();

        // First poll of the decree feed on 26 August 2025: the seed decree (25 August) is inside the two-day backfill
        // window, the plutonium decree (31 July) is older.
        await RunTimerAsync<ScheduleDecreePolls>();
        Assert.Equal(1, await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run));
        var changes = (await PeekAsync(QueueNames.TreatyChanges)).Select(MessageJson.Deserialize<TreatyChange>).ToList();
        Assert.Equal(2, changes.Count);
        var digest = Assert.Single(changes, c => c.Digest is not null);
        Assert.Equal("digest.government-ru-docs", digest.EventId);
        var entry = Assert.Single(digest.Digest!);
        Assert.Equal("http://government.ru/docs/all/160340/", Assert.Single(entry.Sources).Link);
        Assert.Equal(new DateOnly(2025, 7, 31), entry.StepDate);
        Assert.Single(changes, c => c.Digest is null && c.Treaty.Id == "coe:126");

        Assert.Equal(2, await PumpAsync(QueueNames.TreatyChanges, Resolve<RouteChange>().Run));
        // Seed decree to both channels, the digest to the English one only.
        var deliveries = await PeekAsync(QueueNames.TelegramDeliveries);
        Assert.Equal(3, deliveries.Count);
        Assert.Single(deliveries, d => d.Contains("digest.government-ru-docs", StringComparison.Ordinal));
        await DeliverOneByOneAsync();

        var english = Posts(ChatId);
        Assert.Equal(2, english.Count);
        var list = Assert.Single(english, c => c.Text!.Contains("Earlier steps", StringComparison.Ordinal)).Text!;
        Assert.Contains("The government of Russia proposed withdrawal from the Agreement", list, StringComparison.Ordinal);
        Assert.Contains("Plutonium", list, StringComparison.Ordinal);
        Assert.Contains(", 31 July 2025", list, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://government.ru/docs/all/160340/\">", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Torture", list, StringComparison.Ordinal);
        Assert.True(FakeTelegramHtml.TryParse(list, out _, out var htmlError), htmlError);
        // The recent decree is posted as itself, with its date.
        Assert.Contains(english, c => c.Text!.Contains("Prevention of Torture", StringComparison.Ordinal) && c.Text!.Contains("Date: 23 August 2025.", StringComparison.Ordinal));
        var russian = Assert.Single(Posts(RussianChatId));
        Assert.DoesNotContain("160340", russian.Text, StringComparison.Ordinal);

        // The digest is one post however often its message comes back.
        await Resolve<Deliver>().Run(Assert.Single(deliveries, d => d.Contains("digest.", StringComparison.Ordinal)), QueueTriggerContext.Attempt(2), CancellationToken.None);
        Assert.Equal(2, Posts(ChatId).Count);
    }

    [Fact]
    public async Task Held_events_reach_the_operator_chat_and_a_decision_on_the_review_queue_posts_or_drops_them()
    {
        const string operatorChat = "-1000000000001";
        _settings["Channels:0:Review"] = "all";
        _settings["Channels:1:Review"] = "all";
        _settings["Telegram:OperatorChatId"] = operatorChat;
        await _services.DisposeAsync();
        _services = BuildServices();

        await RunTimerAsync<ScheduleNewsPolls>();
        await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run);
        _feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        _time.Advance(TimeSpan.FromMinutes(11));
        await RunTimerAsync<ScheduleNewsPolls>();
        await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run);
        Assert.Equal(1, await PumpAsync(QueueNames.TreatyChanges, Resolve<RouteChange>().Run));
        Assert.Equal(0, await CountAsync(QueueNames.TelegramDeliveries));

        // Each held event is announced once to the operator chat, with its id and how to decide.
        Assert.Equal(2, await PumpAsync(QueueNames.OperatorNotices, async (m, c, ct) => { await Resolve<NotifyOperator>().Run(m, c, ct); return []; }));
        var notices = _telegram.CallsOf("sendMessage").Where(c => c.ChatId == operatorChat).Select(c => c.Text!).ToList();
        Assert.Equal(2, notices.Count);
        Assert.Contains(notices, n => n.Contains("ReviewHeld", StringComparison.Ordinal) && n.Contains("main-en:coe-126.withdrawal.ru", StringComparison.Ordinal) && n.Contains("review-decisions", StringComparison.Ordinal));
        Assert.Empty(Posts(ChatId));

        // The operator approves the English one and rejects the Russian one through the queue; an unknown id is poisoned.
        await SendAllAsync(QueueNames.ReviewDecisions,
        [
            MessageJson.Serialize(new ReviewDecision("main-en:coe-126.withdrawal.ru", Approve: true)),
            MessageJson.Serialize(new ReviewDecision("main-ru:coe-126.withdrawal.ru", Approve: false)),
            MessageJson.Serialize(new ReviewDecision("main-en:no-such-event", Approve: true)),
        ]);
        Assert.Equal(3, await PumpAsync(QueueNames.ReviewDecisions, Resolve<DecideReview>().Run));
        var poisoned = Assert.Single(await PeekAsync(QueueNames.Poison(QueueNames.ReviewDecisions)));
        Assert.Contains("no-such-event", poisoned, StringComparison.Ordinal);
        var delivery = Assert.Single(await PeekAsync(QueueNames.TelegramDeliveries));
        Assert.Contains("main-en", delivery, StringComparison.Ordinal);
        await DeliverOneByOneAsync();

        var post = Assert.Single(Posts(ChatId));
        Assert.Contains("Prevention of Torture", post.Text, StringComparison.Ordinal);
        Assert.Empty(Posts(RussianChatId));
    }

    /// <summary>Delivers the queued posts one at a time, moving the test clock past the per-chat limit before each.</summary>
    private async Task DeliverOneByOneAsync()
    {
        var client = Queue(QueueNames.TelegramDeliveries);
        while ((await client.ReceiveMessagesAsync(maxMessages: 1)).Value is [var message])
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            await Resolve<Deliver>().Run(message.Body.ToString(), QueueTriggerContext.From(message), CancellationToken.None);
            await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    private async Task PollAndDeliverAsync<TTimer>()
    {
        await RunTimerAsync<TTimer>();
        await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run);
        await PumpAsync(QueueNames.TreatyChanges, Resolve<RouteChange>().Run);
        await DeliverAllAsync();
    }

    private Task<int> DeliverAllAsync()
        => PumpAsync(QueueNames.TelegramDeliveries, async (m, c, ct) => { await Resolve<Deliver>().Run(m, c, ct); return []; });

    private IReadOnlyList<FakeTelegramCall> Posts(string chatId)
        => _telegram.CallsOf("sendMessage").Where(c => c.ChatId == chatId).ToList();

    [Fact]
    public async Task Timer_skips_sources_that_are_not_due()
    {
        await RunTimerAsync<ScheduleNewsPolls>();
        await PumpAsync(QueueNames.PollRequests, Resolve<PollSource>().Run);

        _time.Advance(TimeSpan.FromMinutes(2));
        await RunTimerAsync<ScheduleNewsPolls>();

        Assert.Equal(0, await CountAsync(QueueNames.PollRequests));
        Assert.Equal(1, _feeds.RequestCount(PipelineFeeds.NewsPath));
    }

    [Fact]
    public async Task Unreadable_message_goes_to_poison_queue_with_its_body()
    {
        var result = await Resolve<PollSource>().Run("{not json", QueueTriggerContext.Attempt(1), CancellationToken.None);

        Assert.Empty(result);
        var poisoned = Assert.Single(await PeekAsync(QueueNames.Poison(QueueNames.PollRequests)));
        Assert.Equal("{not json", poisoned);
    }

    private T Resolve<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    private QueueClient Queue(string name)
        => new(azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Invokes a timer function as the host does and writes its queue output to Azurite.</summary>
    private async Task RunTimerAsync<T>()
    {
        var function = Resolve<T>();
        var run = typeof(T).GetMethod("Run")!;
        var output = await (Task<string[]>)run.Invoke(function, [new TimerInfo(), CancellationToken.None])!;
        await SendAllAsync(QueueNames.PollRequests, output);
    }

    private async Task SendAllAsync(string queue, IEnumerable<string> messages)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        foreach (var message in messages)
        {
            await client.SendMessageAsync(message);
        }
    }

    /// <summary>Feeds every message of a queue to a trigger, writes its outputs on, deletes the message. Returns how many ran.</summary>
    private async Task<int> PumpAsync(string queue, Func<string, FunctionContext, CancellationToken, Task<string[]>> trigger)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        var count = 0;
        while (true)
        {
            var batch = (await client.ReceiveMessagesAsync(maxMessages: 16)).Value;
            if (batch.Length == 0)
            {
                return count;
            }
            foreach (var message in batch)
            {
                var output = await trigger(message.Body.ToString(), QueueTriggerContext.From(message), CancellationToken.None);
                var next = queue switch
                {
                    QueueNames.PollRequests => QueueNames.TreatyChanges,
                    QueueNames.TreatyChanges or QueueNames.ReviewDecisions => QueueNames.TelegramDeliveries,
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
    }

    private async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        return (await client.PeekMessagesAsync(maxMessages: 32)).Value.Select(m => m.Body.ToString()).ToList();
    }

    private async Task<int> CountAsync(string queue) => (await PeekAsync(queue)).Count;
}
