using System.Text.Json;
using System.Xml.Linq;
using Alerts.Core.Events;
using Alerts.Core.Feeds;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Publishing;
using Alerts.Testing;

namespace Alerts.Core.Tests.Publishing;

public sealed class EventFeedWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static EventHead Head(string id, string treatyId, string treatyName, string state, TreatyMilestone milestone, DateTimeOffset lastChange, params (string Link, string Title, SourceLevel Level)[] sources)
        => TestEventHeads.Withdrawal(id, treatyId, state, lastChange, treatyName, milestone: milestone,
            sources: sources.Select((s, i) => new SourceRef("src-" + i, s.Link, s.Title, lastChange.AddHours(-i), s.Level)).ToList())
            with { Summary = "The government proposed a bill & the Duma will vote <soon>." };

    private static readonly EventHead Torture = Head("coe-126.withdrawal.ru", "coe:126", "European Convention for the Prevention of Torture", "RU", TreatyMilestone.Proposed,
        new DateTimeOffset(2025, 10, 3, 9, 30, 0, TimeSpan.Zero),
        ("https://government.ru/docs/123/", "Order on the bill", SourceLevel.Official),
        ("https://www.themoscowtimes.com/2025/10/03/russia-to-quit", "Russia to quit", SourceLevel.Media));

    private static readonly EventHead Start = Head("new-start.withdrawal.us", "new-start", "New START", "US", TreatyMilestone.Announced,
        new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero),
        ("https://example.org/news/1", "US leaves New START", SourceLevel.Media));

    private static byte[] Atom10(EventFeed feed, string language = "en")
    {
        using var stream = new MemoryStream();
        EventFeedWriter.WriteAtom(stream, feed, language);
        return stream.ToArray();
    }

    private static byte[] Json(EventFeed feed, string language = "en")
    {
        using var stream = new MemoryStream();
        EventFeedWriter.WriteJson(stream, feed, language);
        return stream.ToArray();
    }

    [Fact]
    public void Plan_gives_all_one_feed_per_state_and_one_per_treaty_with_file_safe_names()
    {
        var feeds = EventFeedWriter.Plan([Torture, Start], "en");

        Assert.Equal(["all", "state/RU", "state/US", "treaty/coe-126", "treaty/new-start"], feeds.Select(f => f.Name));
        Assert.Equal(["new-start.withdrawal.us", "coe-126.withdrawal.ru"], feeds[0].Events.Select(e => e.EventId));
        Assert.Equal("coe-126.withdrawal.ru", Assert.Single(feeds.Single(f => f.Name == "state/RU").Events).EventId);
        Assert.Equal("Treaty Alerts: Russia", feeds.Single(f => f.Name == "state/RU").Title);
    }

    [Fact]
    public void Atom_output_parses_with_the_project_parser_and_has_the_required_elements()
    {
        var feed = EventFeedWriter.Plan([Torture, Start], "en")[0];
        var bytes = Atom10(feed);

        var parsed = FeedParser.ParseDocument(bytes);
        Assert.Equal("atom10", parsed.Version);
        Assert.Empty(parsed.Warnings);
        Assert.Equal("urn:treaty-alerts:feed:all", parsed.Id);
        Assert.Equal("Treaty Alerts: all events", parsed.Title?.Value);
        Assert.Equal(Start.LastChange, parsed.Updated);
        Assert.Equal(2, parsed.Entries.Count);
        var torture = parsed.Entries.Single(e => e.Id == "urn:treaty-alerts:event:coe-126.withdrawal.ru");
        Assert.Equal("European Convention for the Prevention of Torture: withdrawal by Russia (proposed)", torture.Title?.Value);
        Assert.Equal(Torture.LastChange, torture.Updated);
        Assert.Equal("https://government.ru/docs/123/", torture.Link);
        Assert.Contains("https://www.themoscowtimes.com/2025/10/03/russia-to-quit", torture.Links);
        var content = Assert.Single(torture.Contents).Value;
        Assert.Contains("Stage: proposed", content, StringComparison.Ordinal);
        Assert.Contains("Date of the step: 2025-10-03", content, StringComparison.Ordinal);
        Assert.Contains("the Duma will vote <soon>", content, StringComparison.Ordinal);

        // Required Atom 1.0 elements (RFC 4287 §4.1.1, §4.1.2), checked on the raw XML too.
        var document = XDocument.Load(new MemoryStream(bytes));
        var root = document.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.Null(document.DocumentType);
        Assert.NotNull(root.Element(Atom + "id"));
        Assert.NotNull(root.Element(Atom + "title"));
        Assert.NotNull(root.Element(Atom + "updated"));
        Assert.NotNull(root.Element(Atom + "author")?.Element(Atom + "name"));
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            Assert.NotNull(entry.Element(Atom + "id"));
            Assert.NotNull(entry.Element(Atom + "title"));
            Assert.NotNull(entry.Element(Atom + "updated"));
            Assert.Single(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
        }
    }

    [Fact]
    public void Json_feed_is_version_1_1_with_title_and_items_with_id_and_content()
    {
        var feed = EventFeedWriter.Plan([Torture, Start], "en").Single(f => f.Name == "treaty/coe-126");
        var bytes = Json(feed);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("Treaty Alerts: European Convention for the Prevention of Torture", root.GetProperty("title").GetString());
        var item = Assert.Single(root.GetProperty("items").EnumerateArray());
        Assert.Equal("urn:treaty-alerts:event:coe-126.withdrawal.ru", item.GetProperty("id").GetString());
        Assert.Contains("Stage: proposed", item.GetProperty("content_text").GetString(), StringComparison.Ordinal);
        Assert.Equal("2025-10-03T09:30:00Z", item.GetProperty("date_modified").GetString());
        Assert.Equal("https://government.ru/docs/123/", item.GetProperty("url").GetString());
        Assert.Equal(2, item.GetProperty("_treaty_alerts").GetProperty("sources").GetArrayLength());

        var parsed = FeedParser.ParseDocument(bytes);
        Assert.Equal("json11", parsed.Version);
        Assert.Equal("urn:treaty-alerts:event:coe-126.withdrawal.ru", Assert.Single(parsed.Entries).Id);
    }

    [Fact]
    public void Russian_feed_titles_the_entries_in_Russian_and_keeps_the_entry_id()
    {
        var feed = EventFeedWriter.Plan([Torture], "ru")[0];

        var parsed = FeedParser.ParseDocument(Atom10(feed, "ru"));

        var entry = Assert.Single(parsed.Entries);
        Assert.Equal("urn:treaty-alerts:event:coe-126.withdrawal.ru", entry.Id);
        Assert.Contains("выход — Россия", entry.Title?.Value, StringComparison.Ordinal);
        Assert.Equal("ru", parsed.Language);
    }

    [Fact]
    public void An_empty_feed_is_still_a_valid_document()
    {
        var feed = EventFeedWriter.Plan([], "en").Single();

        var parsed = FeedParser.ParseDocument(Atom10(feed));

        Assert.Equal("urn:treaty-alerts:feed:all", parsed.Id);
        Assert.Empty(parsed.Entries);
        Assert.NotNull(parsed.Updated);
    }

    private sealed class RussianNames : ITreatyNames
    {
        public TreatyName? Find(string treatyId, string language)
            => treatyId == "coe:126" && language == "ru" ? new TreatyName("Европейская конвенция по предупреждению пыток") : null;
    }

    [Fact]
    public void Treaty_names_come_from_the_catalogue_in_the_feed_language_else_from_the_event()
    {
        var names = new RussianNames();
        var feeds = EventFeedWriter.Plan([Torture, Start], "ru", names);

        Assert.Equal("Treaty Alerts: Европейская конвенция по предупреждению пыток", feeds.Single(f => f.Name == "treaty/coe-126").Title);
        Assert.StartsWith("Европейская конвенция по предупреждению пыток: выход", EventFeedWriter.Title(Torture, "ru", names), StringComparison.Ordinal);
        Assert.StartsWith("New START: выход", EventFeedWriter.Title(Start, "ru", names), StringComparison.Ordinal);
        Assert.StartsWith("European Convention for the Prevention of Torture: withdrawal", EventFeedWriter.Title(Torture, "en", names), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_planned_feed_in_both_languages_passes_the_third_party_validator_and_a_broken_one_does_not()
    {
        var feeds = new List<(string, byte[])>();
        foreach (var language in new[] { "en", "ru" })
        {
            foreach (var feed in EventFeedWriter.Plan([Torture, Start], language, new RussianNames()).Append(EventFeedWriter.Plan([], language).Single()))
            {
                var stem = language + "-" + feed.Name + (feed.Events.Count == 0 ? "-empty" : "");
                feeds.Add((stem + ".atom", Atom10(feed, language)));
                feeds.Add((stem + ".json", Json(feed, language)));
            }
        }

        var output = await FeedValidator.AssertValidAsync(feeds);
        Assert.Equal(feeds.Count, output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));

        // The validator has teeth: an entry without its id, and a JSON item with a date that is not RFC 3339, are refused.
        var atom = System.Text.Encoding.UTF8.GetString(Atom10(EventFeedWriter.Plan([Torture], "en")[0]));
        var noId = System.Text.RegularExpressions.Regex.Replace(atom, "<entry>\\s*<id>[^<]*</id>", "<entry>");
        var json = System.Text.Encoding.UTF8.GetString(Json(EventFeedWriter.Plan([Torture], "en")[0])).Replace("\"2025-10-03T09:30:00Z\"", "\"3 October 2025\"", StringComparison.Ordinal);
        Assert.NotEqual(atom, noId);
        foreach (var (name, text) in new[] { ("no-id.atom", noId), ("bad-date.json", json) })
        {
            var refused = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => FeedValidator.AssertValidAsync([(name, System.Text.Encoding.UTF8.GetBytes(text))]));
            Assert.Contains("invalid ", refused.Message, StringComparison.Ordinal);
        }
    }
}
