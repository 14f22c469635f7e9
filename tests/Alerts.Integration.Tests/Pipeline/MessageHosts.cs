using Alerts.Cli;
using Alerts.Cli.Running;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Functions;
using Alerts.Integration.Tests.Functions;
using Alerts.Telegram;
using Alerts.Testing;
using Azure.Storage.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// The Functions app's <see cref="Deliver"/> class built from the app's own composition over Azurite. The test plays
/// the Functions host: it receives a batch, invokes the function with the message's binding data, deletes the
/// message when the function returns, and leaves it invisible when it throws until the retry delay has passed.
/// </summary>
internal sealed class FunctionsMessageHost : MessageHost
{
    private readonly AzuriteFixture _azurite;
    private readonly ServiceProvider _services;
    private readonly List<(string Id, string Receipt)> _failed = [];

    private FunctionsMessageHost(AzuriteFixture azurite, FakeTelegramServer telegram) : base(telegram)
    {
        _azurite = azurite;
        var settings = Settings(telegram);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAlertsFunctions(configuration, AppContext.BaseDirectory);
        _services = services.BuildServiceProvider();
    }

    protected override IServiceProvider Services => _services;

    public static async Task<FunctionsMessageHost> StartAsync(AzuriteFixture azurite)
    {
        await FunctionsStorage.ResetAsync(azurite);
        var host = new FunctionsMessageHost(azurite, await FakeTelegramServer.StartAsync());
        await host.SaveRevisionAsync();
        return host;
    }

    public override async Task EnqueueAsync(string body)
    {
        var queue = Queue(QueueNames.TelegramDeliveries);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(body);
    }

    public override async Task RoundAsync()
    {
        var queue = Queue(QueueNames.TelegramDeliveries);
        await queue.CreateIfNotExistsAsync();
        foreach (var message in (await queue.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5))).Value)
        {
            try
            {
                await ActivatorUtilities.CreateInstance<Deliver>(_services).Run(message.Body.ToString(), QueueTriggerContext.From(message), CancellationToken.None);
            }
            catch (Exception)
            {
                // The host makes a failed message visible again after host.json's visibilityTimeout.
                _failed.Add((message.MessageId, message.PopReceipt));
                continue;
            }
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    public override async Task PassRetryDelayAsync()
    {
        var queue = Queue(QueueNames.TelegramDeliveries);
        foreach (var (id, receipt) in _failed)
        {
            await queue.UpdateMessageAsync(id, receipt, visibilityTimeout: TimeSpan.Zero);
        }
        _failed.Clear();
    }

    public override Task WaitAsync(TimeSpan delay) => Task.Delay(delay);

    public override async Task<int> QueuedAsync()
        => (await Queue(QueueNames.TelegramDeliveries).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    protected override async Task<IReadOnlyList<string>> PoisonedAsync()
    {
        var poison = Queue(QueueNames.Poison(QueueNames.TelegramDeliveries));
        await poison.CreateIfNotExistsAsync();
        return (await poison.PeekMessagesAsync(maxMessages: 32)).Value.Select(m => m.Body.ToString()).ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Telegram.DisposeAsync();
    }

    private QueueClient Queue(string name)
        => new(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}

/// <summary><c>alerts run</c>'s <see cref="LocalRunner"/> from the CLI's composition over a SQLite file, on a fake clock.</summary>
internal sealed class LocalMessageHost : MessageHost
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-contract-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly IHost _host;

    private LocalMessageHost(FakeTelegramServer telegram) : base(telegram)
    {
        var settings = Settings(telegram);
        settings[CliServices.StoreConnectionKey] = $"Data Source={Path.Combine(_directory, "alerts.db")}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = CliServices.CreateBuilder(configuration, new CliContext(TextWriter.Null, TextWriter.Null), verbose: false);
        builder.Services.AddLogging(logging => logging.AddProvider(Logs));
        builder.Services.AddAlertsTelegram(configuration);
        builder.Services.AddSingleton<LocalRunner>();
        builder.Services.AddSingleton<TimeProvider>(_time);
        _host = builder.Build();
    }

    protected override IServiceProvider Services => _host.Services;

    public static async Task<LocalMessageHost> StartAsync()
    {
        var host = new LocalMessageHost(await FakeTelegramServer.StartAsync());
        await host.SaveRevisionAsync();
        return host;
    }

    private IMessageQueue Queue => _host.Services.GetRequiredService<IMessageQueue>();

    public override Task EnqueueAsync(string body) => Queue.EnqueueAsync(QueueNames.TelegramDeliveries, body);

    public override Task RoundAsync() => _host.Services.GetRequiredService<LocalRunner>().RunCycleAsync(waitForDelayed: false, CancellationToken.None);

    public override Task PassRetryDelayAsync()
    {
        _time.Advance(Core.Queues.QueuePolicy.RetryDelay);
        return Task.CompletedTask;
    }

    public override Task WaitAsync(TimeSpan delay)
    {
        _time.Advance(delay);
        return Task.CompletedTask;
    }

    public override Task<int> QueuedAsync() => Queue.CountAsync(QueueNames.TelegramDeliveries);

    protected override async Task<IReadOnlyList<string>> PoisonedAsync()
        => (await Queue.ReceiveAsync(QueueNames.Poison(QueueNames.TelegramDeliveries), 32, TimeSpan.FromMinutes(1))).Select(m => m.Body).ToList();

    public override async ValueTask DisposeAsync()
    {
        _host.Dispose();
        await Telegram.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner.
        }
    }
}
