using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Azure;
using Alerts.Cli;
using Alerts.Core.Ports;
using Alerts.Core.Messages;
using Alerts.Local;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Reliability;

/// <summary>The stores the fault suite runs against: a SQLite file, or Azure Storage on Azurite.</summary>
public enum FaultStore
{
    Sqlite,
    Azurite,
}

/// <summary>
/// One operator's machine for the fault suite: a loopback feed server serving a news feed with N distinct treaty
/// withdrawals (N events, one post each), the fake Telegram Bot API, a store (a SQLite file, or Azurite with table
/// and queue names of this scenario's own through <c>Store:NamePrefix</c>) and a config file, and the real CLI as a
/// child process. Counts come from the fake Telegram (what subscribers see) and the ledger.
/// </summary>
internal sealed class FaultScenario : IAsyncDisposable
{
    public const string Chat = "-1001234500000";
    public const string FeedPath = "/rss/faults";

    private readonly AzuriteFixture? _azurite;

    private FaultScenario(LoopbackFeedServer feeds, FakeTelegramServer telegram, string workDir, AzuriteFixture? azurite)
    {
        Feeds = feeds;
        Telegram = telegram;
        WorkDir = workDir;
        _azurite = azurite;
        NamePrefix = azurite is null ? "" : AzuriteFixture.UniqueName("f");
    }

    public LoopbackFeedServer Feeds { get; }
    public FakeTelegramServer Telegram { get; }
    public string WorkDir { get; }
    public string StorePath => Path.Combine(WorkDir, "alerts.db");

    /// <summary>The <c>--store</c> value: the SQLite file or the Azurite connection string.</summary>
    public string Store => _azurite?.ConnectionString ?? $"Data Source={StorePath}";

    /// <summary>This scenario's <c>Store:NamePrefix</c> on Azurite (empty on SQLite).</summary>
    public string NamePrefix { get; }

    public static async Task<FaultScenario> StartAsync(int alerts, FaultStore store = FaultStore.Sqlite, AzuriteFixture? azurite = null)
    {
        if (store == FaultStore.Azurite && azurite is null)
        {
            throw new ArgumentNullException(nameof(azurite), "the Azurite store needs the fixture");
        }
        var workDir = Directory.CreateTempSubdirectory("alerts-faults-").FullName;
        var scenario = new FaultScenario(await LoopbackFeedServer.StartAsync(), await FakeTelegramServer.StartAsync(), workDir,
            store == FaultStore.Azurite ? azurite : null);
        scenario.Feeds.Serve(FeedPath, Withdrawals(alerts));
        return scenario;
    }

    /// <summary>An RSS feed of <paramref name="count"/> items, each Russia proposing to leave a different treaty of tests/data/catalog/key_treaties.csv.</summary>
    public static string Withdrawals(int count)
    {
        var titles = TestCsv.Rows(RepositoryPaths.TestData("catalog", "key_treaties.csv"))
            .Select(row => row["title_en"])
            .Take(count)
            .ToList();
        if (titles.Count < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"key_treaties.csv has {titles.Count} treaties");
        }
        return Rss(titles.Select((title, i) => Item(i, $"Russia to Quit the {title}",
            $"Prime Minister Mikhail Mishustin signed a decree proposing that President Vladimir Putin submit the withdrawal from the {title} to the State Duma.")));
    }

    public static string Rss(IEnumerable<string> items) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Fault suite</title><link>https://news.example.org/</link><description>faults</description>"
        + string.Concat(items) + "</channel></rss>";

    /// <summary>Within the first poll's backfill window (Polling:FirstPollBackfill), so the first run alerts on them.</summary>
    private static readonly DateTimeOffset Published = new(DateTimeOffset.UtcNow.AddHours(-1).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public static string Item(int i, string title, string description, string host = "news.example.org") =>
        $"<item><title>{title}</title><link>https://{host}/a/{i}</link><guid>https://{host}/a/{i}</guid>" +
        $"<pubDate>{Published.AddMinutes(i).ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{description}</description></item>";

    /// <summary>Writes the configuration: the feed, one channel, Telegram at <paramref name="telegramUrl"/> (the fake by default) and fast limits.</summary>
    public string Config(string? telegramUrl = null, int timeoutSeconds = 3, string maxDelayedWait = "00:00:30", string visibility = "00:05:00", string claimTimeout = "00:00:10", string name = "alerts.json", IReadOnlyList<string>? morePaths = null)
    {
        var sources = new[] { FeedPath }.Concat(morePaths ?? [])
            .Select(path => new { Id = path == FeedPath ? "faults" : path.Split('/')[^1], Url = Feeds.Url(path).ToString(), Group = "news", Language = "en", Authority = "media", Interval = "00:00:01", AllowPrivateNetwork = true })
            .ToArray();
        var config = new
        {
            UseDefaultSources = false,
            Sources = sources,
            Channels = new[] { new { Id = "faults-en", ChatId = Chat, Language = "en" } },
            Telegram = new { BotToken = Telegram.Token, ApiBaseUrl = telegramUrl ?? Telegram.BaseUrl, TimeoutSeconds = timeoutSeconds, ConnectTimeoutSeconds = 1, ProbeTimeoutSeconds = 1 },
            // Telegram's real pace would make the suite slow; the fake does not enforce it unless asked.
            Delivery = new { PerChatPerSecond = 10, PerChannelPerMinute = 600, BaseBackoff = "00:00:01", ClaimTimeout = claimTimeout },
            Run = new { MaxDelayedWait = maxDelayedWait, VisibilityTimeout = visibility },
            Store = new { NamePrefix },
        };
        var path = Path.Combine(WorkDir, name);
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        return path;
    }

    public AlertsProcess Start(string config, params string[] args) => AlertsProcess.Start(WorkDir, ["run", .. args, "--config", config, "--store", Store, "--verbose"]);

    /// <summary><c>alerts run --once</c> as a child process, to its end.</summary>
    public async Task<(int Exit, string Log)> RunOnceAsync(string config, TimeSpan? timeout = null)
    {
        using var run = Start(config, "--once");
        var exit = await run.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        return (exit, run.ToString());
    }

    /// <summary>
    /// <c>run --once</c> again while deliveries are still queued (at most <paramref name="maxRuns"/> runs), as an operator's
    /// timer would: how many deliveries one run's window (<c>Run:MaxDelayedWait</c>) gets through depends on the machine's
    /// load, so a case that counts posts after recovery waits for the queue to empty, not for a clock. Returns every run.
    /// </summary>
    public async Task<IReadOnlyList<(int Exit, string Log)>> RunUntilDeliveredAsync(string config, int maxRuns = 6)
    {
        var runs = new List<(int Exit, string Log)>();
        do
        {
            runs.Add(await RunOnceAsync(config));
        }
        while (runs.Count < maxRuns && runs[^1].Exit == 0 && await QueuedDeliveriesAsync() > 0);
        return runs;
    }

    /// <summary>Another CLI command in process (listing and releasing are quick; no need for a child).</summary>
    public async Task<(int Exit, string Output, string Error)> CliAsync(string config, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AlertsCli.RunAsync([.. args, "--config", config, "--store", Store], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Held and dropped deliveries, as <c>alerts deliveries list --format jsonl</c> shows them.</summary>
    public async Task<IReadOnlyList<JsonElement>> NotDeliveredAsync(string config)
    {
        var (_, output, _) = await CliAsync(config, "deliveries", "list", "--format", "jsonl");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>Treaty events in the store: each is one post in the channel.</summary>
    public async Task<int> EventCountAsync(string config)
    {
        var (_, output, _) = await CliAsync(config, "events", "--format", "jsonl");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    /// <summary>Deliveries waiting on the queue (visible or not).</summary>
    public async Task<int> QueuedDeliveriesAsync()
    {
        IMessageQueue queue = _azurite is null
            ? new SqliteMessageQueue(SqliteDatabase.ForFile(StorePath), TimeProvider.System)
            : new AzureStorageMessageQueue(_azurite.ConnectionString, NamePrefix);
        return await queue.CountAsync(QueueNames.TelegramDeliveries);
    }

    /// <summary>
    /// What an operator does with held deliveries after looking at the channel: when every alert is there, the held
    /// ones were posted (drop them); when as many are missing as are held, they were not (release them).
    /// </summary>
    public async Task ResolveHeldAsync(string config)
    {
        var alerts = await EventCountAsync(config);
        var held = await NotDeliveredAsync(config);
        var missing = alerts - Telegram.Messages(Chat).Count;
        Assert.True(missing == 0 || missing == held.Count, $"{held.Count} held but {missing} missing");
        foreach (var entry in held)
        {
            var (exit, _, error) = await CliAsync(config, "deliveries", missing == 0 ? "drop" : "release", entry.GetProperty("id").GetString()!);
            Assert.True(exit == 0, error);
        }
    }

    /// <summary>Posts that subscribers see more than once (same text).</summary>
    public IReadOnlyList<string> Duplicates() => Telegram.Messages(Chat).GroupBy(m => m.PlainText).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    public async ValueTask DisposeAsync()
    {
        await Feeds.DisposeAsync();
        await Telegram.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
