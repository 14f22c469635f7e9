using Alerts.Core.Posting;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Alerts.Local;
using Alerts.Telegram;
using Alerts.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Posting;

public class DeliveryQueueHandlerTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_retry_is_re_enqueued_with_the_wait_as_visibility_delay_and_a_fresh_dequeue_count()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await DeliveryHarness.StartAsync(time: time);
        await h.SaveChangeAsync();
        await h.Queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.Serialize(new Delivery("ev-ru-cpt", 1, "main")));
        h.Telegram.FailNext(new FakeTelegramFault.TooManyRequests(30));

        var first = Assert.Single(await h.Queue.ReceiveAsync(QueueNames.TelegramDeliveries, 1, Visibility));
        Assert.IsType<DeliveryResult.Retry>(await h.Handler.HandleAsync(first));

        Assert.Equal(1, await h.Queue.CountAsync(QueueNames.TelegramDeliveries));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await h.Queue.ReceiveAsync(QueueNames.TelegramDeliveries, 1, Visibility));
        time.Advance(TimeSpan.FromSeconds(2));
        var second = Assert.Single(await h.Queue.ReceiveAsync(QueueNames.TelegramDeliveries, 1, Visibility));
        Assert.Equal(1, second.DequeueCount);
        Assert.Equal(1, MessageJson.Deserialize<Delivery>(second.Body).Attempt);

        Assert.IsType<DeliveryResult.Delivered>(await h.Handler.HandleAsync(second));
        Assert.Equal(0, await h.Queue.CountAsync(QueueNames.TelegramDeliveries));
        Assert.Equal(0, await h.Queue.CountAsync(QueueNames.Poison(QueueNames.TelegramDeliveries)));
        Assert.Equal(1, h.Telegram.PostedCount);
    }

    [Fact]
    public async Task Out_of_attempts_and_unreadable_messages_are_poisoned_a_kicked_bot_is_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await DeliveryHarness.StartAsync(o => o.MaxAttempts = 2, time: time,
            channels: [DeliveryHarness.Channel("main", "-1001001"), DeliveryHarness.Channel("gone", "-1009")]);
        await h.SaveChangeAsync();
        h.Telegram.FailChat("-1001001", new FakeTelegramFault.ServerError(500));
        h.Telegram.FailChat("-1009", new FakeTelegramFault.Kicked());
        await h.Queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.Serialize(new Delivery("ev-ru-cpt", 1, "main")));
        await h.Queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.Serialize(new Delivery("ev-ru-cpt", 1, "gone")));
        await h.Queue.EnqueueAsync(QueueNames.TelegramDeliveries, "{\"eventId\": 12");

        var results = new List<DeliveryResult>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var message in await h.Queue.ReceiveAsync(QueueNames.TelegramDeliveries, 10, Visibility))
            {
                results.Add(await h.Handler.HandleAsync(message));
            }
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(4, results.Count); // main twice (retry, then out of attempts), gone once, garbage once
        Assert.Equal(2, results.Count(r => r is DeliveryResult.Dropped { Poison: true }));
        Assert.Single(results, r => r is DeliveryResult.Dropped { Poison: false });
        Assert.Equal(0, await h.Queue.CountAsync(QueueNames.TelegramDeliveries));
        Assert.Equal(2, await h.Queue.CountAsync(QueueNames.Poison(QueueNames.TelegramDeliveries)));
        Assert.Equal(3, h.Telegram.CallsOf("sendMessage").Count);
    }

    [Fact]
    public async Task The_di_extensions_compose_a_working_stage_and_a_broken_template_fails_at_start()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var dir = Directory.CreateTempSubdirectory("alerts-di-").FullName;
        try
        {
            using var good = Provider(telegram, dir, DeliveryHarness.TemplatesDirectory);
            _ = good.GetRequiredService<IOptions<FormattingOptions>>().Value;
            await good.GetRequiredService<Core.Events.EventTable>().SaveRevisionAsync(AlertFormatter.SampleChange);
            var result = await good.GetRequiredService<DeliverStage>().RunAsync(new Delivery(AlertFormatter.SampleChange.EventId, 1, "main"));
            Assert.IsType<DeliveryResult.Delivered>(result);
            Assert.Single(telegram.Messages("-100555"));
            Assert.Equal("main", Assert.Single(good.GetRequiredService<ChannelDirectory>().All).Id);

            var broken = Path.Combine(dir, "broken");
            Directory.CreateDirectory(broken);
            File.WriteAllText(Path.Combine(broken, "en.liquid"), "{{ marker }} <b>{{ treaty.name }}");
            using var bad = Provider(telegram, dir, broken);
            var ex = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<FormattingOptions>>().Value);
            Assert.Contains("en.liquid", ex.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ServiceProvider Provider(FakeTelegramServer telegram, string dir, string templates)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Channels:0:Id"] = "main",
            ["Channels:0:ChatId"] = "-100555",
            ["Channels:0:Language"] = "en",
            ["Formatting:TemplatesDirectory"] = templates,
            ["Delivery:PerChannelPerMinute"] = "20",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        var database = SqliteDatabase.ForFile(Path.Combine(dir, Guid.NewGuid().ToString("N") + ".db"));
        services.AddSingleton<IStateStore>(new SqliteStateStore(database));
        services.AddSingleton<IMessageQueue>(new SqliteMessageQueue(database));
        services.AddSingleton(new ChannelDirectory(configuration.GetSection(ChannelDirectory.Section).Get<List<ChannelDefinition>>() ?? []));
        services.AddSingleton<ITreatyNames>(TreatyNameTable.Empty);
        services.AddDelivery(configuration);
        services.AddAlertsTelegram(configuration);
        return services.BuildServiceProvider();
    }
}
