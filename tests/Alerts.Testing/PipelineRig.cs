using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Testing;

/// <summary>
/// What every end-to-end test sets up: a loopback feed server serving feeds and a fake Telegram Bot API server, and the
/// configuration a host reads to use them (<see cref="PipelineSettings"/>). One per test class instance.
/// </summary>
public sealed class PipelineRig : IAsyncDisposable
{
    private PipelineRig(LoopbackFeedServer feeds, FakeTelegramServer telegram)
    {
        Feeds = feeds;
        Telegram = telegram;
    }

    public LoopbackFeedServer Feeds { get; }
    public FakeTelegramServer Telegram { get; }

    /// <summary>Starts both servers; the feed server serves each (path, body) given.</summary>
    public static async Task<PipelineRig> StartAsync(params (string Path, byte[] Body)[] feeds)
    {
        var feedServer = await LoopbackFeedServer.StartAsync();
        var telegram = await FakeTelegramServer.StartAsync();
        foreach (var (path, body) in feeds)
        {
            feedServer.Serve(path, body);
        }
        return new PipelineRig(feedServer, telegram);
    }

    /// <summary>
    /// Configuration over these servers: no default sources, the bot pointed at the fake Telegram. <paramref name="pollInterval"/>
    /// is each source's interval (the CLI's tests poll every second); null leaves the source kind's default.
    /// </summary>
    public PipelineSettings Settings(string? pollInterval = null) => new(this, pollInterval);

    public async ValueTask DisposeAsync()
    {
        await Feeds.DisposeAsync();
        await Telegram.DisposeAsync();
    }
}

/// <summary>
/// A host's configuration for a <see cref="PipelineRig"/>, built up as configuration keys (<c>Sources:0:Url</c>): given
/// to the Functions app as settings (<see cref="ToDictionary"/>) or to the CLI as a JSON file (<see cref="ToJson"/>).
/// </summary>
public sealed class PipelineSettings
{
    private readonly PipelineRig _rig;
    private readonly string? _pollInterval;
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase) { ["UseDefaultSources"] = "false" };
    private int _sources;
    private int _channels;

    internal PipelineSettings(PipelineRig rig, string? pollInterval)
    {
        _rig = rig;
        _pollInterval = pollInterval;
        Bot();
    }

    /// <summary>A source polling the feed server's <paramref name="path"/>.</summary>
    public PipelineSettings Source(string id, string path, string group = "news", string language = "en", string authority = "media") =>
        SourceAt(id, _rig.Feeds.Url(path).ToString(), group, language, authority);

    /// <summary>A source at any URL (one that fails, for instance).</summary>
    public PipelineSettings SourceAt(string id, string url, string group = "news", string language = "en", string authority = "media")
    {
        var prefix = $"Sources:{_sources++}:";
        Set(prefix + "Id", id).Set(prefix + "Url", url).Set(prefix + "Group", group).Set(prefix + "Language", language)
            .Set(prefix + "Authority", authority).Set(prefix + "AllowPrivateNetwork", "true");
        return _pollInterval is null ? this : Set(prefix + "Interval", _pollInterval);
    }

    /// <summary>A Telegram channel; review and backfill as the host's defaults unless given.</summary>
    public PipelineSettings Channel(string id, string chatId, string language = "en", string? review = null, string? backfill = null)
    {
        var prefix = $"Channels:{_channels++}:";
        Set(prefix + "Id", id).Set(prefix + "ChatId", chatId).Set(prefix + "Language", language);
        if (review is not null)
        {
            Set(prefix + "Review", review);
        }
        return backfill is null ? this : Set(prefix + "Backfill", backfill);
    }

    /// <summary>The bot on the fake Telegram server: with its token (the default) or without one; an operator chat when given.</summary>
    public PipelineSettings Bot(bool withToken = true, string? operatorChat = null)
    {
        Set("Telegram:BotToken", withToken ? _rig.Telegram.Token : "").Set("Telegram:ApiBaseUrl", _rig.Telegram.BaseUrl);
        return operatorChat is null ? this : Set("Telegram:OperatorChatId", operatorChat);
    }

    /// <summary>Any other key (<c>Run:MaxDelayedWait</c>, <c>AzureWebJobsStorage</c>).</summary>
    public PipelineSettings Set(string key, string? value)
    {
        _values[key] = value;
        return this;
    }

    /// <summary>Several keys at once (the Functions app's timer schedules).</summary>
    public PipelineSettings Set(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            Set(key, value);
        }
        return this;
    }

    /// <summary>The keys and values, as an in-memory configuration source or process environment takes them.</summary>
    public Dictionary<string, string?> ToDictionary() => new(_values, StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys and values as process environment variables take them (no value: empty).</summary>
    public Dictionary<string, string> ToEnvironment() => _values.ToDictionary(pair => pair.Key, pair => pair.Value ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>The same keys as a JSON configuration file: sections as objects, numbered sections as arrays.</summary>
    public string ToJson()
    {
        var root = new JsonObject();
        foreach (var (key, value) in _values)
        {
            var parts = key.Split(':');
            var node = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                node = node[parts[i]] as JsonObject ?? (JsonObject)(node[parts[i]] = new JsonObject());
            }
            node[parts[^1]] = value;
        }
        return ArraysOfNumberedSections(root).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode ArraysOfNumberedSections(JsonObject section)
    {
        var names = section.Select(pair => pair.Key).ToList();
        foreach (var name in names)
        {
            if (section[name] is JsonObject child && ArraysOfNumberedSections(child) is JsonArray numbered)
            {
                section[name] = numbered;
            }
        }
        if (names.Count == 0 || !names.Select((name, index) => name == index.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(isIndex => isIndex))
        {
            return section;
        }
        var array = new JsonArray();
        foreach (var name in names)
        {
            var child = section[name];
            section.Remove(name);
            array.Add(child);
        }
        return array;
    }
}
