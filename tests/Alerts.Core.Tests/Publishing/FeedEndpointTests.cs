using System.Globalization;
using System.Text;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Feeds;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Publishing;
using Alerts.Core.Routing;
using Alerts.Core.Tests.Support;
using Alerts.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Publishing;

/// <summary>
/// The feeds endpoint over a real SQLite store: which events are public, the routes, conditional requests (ETag,
/// Last-Modified), limits and errors. The HTTP function itself is tested through the Functions host in the
/// integration tests; this is the logic it hands every request to.
/// </summary>
public sealed class FeedEndpointTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly TempSqlite _db = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly EventTable _events;
    private readonly ReviewQueue _reviews;
    private readonly FeedOptions _options = new() { MaxEntries = 3, MaxAgeSeconds = 120, CacheSeconds = 60 };
    private readonly FeedEndpoint _endpoint;

    private static readonly TreatyCatalog Catalog = TreatyCatalog.Parse("""
        {"treaties":[
          {"id":"coe:126","names":{"en":"European Convention for the Prevention of Torture","ru":"Европейская конвенция по предупреждению пыток"}},
          {"id":"new-start","names":{"en":"New START"}},
          {"id":"ctbt","names":{"en":"Comprehensive Nuclear-Test-Ban Treaty"}}
        ]}
        """);

    public FeedEndpointTests()
    {
        _events = new EventTable(_db.Store);
        _reviews = new ReviewQueue(_db.Store, _time);
        var options = Options.Create(_options);
        _endpoint = new FeedEndpoint(new PublicEvents(new EventQueries(_events), _reviews, _time, options), Catalog, new Names(), options);
    }

    public void Dispose() => _db.Dispose();

    private sealed class Names : ITreatyNames
    {
        public TreatyName? Find(string treatyId, string language) => Catalog.Find(treatyId) is { } entry
            ? new TreatyName(language == "ru" && entry.NameRu.Length > 0 ? entry.NameRu : entry.NameEn)
            : null;
    }

    private static readonly EventHead Torture = TestEventHeads.Withdrawal("coe-126.withdrawal.ru", "coe:126", "RU", new DateTimeOffset(2025, 10, 3, 9, 30, 15, 250, TimeSpan.Zero));
    private static readonly EventHead Start = TestEventHeads.Withdrawal("new-start.withdrawal.us", "new-start", "US", new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));

    private Task InsertAsync(params EventHead[] heads) => Task.WhenAll(heads.Select(h => _events.InsertHeadAsync(h)));

    private Task<FeedResponse> GetAsync(string path, string? ifNoneMatch = null, string? ifModifiedSince = null, string? language = null, string? limit = null, string method = "GET")
        => _endpoint.HandleAsync(new FeedRequest(method, path, new Uri("https://alerts.example.org/api/feeds/" + path), language, limit, ifNoneMatch, ifModifiedSince));

    private static IReadOnlyList<string?> EntryIds(FeedResponse response) => FeedParser.ParseDocument(response.Body).Entries.Select(e => e.Id).ToList();

    [Fact]
    public async Task All_events_as_atom_with_content_type_strong_etag_last_modified_and_public_cache_control()
    {
        await InsertAsync(Torture, Start);

        var response = await GetAsync("events.atom");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Equal("public, max-age=120", response.Headers["Cache-Control"]);
        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
        Assert.Matches("^\"[0-9a-f]{32}\"$", response.Headers["ETag"]);
        // The newest entry's update, to the second, as an HTTP date.
        Assert.Equal("Sat, 01 Nov 2025 12:00:00 GMT", response.Headers["Last-Modified"]);
        Assert.Equal(["urn:treaty-alerts:event:new-start.withdrawal.us", "urn:treaty-alerts:event:coe-126.withdrawal.ru"], EntryIds(response));
        var parsed = FeedParser.ParseDocument(response.Body);
        Assert.Empty(parsed.Warnings);
        Assert.Equal("urn:treaty-alerts:feed:all", parsed.Id);
        Assert.Contains("rel=\"self\" type=\"application/atom+xml\" href=\"https://alerts.example.org/api/feeds/events.atom\"", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_entries_as_alerts_feed_writes_for_the_same_feed()
    {
        await InsertAsync(Torture, Start);

        var served = await GetAsync("state/RU.json");

        using var written = new MemoryStream();
        EventFeedWriter.WriteJson(written, EventFeedWriter.Plan([Torture, Start], "en", new Names()).Single(f => f.Name == "state/RU"), "en", new Names(),
            new Uri("https://alerts.example.org/api/feeds/state/RU.json"));
        Assert.Equal(Encoding.UTF8.GetString(written.ToArray()), Encoding.UTF8.GetString(served.Body));
    }

    [Fact]
    public async Task A_state_feed_holds_only_that_states_events_and_a_treaty_feed_only_that_treatys()
    {
        await InsertAsync(Torture, Start);

        var russia = await GetAsync("state/RU.json");
        var lower = await GetAsync("state/ru.atom");
        var treaty = await GetAsync("treaty/new-start.atom");
        var byId = await GetAsync("treaty/coe-126.atom");

        Assert.Equal("application/feed+json; charset=utf-8", russia.Headers["Content-Type"]);
        Assert.Equal(["urn:treaty-alerts:event:coe-126.withdrawal.ru"], EntryIds(russia));
        Assert.Equal(["urn:treaty-alerts:event:coe-126.withdrawal.ru"], EntryIds(lower));
        Assert.Equal(["urn:treaty-alerts:event:new-start.withdrawal.us"], EntryIds(treaty));
        Assert.Equal(["urn:treaty-alerts:event:coe-126.withdrawal.ru"], EntryIds(byId));
        Assert.Equal("Treaty Alerts: European Convention for the Prevention of Torture", FeedParser.ParseDocument(byId.Body).Title?.Value);
    }

    [Fact]
    public async Task A_known_state_or_catalogue_treaty_without_events_is_an_empty_feed_and_an_unknown_one_is_404()
    {
        await InsertAsync(Torture);

        var france = await GetAsync("state/FR.atom");
        var ctbt = await GetAsync("treaty/ctbt.json");
        var unknownState = await GetAsync("state/XX.atom");
        var unknownTreaty = await GetAsync("treaty/coe-99999.atom");
        var nonsense = await GetAsync("everything.rss");

        Assert.Equal(200, france.Status);
        Assert.Empty(EntryIds(france));
        Assert.False(france.Headers.ContainsKey("Last-Modified"));
        Assert.Equal(200, ctbt.Status);
        Assert.Empty(EntryIds(ctbt));
        foreach (var (response, says) in new[] { (unknownState, "Unknown state 'XX'"), (unknownTreaty, "Unknown treaty 'coe-99999'"), (nonsense, "No such feed") })
        {
            Assert.Equal(404, response.Status);
            Assert.Equal("text/plain; charset=utf-8", response.Headers["Content-Type"]);
            Assert.Equal("no-store", response.Headers["Cache-Control"]);
            Assert.StartsWith(says, Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task If_none_match_with_the_etag_gives_304_without_a_body_and_a_changed_feed_gives_200_with_a_new_etag()
    {
        await InsertAsync(Torture);
        var first = await GetAsync("events.json");
        var etag = first.Headers["ETag"];

        var again = await GetAsync("events.json", ifNoneMatch: etag);
        var weak = await GetAsync("events.json", ifNoneMatch: "\"other\", W/" + etag);
        var star = await GetAsync("events.json", ifNoneMatch: "*");
        var other = await GetAsync("events.json", ifNoneMatch: "\"0123\"");

        Assert.Equal(304, again.Status);
        Assert.Empty(again.Body);
        Assert.Equal(etag, again.Headers["ETag"]);
        Assert.Equal("public, max-age=120", again.Headers["Cache-Control"]);
        Assert.Equal(304, weak.Status);
        Assert.Equal(304, star.Status);
        Assert.Equal(200, other.Status);
        Assert.Equal(first.Body, other.Body);

        await InsertAsync(Start);
        _time.Advance(TimeSpan.FromSeconds(_options.CacheSeconds));
        var changed = await GetAsync("events.json", ifNoneMatch: etag);
        Assert.Equal(200, changed.Status);
        Assert.NotEqual(etag, changed.Headers["ETag"]);
        Assert.Equal(2, EntryIds(changed).Count);
    }

    [Fact]
    public async Task If_modified_since_the_newest_entry_gives_304_an_older_date_200_and_if_none_match_wins_when_both_are_sent()
    {
        await InsertAsync(Torture);
        var lastModified = (await GetAsync("state/RU.atom")).Headers["Last-Modified"];
        Assert.Equal("Fri, 03 Oct 2025 09:30:15 GMT", lastModified);

        var same = await GetAsync("state/RU.atom", ifModifiedSince: lastModified);
        var later = await GetAsync("state/RU.atom", ifModifiedSince: "Sat, 04 Oct 2025 00:00:00 GMT");
        var earlier = await GetAsync("state/RU.atom", ifModifiedSince: "Fri, 03 Oct 2025 09:30:14 GMT");
        var garbage = await GetAsync("state/RU.atom", ifModifiedSince: "yesterday");
        var bothStale = await GetAsync("state/RU.atom", ifNoneMatch: "\"0123\"", ifModifiedSince: lastModified);

        Assert.Equal(304, same.Status);
        Assert.Empty(same.Body);
        Assert.Equal(lastModified, same.Headers["Last-Modified"]);
        Assert.Equal(304, later.Status);
        Assert.Equal(200, earlier.Status);
        Assert.Equal(200, garbage.Status);
        Assert.Equal(200, bothStale.Status);
    }

    [Fact]
    public async Task Head_answers_the_same_headers_without_a_body()
    {
        await InsertAsync(Torture);

        var get = await GetAsync("events.atom");
        var head = await GetAsync("events.atom", method: "HEAD");
        var post = await GetAsync("events.atom", method: "POST");

        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        Assert.Equal(get.Headers["ETag"], head.Headers["ETag"]);
        Assert.Equal(get.Headers["Content-Type"], head.Headers["Content-Type"]);
        Assert.Equal(405, post.Status);
        Assert.Equal("GET, HEAD", post.Headers["Allow"]);
    }

    [Fact]
    public async Task Limit_is_capped_by_max_entries_and_bad_language_or_limit_is_400()
    {
        await InsertAsync(Enumerable.Range(1, 5).Select(i => TestEventHeads.Withdrawal($"coe-126.withdrawal.s{i}", "coe:126", "RU", Now.AddDays(-i))).ToArray());

        Assert.Equal(3, EntryIds(await GetAsync("events.atom")).Count);
        Assert.Equal(3, EntryIds(await GetAsync("events.atom", limit: "1000")).Count);
        Assert.Equal(["urn:treaty-alerts:event:coe-126.withdrawal.s1", "urn:treaty-alerts:event:coe-126.withdrawal.s2"], EntryIds(await GetAsync("events.atom", limit: "2")));
        Assert.Equal(400, (await GetAsync("events.atom", limit: "0")).Status);
        Assert.Equal(400, (await GetAsync("events.atom", limit: "-1")).Status);
        Assert.Equal(400, (await GetAsync("events.atom", limit: "ten")).Status);
        Assert.Equal(400, (await GetAsync("events.atom", language: "de")).Status);
        Assert.Equal(404, (await GetAsync(new string('a', 300) + ".atom")).Status);
    }

    [Fact]
    public async Task Russian_feed_on_language_ru()
    {
        await InsertAsync(Torture);

        var response = await GetAsync("treaty/coe-126.atom", language: "ru");

        var parsed = FeedParser.ParseDocument(response.Body);
        Assert.Equal("ru", parsed.Language);
        Assert.Contains("Европейская конвенция по предупреждению пыток: выход — Россия", Assert.Single(parsed.Entries).Title?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_a_channel_would_hold_for_review_stay_out_unless_an_operator_approved_them_and_rejected_ones_stay_out()
    {
        var unknownTreaty = TestEventHeads.Withdrawal("unknown.withdrawal.ru", TreatyRef.UnknownId, "RU", Now.AddDays(-1));
        var notAState = TestEventHeads.Withdrawal("coe-126.withdrawal.xx", "coe:126", "Wagner", Now.AddDays(-2));
        var uncertain = TestEventHeads.Withdrawal("new-start.withdrawal.ru", "new-start", "RU", Now.AddDays(-3), confidence: 0.4);
        var approved = TestEventHeads.Withdrawal("ctbt.withdrawal.ru", "ctbt", "RU", Now.AddDays(-4), confidence: 0.4);
        var rejected = TestEventHeads.Withdrawal("coe-126.withdrawal.by", "coe:126", "BY", Now.AddDays(-5));
        await InsertAsync(Torture, unknownTreaty, notAState, uncertain, approved, rejected);
        var channel = new ChannelDefinition { Id = "main-en", ChatId = "-1001", Language = "en", Review = ReviewQueue.All };
        foreach (var held in new[] { approved, rejected })
        {
            await _reviews.HoldAsync(EventTable.RevisionOf(held), channel, "test");
        }
        await _reviews.DecideAsync("main-en:" + approved.EventId, approve: true);
        await _reviews.DecideAsync("main-en:" + rejected.EventId, approve: false);

        var response = await GetAsync("events.json");

        Assert.Equal(["urn:treaty-alerts:event:ctbt.withdrawal.ru", "urn:treaty-alerts:event:coe-126.withdrawal.ru"], EntryIds(response));
        var text = Encoding.UTF8.GetString(response.Body);
        Assert.DoesNotContain("-1001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("main-en", text, StringComparison.Ordinal);
        Assert.Equal(404, (await GetAsync("treaty/unknown.atom")).Status);
    }

    [Fact]
    public async Task The_public_event_list_is_read_once_per_cache_period()
    {
        await InsertAsync(Torture);
        Assert.Single(EntryIds(await GetAsync("events.atom")));

        await InsertAsync(Start);
        _time.Advance(TimeSpan.FromSeconds(_options.CacheSeconds - 1));
        Assert.Single(EntryIds(await GetAsync("events.atom")));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, EntryIds(await GetAsync("events.atom")).Count);
    }

    [Fact]
    public async Task Served_feeds_pass_the_third_party_validator()
    {
        await InsertAsync(Torture, Start);
        var feeds = new List<(string, byte[])>();
        foreach (var path in new[] { "events.atom", "events.json", "state/RU.atom", "state/RU.json", "treaty/new-start.atom", "treaty/new-start.json", "state/FR.atom", "state/FR.json" })
        {
            foreach (var language in new[] { "en", "ru" })
            {
                var response = await GetAsync(path, language: language);
                Assert.Equal(200, response.Status);
                feeds.Add((language + "-" + path, response.Body));
            }
        }

        var output = await FeedValidator.AssertValidAsync(feeds);

        Assert.Equal(feeds.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"en-events.atom (2 entries)"), output, StringComparison.Ordinal);
    }
}
