using Alerts.Core.Posting;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Queues;
using Alerts.Core.Routing;
using Alerts.Local;
using Alerts.Telegram;
using Alerts.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Integration.Tests.Posting;

/// <summary>
/// The real delivery parts wired together: a SQLite state file per test, the fake Telegram server, the real
/// Telegram.Bot sender, the shipped templates.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly HttpClient _http;

    private DeliveryHarness(FakeTelegramServer telegram, DeliveryOptions options, IReadOnlyList<ChannelDefinition> channels, int timeoutSeconds, TimeProvider time)
    {
        Telegram = telegram;
        Options = options;
        Time = time;
        _directory = Directory.CreateTempSubdirectory("alerts-delivery-").FullName;
        Database = SqliteDatabase.ForFile(Path.Combine(_directory, "state.db"));
        Store = new SqliteStateStore(Database, time);
        Queue = new SqliteMessageQueue(Database, time);
        Events = new EventTable(Store);
        Ledger = new DeliveryLedger(Store, time);
        ChannelStates = new ChannelStateStore(Store, time);
        Channels = new ChannelDirectory(channels);
        Formatter = new AlertFormatter(new AlertTemplates(TemplatesDirectory), RepositoryNames);
        var telegramOptions = new TelegramOptions
        {
            BotToken = telegram.Token,
            ApiBaseUrl = telegram.BaseUrl,
            TimeoutSeconds = timeoutSeconds,
            // The fake answers getMe at once (injected faults hit posts and edits only), so no test here waits for a probe
            // to time out; a 1-second deadline failed the probe on a loaded CI machine (the resend test then saw Retry, not Held).
            ProbeTimeoutSeconds = 10,
        };
        _http = TelegramServiceCollectionExtensions.CreateHttpClient(telegramOptions);
        Sender = new TelegramChannelSender(_http, Microsoft.Extensions.Options.Options.Create(telegramOptions), NullLogger<TelegramChannelSender>.Instance);
        Limiter = new DeliveryRateLimiter(Microsoft.Extensions.Options.Options.Create(options), time);
        Claims = new DeliveryClaims(Store, time);
        Stage = NewStage(Limiter);
        Handler = new QueuedDeliveries(new DeliveryQueueHandler(Stage), Queue);
    }

    /// <summary>A delivery stage over this harness's store and sender, as another process of the app would have (its own limiter, optionally the shared gate).</summary>
    public DeliverStage NewStage(DeliveryRateLimiter limiter, SharedRateGate? sharedGate = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var sends = new DeliverySends(Ledger, Claims, ChannelStates, Sender, limiter, options, Time, Logs.CreateLogger<DeliverySends>(),
            new Alerts.Core.Operations.OperatorNotices(Queue), sharedGate);
        return new DeliverStage(Events, Ledger, Claims, ChannelStates, Channels, Formatter, sends, options, Time, Logs.CreateLogger<DeliverStage>());
    }

    public FakeTelegramServer Telegram { get; }
    public DeliveryOptions Options { get; }
    public TimeProvider Time { get; }
    public SqliteDatabase Database { get; }
    public SqliteStateStore Store { get; }
    public SqliteMessageQueue Queue { get; }
    public EventTable Events { get; }
    public DeliveryLedger Ledger { get; }
    public DeliveryClaims Claims { get; }
    public ChannelStateStore ChannelStates { get; }
    public ChannelDirectory Channels { get; }
    public AlertFormatter Formatter { get; }
    public TelegramChannelSender Sender { get; }
    public DeliveryRateLimiter Limiter { get; }
    public DeliverStage Stage { get; }
    public QueuedDeliveries Handler { get; }
    public CapturingLoggerFactory Logs { get; } = new();

    public static async Task<DeliveryHarness> StartAsync(
        Action<DeliveryOptions>? configure = null,
        IReadOnlyList<ChannelDefinition>? channels = null,
        int timeoutSeconds = 10,
        TimeProvider? time = null)
    {
        var options = new DeliveryOptions();
        configure?.Invoke(options);
        var telegram = await FakeTelegramServer.StartAsync();
        return new DeliveryHarness(telegram, options, channels ?? [Channel("main", "-1001001")], timeoutSeconds, time ?? TimeProvider.System);
    }

    public static ChannelDefinition Channel(string id, string chatId, string language = "en", UpdateMode updates = UpdateMode.Both, string? template = null) =>
        new() { Id = id, ChatId = chatId, Language = language, Updates = updates, Template = template };

    /// <summary>The seed story as revision <paramref name="revision"/> of event <paramref name="eventId"/>, saved in the event store.</summary>
    public async Task<TreatyChange> SaveChangeAsync(string eventId = "ev-ru-cpt", int revision = 1, TreatyMilestone stage = TreatyMilestone.Proposed, string? summary = null)
    {
        var change = AlertFormatter.SampleChange with
        {
            EventId = eventId,
            Revision = revision,
            Milestone = stage,
            Summary = summary ?? AlertFormatter.SampleChange.Summary,
            Contexts = summary is null ? AlertFormatter.SampleChange.Contexts : new Dictionary<string, string> { ["en"] = summary, ["ru"] = summary },
        };
        await Events.SaveRevisionAsync(change);
        return change;
    }

    public Task<DeliveryResult> DeliverAsync(string eventId = "ev-ru-cpt", int revision = 1, string channelId = "main", int attempt = 0) =>
        Stage.RunAsync(new Delivery(eventId, revision, channelId, attempt));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Telegram.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left to the temp cleaner.
        }
    }

    public static TreatyNameTable RepositoryNames { get; } = new TreatyNameTable()
        .Add("coe:126", "en", "European Convention for the Prevention of Torture", "CPT")
        .Add("coe:126", "ru", "Европейская конвенция по предупреждению пыток", "ЕКПП");

    /// <summary>config/templates of this repository, found from the test output folder.</summary>
    public static string TemplatesDirectory { get; } = FindTemplates();

    private static string FindTemplates()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "templates");
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("config/templates not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Runs received delivery messages through the one message path and settles them on the queue, as the local runner does.</summary>
internal sealed class QueuedDeliveries(DeliveryQueueHandler handler, IMessageQueue queue)
{
    private readonly MessageRunner _runner = new(queue, NullLogger<MessageRunner>.Instance);

    /// <summary>The stage's result; a message that could not be read counts as a poisoned drop.</summary>
    public async Task<DeliveryResult> HandleAsync(QueueMessage message)
    {
        var outcome = await _runner.RunAsync(handler, message, new QueueSettlement(queue, message));
        return outcome.Result ?? new DeliveryResult.Dropped(outcome.Reason ?? "", Poison: true);
    }
}
