using System.Text;
using System.Text.Json;
using Alerts.Core.Events;
using Alerts.Core.Feeds;
using Alerts.Functions;
using Alerts.Integration.Tests.Stores;
using Alerts.Testing;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// The public feeds function (<see cref="ServeFeed"/>) as the Functions host runs it: the published worker over the
/// FunctionRpc protocol, each request an <c>RpcHttp</c> invocation as the host sends it for <c>GET /api/feeds/...</c>,
/// the events in Azurite's tables (written through the app's own composition). Checks status, content type, ETag and
/// Last-Modified round trips (304), 404 for an unknown state, that a state's feed holds only its events, that an event
/// a channel would hold for review and the channels' chat ids never appear, and that the bodies pass the third-party
/// validator.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ChatId = "-1001234567890";
    private FunctionRpcTestHost _host = null!;
    private FakeTelegramServer _telegram = null!;
    private RpcFunctionMetadata _function = null!;

    private Dictionary<string, string> Settings() => new(PublishedWorker.TimerSchedules)
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["UseDefaultSources"] = "false",
        ["Channels:0:Id"] = "main-en",
        ["Channels:0:ChatId"] = ChatId,
        ["Channels:0:Language"] = "en",
        ["Telegram:BotToken"] = _telegram.Token,
        ["Telegram:ApiBaseUrl"] = _telegram.BaseUrl,
        ["Feeds:MaxEntries"] = "50",
        ["Feeds:MaxAgeSeconds"] = "600",
    };

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        await FunctionsStorage.ResetAsync(azurite);
        // The events, written through the Functions app's own composition into Azurite's tables.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddAlertsFunctions(configuration, AppContext.BaseDirectory);
        await using var provider = services.BuildServiceProvider();
        var events = provider.GetRequiredService<EventTable>();
        await events.InsertHeadAsync(TestEventHeads.Withdrawal("coe-126.withdrawal.ru", "coe:126", "RU", new DateTimeOffset(2025, 8, 26, 10, 0, 0, TimeSpan.Zero),
            "European Convention for the Prevention of Torture"));
        await events.InsertHeadAsync(TestEventHeads.Withdrawal("new-start.withdrawal.us", "new-start", "US", new DateTimeOffset(2025, 9, 1, 12, 0, 0, TimeSpan.Zero), "New START"));
        // Would be held for review (confidence under 0.5) and was never approved: not public.
        await events.InsertHeadAsync(TestEventHeads.Withdrawal("ctbt.withdrawal.ru", "ctbt", "RU", new DateTimeOffset(2025, 9, 5, 8, 0, 0, TimeSpan.Zero),
            "Comprehensive Nuclear-Test-Ban Treaty", confidence: 0.35));
        _host = await FunctionRpcTestHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _telegram.DisposeAsync();
    }

    [Fact]
    public async Task Feeds_function_serves_atom_and_json_with_etag_and_last_modified_304s_and_404_for_an_unknown_state()
    {
        var directory = await PublishedWorker.PublishAsync();
        await using var worker = PublishedWorker.Start(directory, _host.Uri, Settings());
        await StartAsync(worker, directory);

        // All events, Atom.
        var all = await GetAsync("events.atom");
        Assert.Equal("200", all.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", Header(all, "Content-Type"));
        Assert.Equal("public, max-age=600", Header(all, "Cache-Control"));
        var etag = Header(all, "ETag")!;
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.Equal("Mon, 01 Sep 2025 12:00:00 GMT", Header(all, "Last-Modified"));
        var atom = FeedParser.ParseDocument(Body(all));
        Assert.Equal("atom10", atom.Version);
        Assert.Empty(atom.Warnings);
        Assert.Equal(["urn:treaty-alerts:event:new-start.withdrawal.us", "urn:treaty-alerts:event:coe-126.withdrawal.ru"], atom.Entries.Select(e => e.Id));

        // Conditional requests: the ETag and the Last-Modified date each give 304 without a body.
        var byEtag = await GetAsync("events.atom", ("If-None-Match", etag));
        Assert.Equal("304", byEtag.StatusCode);
        Assert.Empty(Body(byEtag));
        Assert.Equal(etag, Header(byEtag, "ETag"));
        var byDate = await GetAsync("events.atom", ("If-Modified-Since", "Mon, 01 Sep 2025 12:00:00 GMT"));
        Assert.Equal("304", byDate.StatusCode);
        var stale = await GetAsync("events.atom", ("If-Modified-Since", "Sun, 31 Aug 2025 00:00:00 GMT"));
        Assert.Equal("200", stale.StatusCode);

        // One state's JSON Feed holds that state's public events only.
        var russia = await GetAsync("state/RU.json");
        Assert.Equal("200", russia.StatusCode);
        Assert.Equal("application/feed+json; charset=utf-8", Header(russia, "Content-Type"));
        using (var json = JsonDocument.Parse(Body(russia)))
        {
            Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
            Assert.Equal("http://localhost:7071/api/feeds/state/RU.json", json.RootElement.GetProperty("feed_url").GetString());
            var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
            Assert.Equal("urn:treaty-alerts:event:coe-126.withdrawal.ru", item.GetProperty("id").GetString());
        }

        // A treaty's feed in Russian; an unknown state is a plain 404.
        var treaty = await GetAsync("treaty/coe-126.atom", query: ("language", "ru"));
        Assert.Equal("200", treaty.StatusCode);
        Assert.Contains("выход — Россия", Assert.Single(FeedParser.ParseDocument(Body(treaty)).Entries).Title?.Value, StringComparison.Ordinal);
        var unknown = await GetAsync("state/ZZ.json");
        Assert.Equal("404", unknown.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", Header(unknown, "Content-Type"));
        Assert.StartsWith("Unknown state 'ZZ'", Encoding.UTF8.GetString(Body(unknown)), StringComparison.Ordinal);

        // HEAD: the same validators, no body.
        var head = await GetAsync("events.atom", method: "HEAD");
        Assert.Equal("200", head.StatusCode);
        Assert.Equal(etag, Header(head, "ETag"));
        Assert.Empty(Body(head));

        // No private data, and the bodies are valid per the third-party validator.
        foreach (var response in new[] { all, russia, treaty })
        {
            var text = Encoding.UTF8.GetString(Body(response));
            Assert.DoesNotContain(ChatId, text, StringComparison.Ordinal);
            Assert.DoesNotContain("main-en", text, StringComparison.Ordinal);
            Assert.DoesNotContain(_telegram.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("ctbt", text, StringComparison.Ordinal);
        }
        Assert.Empty(_telegram.CallsOf("sendMessage"));
        await FeedValidator.AssertValidAsync([("events.atom", Body(all)), ("state-RU.json", Body(russia)), ("treaty-coe-126.atom", Body(treaty))]);
    }

    private async Task StartAsync(PublishedWorker worker, string directory)
    {
        await worker.OrExitAsync(_host.Started, FunctionRpcTestHost.StartTimeout, "StartStream");
        await _host.InitWorkerAsync(worker, directory);
        var metadata = await _host.FunctionMetadataAsync(worker, directory);
        _function = Assert.Single(metadata.FunctionMetadataResults, f => f.Name == nameof(ServeFeed));
        await _host.LoadAsync(_function);
    }

    /// <summary>An HTTP invocation as the host sends one for <c>GET http://localhost:7071/api/feeds/&lt;path&gt;</c>.</summary>
    private async Task<RpcHttp> GetAsync(string path, (string Name, string Value)? header = null, (string Name, string Value)? query = null, string method = "GET")
    {
        var url = "http://localhost:7071/api/feeds/" + path + (query is { } q ? $"?{q.Name}={Uri.EscapeDataString(q.Value)}" : "");
        var http = new RpcHttp { Method = method, Url = url, Body = new TypedData() };
        http.Params["path"] = path;
        http.NullableParams["path"] = new NullableString { Value = path };
        foreach (var (name, value) in new[] { ("Host", "localhost:7071"), ("Accept", "*/*") }.Concat(header is { } h ? [h] : []))
        {
            http.Headers[name] = value;
            http.NullableHeaders[name] = new NullableString { Value = value };
        }
        if (query is { } pair)
        {
            http.Query[pair.Name] = pair.Value;
            http.NullableQuery[pair.Name] = new NullableString { Value = pair.Value };
        }
        var response = await _host.InvokeAsync(_function, new TypedData { Http = http }, new Dictionary<string, TypedData> { ["path"] = new TypedData { String = path } }, $"{method} {url}");
        var returned = response.ReturnValue ?? response.OutputData.FirstOrDefault(o => o.Name == "$return")?.Data;
        Assert.True(returned?.DataCase == TypedData.DataOneofCase.Http, $"{method} {url}: the function returned {returned?.DataCase}, not an HTTP response");
        return returned!.Http;
    }

    private static string? Header(RpcHttp response, string name)
        => response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value
            ?? response.NullableHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Value;

    private static byte[] Body(RpcHttp response) => response.Body?.DataCase switch
    {
        TypedData.DataOneofCase.Bytes => response.Body.Bytes.ToByteArray(),
        TypedData.DataOneofCase.String => Encoding.UTF8.GetBytes(response.Body.String),
        TypedData.DataOneofCase.Stream => response.Body.Stream.ToByteArray(),
        _ => [],
    };
}
