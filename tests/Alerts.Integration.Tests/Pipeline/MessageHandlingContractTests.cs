using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Ports;
using Alerts.Core.Queues;
using Alerts.Integration.Tests.Posting;
using Alerts.Testing;
using Microsoft.Extensions.Logging;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// The same message sequences through both hosts' real paths — the Functions classes over Azurite queues and tables
/// (the Functions host's part played by the test: delete on return, visible again after a throw), and
/// <c>alerts run</c>'s LocalRunner over SQLite — must end the same way: what reached Telegram, what is still queued,
/// what went to the poison queue, how many attempts failed and how many poison signals were emitted.
/// </summary>
[Collection(MessageContractCollection.Name)]
public sealed class MessageHandlingContractTests(AzuriteFixture azurite)
{
    private static readonly string GoodDelivery = MessageJson.Serialize(new Delivery(MessageHost.EventId, 1, MessageHost.ChannelId));

    [Fact]
    public Task A_good_message_is_handled_once() => OnBothHostsAsync(
        async host =>
        {
            await host.EnqueueAsync(GoodDelivery);
            await host.RoundAsync();
        },
        new HostOutcome(Posted: 1, SendCalls: 1, Queued: 0, Poisoned: "", FailedAttempts: 0, PoisonSignals: 0));

    [Fact]
    public Task A_newer_message_version_is_poisoned_at_once_with_its_body() => OnBothHostsAsync(
        async host =>
        {
            await host.EnqueueAsync(GoodDelivery.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal));
            await host.RoundAsync();
        },
        new HostOutcome(Posted: 0, SendCalls: 0, Queued: 0, Poisoned: GoodDelivery.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal), FailedAttempts: 0, PoisonSignals: 1));

    [Fact]
    public Task Malformed_json_is_poisoned_at_once_with_its_body() => OnBothHostsAsync(
        async host =>
        {
            await host.EnqueueAsync("{\"eventId\": 12");
            await host.RoundAsync();
        },
        new HostOutcome(Posted: 0, SendCalls: 0, Queued: 0, Poisoned: "{\"eventId\": 12", FailedAttempts: 0, PoisonSignals: 1));

    [Fact]
    public Task A_stage_that_throws_is_retried_after_the_retry_delay_and_then_succeeds() => OnBothHostsAsync(
        async host =>
        {
            // The stored revision cannot be read: the delivery stage throws.
            await host.CorruptRevisionAsync();
            await host.EnqueueAsync(GoodDelivery);
            await host.RoundAsync();
            Assert.Equal(1, await host.QueuedAsync());

            // Not visible again before the retry delay.
            await host.RoundAsync();
            Assert.Equal(1, host.FailedAttempts);

            await host.SaveRevisionAsync();
            await host.PassRetryDelayAsync();
            await host.RoundAsync();
        },
        new HostOutcome(Posted: 1, SendCalls: 1, Queued: 0, Poisoned: "", FailedAttempts: 1, PoisonSignals: 0));

    [Fact]
    public Task A_stage_that_keeps_throwing_is_poisoned_by_the_app_on_the_last_attempt() => OnBothHostsAsync(
        async host =>
        {
            await host.CorruptRevisionAsync();
            await host.EnqueueAsync(GoodDelivery);
            for (var attempt = 1; attempt <= QueuePolicy.MaxDequeueCount; attempt++)
            {
                Assert.Equal(0, host.PoisonSignals);
                await host.RoundAsync();
                await host.PassRetryDelayAsync();
            }
        },
        new HostOutcome(Posted: 0, SendCalls: 0, Queued: 0, Poisoned: GoodDelivery, FailedAttempts: QueuePolicy.MaxDequeueCount, PoisonSignals: 1));

    [Fact]
    public Task A_stage_that_asks_to_wait_gets_a_delayed_follow_up_that_does_not_burn_attempts() => OnBothHostsAsync(
        async host =>
        {
            host.Telegram.FailNext(new FakeTelegramFault.TooManyRequests(1));
            await host.EnqueueAsync(GoodDelivery);
            await host.RoundAsync();
            Assert.Equal(1, await host.QueuedAsync());
            Assert.Equal(0, host.Telegram.PostedCount);

            await host.WaitAsync(TimeSpan.FromSeconds(2));
            await host.RoundAsync();
        },
        new HostOutcome(Posted: 1, SendCalls: 2, Queued: 0, Poisoned: "", FailedAttempts: 0, PoisonSignals: 0));

    private async Task OnBothHostsAsync(Func<MessageHost, Task> sequence, HostOutcome expected)
    {
        using var metrics = new MetricsRecorder(AlertsMetrics.MeterName);
        var outcomes = new List<HostOutcome>();
        await using (var functions = await FunctionsMessageHost.StartAsync(azurite))
        {
            await sequence(functions);
            outcomes.Add(await functions.OutcomeAsync());
        }
        await using (var local = await LocalMessageHost.StartAsync())
        {
            await sequence(local);
            outcomes.Add(await local.OutcomeAsync());
        }

        Assert.Equal(expected, outcomes[0]);
        Assert.Equal(outcomes[0], outcomes[1]);
        // This collection runs alone, so the counter saw exactly these two hosts.
        Assert.Equal(2 * expected.PoisonSignals, metrics.Sum(AlertsMetrics.PoisonedCounter, ("queue", QueueNames.Poison(QueueNames.TelegramDeliveries))));
    }
}

/// <summary>What a sequence left behind, in the terms both hosts share.</summary>
public sealed record HostOutcome(int Posted, int SendCalls, int Queued, string Poisoned, int FailedAttempts, int PoisonSignals);

/// <summary>Runs alone: the hosts use the pipeline's fixed queue and table names, and the poison counter is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MessageContractCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Message handling contract";
}

/// <summary>One host's message path for deliveries, with a fake Telegram and captured logs.</summary>
internal abstract class MessageHost(FakeTelegramServer telegram) : IAsyncDisposable
{
    public const string EventId = "ev-ru-cpt";
    public const string ChannelId = "main";
    private const string ChatId = "-1001230000001";

    public FakeTelegramServer Telegram { get; } = telegram;

    protected CapturingLoggerFactory Logs { get; } = new();

    protected abstract IServiceProvider Services { get; }

    public int FailedAttempts => Logs.Logs.Count(l => l.Category == typeof(MessageRunner).FullName && l.Level >= LogLevel.Warning && l.Message.Contains("failed on attempt", StringComparison.Ordinal));

    public int PoisonSignals => Logs.Logs.Count(l => l.Level == LogLevel.Warning && l.Values.Contains($"Signal={OperatorNotices.MessagePoisoned}", StringComparison.Ordinal));

    /// <summary>The settings both hosts get, besides their store.</summary>
    protected static Dictionary<string, string?> Settings(FakeTelegramServer telegram) => new()
    {
        ["UseDefaultSources"] = "false",
        ["Channels:0:Id"] = ChannelId,
        ["Channels:0:ChatId"] = ChatId,
        ["Channels:0:Language"] = "en",
        ["Telegram:BotToken"] = telegram.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        // Any wait Telegram asks for becomes a delayed follow-up message instead of a wait in process.
        ["Delivery:MaxInProcessWait"] = "00:00:00",
    };

    public abstract Task EnqueueAsync(string body);

    /// <summary>Every visible delivery message is handled once by the host's path.</summary>
    public abstract Task RoundAsync();

    /// <summary>Time passes for a message whose stage threw (<see cref="QueuePolicy.RetryDelay"/>).</summary>
    public abstract Task PassRetryDelayAsync();

    /// <summary>Time passes for a delay the app chose (a delayed follow-up message).</summary>
    public abstract Task WaitAsync(TimeSpan delay);

    public abstract Task<int> QueuedAsync();

    protected abstract Task<IReadOnlyList<string>> PoisonedAsync();

    public async Task SaveRevisionAsync()
    {
        var change = AlertFormatter.SampleChange with { EventId = EventId, Revision = 1 };
        await Store.UpsertAsync(StateTables.Events, EventId, EventTable.RevisionRow(1), MessageJson.Serialize(change));
    }

    public Task CorruptRevisionAsync()
        => Store.UpsertAsync(StateTables.Events, EventId, EventTable.RevisionRow(1), "{\"eventId\": \"" + EventId + "\", \"revision\": \"one\"");

    public async Task<HostOutcome> OutcomeAsync() => new(
        Telegram.PostedCount,
        Telegram.CallsOf("sendMessage").Count,
        await QueuedAsync(),
        string.Join("|", await PoisonedAsync()),
        FailedAttempts,
        PoisonSignals);

    private IStateStore Store => (IStateStore)Services.GetService(typeof(IStateStore))!;

    public abstract ValueTask DisposeAsync();
}
